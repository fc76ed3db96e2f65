package org.tradewatch.core.status;

import java.time.Instant;
import java.util.Objects;
import org.tradewatch.core.listing.Source;

/**
 * A stream's lifetime counters, kept across restarts.
 *
 * @param source the stream
 * @param eventsApplied listing events applied to the store
 * @param eventsSkipped events skipped as duplicates, stale or superseded
 * @param eventsIgnored events of other types (counted, not applied)
 * @param reconnects connections opened after the first one
 * @param lastFrameAt when the last frame arrived, or null
 */
public record StreamCounters(
    Source source,
    long eventsApplied,
    long eventsSkipped,
    long eventsIgnored,
    long reconnects,
    Instant lastFrameAt) {

  public StreamCounters {
    Objects.requireNonNull(source, "source");
  }

  public static StreamCounters zero(Source source) {
    return new StreamCounters(source, 0, 0, 0, 0, null);
  }
}
