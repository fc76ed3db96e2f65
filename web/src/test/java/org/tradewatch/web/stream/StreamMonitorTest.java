package org.tradewatch.web.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.ingest.IngestResult;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.status.EventRate;

/** A stream's counts as {@code /api/streams} and the status page read them. */
class StreamMonitorTest {

  private static final Instant T0 = Instant.ofEpochSecond(1_800_000_000L);

  private final Instant[] now = {T0.plusMillis(200)};
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now[0];
        }
      };
  private final StreamMonitor monitor = new StreamMonitor(Source.BPTF, clock);

  private static IngestResult applied(int events) {
    return new IngestResult(events, 0, 0, 0, 0, 0, Map.of(), List.of(), List.of());
  }

  @Test
  void theAppliedCountsOfEachBatchMakeTheChartAndTheRate() {
    monitor.applied(applied(3));
    monitor.applied(applied(2));
    now[0] = T0.plusSeconds(2);
    monitor.applied(applied(4));
    now[0] = T0.plusSeconds(3);

    assertEquals(
        new EventRate.Series(T0.getEpochSecond(), new long[] {5, 0, 4}),
        monitor.appliedPerSecond());
    assertEquals(9.0 / 4, monitor.view().eventsPerSecond(), "9 events over 4 seconds");
  }
}
