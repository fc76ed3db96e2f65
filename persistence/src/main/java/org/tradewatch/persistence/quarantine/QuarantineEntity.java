package org.tradewatch.persistence.quarantine;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.tradewatch.core.ingest.QuarantinedInput;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.EpochMicrosConverter;

/** One rejected input, kept whole: a rejected frame can be as large as a batch of 500 events. */
@Entity
@Table(
    name = "quarantine",
    indexes = @Index(name = "ix_quarantine_source_received", columnList = "source, received_at"))
public class QuarantineEntity {

  static final int REASON_LENGTH = 2000;

  @Id
  @SequenceGenerator(name = "quarantine_seq", sequenceName = "quarantine_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "quarantine_seq")
  @Column(name = "id")
  Long id;

  @Column(name = "source", length = 16, nullable = false)
  String source;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "received_at", nullable = false)
  Instant receivedAt;

  @Column(name = "reason", length = REASON_LENGTH, nullable = false)
  String reason;

  @Lob
  @Column(name = "raw", nullable = false)
  String raw;

  protected QuarantineEntity() {}

  QuarantineEntity(QuarantinedInput input) {
    source = input.source().id();
    receivedAt = input.receivedAt();
    // The reason is ours, but it may quote upstream text; the raw input is what must stay whole.
    reason =
        input.reason().length() <= REASON_LENGTH
            ? input.reason()
            : input.reason().substring(0, REASON_LENGTH - 1) + "…";
    raw = input.raw();
  }

  QuarantinedInput toInput() {
    return new QuarantinedInput(Source.fromId(source), receivedAt, reason, raw);
  }
}
