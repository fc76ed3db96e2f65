package org.tradewatch.persistence.quarantine;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.tradewatch.core.ingest.QuarantinedInput;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.EpochMicrosConverter;
import org.tradewatch.persistence.InsertionOrder;

/** One rejected input, kept whole: a rejected frame can be as large as a batch of 500 events. */
@Entity
@Table(
    name = "quarantine",
    indexes = @Index(name = "ix_quarantine_source_received", columnList = "source, received_at"))
public class QuarantineEntity {

  static final int REASON_LENGTH = 2000;

  // A random id rather than a sequence: EclipseLink logs its existence check for a sequence as a
  // failure on every fresh database.
  @Id
  @Column(name = "id", length = 36)
  String id;

  /** Orders inputs received in the same microsecond by when they were stored. */
  @Column(name = "recorded_seq", nullable = false)
  long recordedSeq;

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
    id = UUID.randomUUID().toString();
    recordedSeq = InsertionOrder.next();
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
