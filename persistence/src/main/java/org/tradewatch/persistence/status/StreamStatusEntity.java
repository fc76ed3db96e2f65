package org.tradewatch.persistence.status;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.status.StreamCounters;
import org.tradewatch.persistence.EpochMicrosConverter;

/** One stream's counters, one row per source. */
@Entity
@Table(name = "stream_status")
public class StreamStatusEntity {

  @Id
  @Column(name = "source", length = 16)
  String source;

  @Column(name = "events_applied", nullable = false)
  long eventsApplied;

  @Column(name = "events_skipped", nullable = false)
  long eventsSkipped;

  @Column(name = "events_ignored", nullable = false)
  long eventsIgnored;

  @Column(name = "reconnects", nullable = false)
  long reconnects;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "last_frame_at")
  Instant lastFrameAt;

  protected StreamStatusEntity() {}

  StreamStatusEntity(Source source) {
    this.source = source.id();
  }

  void write(StreamCounters counters) {
    eventsApplied = counters.eventsApplied();
    eventsSkipped = counters.eventsSkipped();
    eventsIgnored = counters.eventsIgnored();
    reconnects = counters.reconnects();
    lastFrameAt = counters.lastFrameAt();
  }

  StreamCounters toCounters() {
    return new StreamCounters(
        Source.fromId(source),
        eventsApplied,
        eventsSkipped,
        eventsIgnored,
        reconnects,
        lastFrameAt);
  }
}
