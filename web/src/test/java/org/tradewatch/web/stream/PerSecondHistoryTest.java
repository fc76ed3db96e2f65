package org.tradewatch.web.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.ingest.IngestResult;
import org.tradewatch.core.listing.Source;

/** The ring of per-second counts behind the status page's chart. */
class PerSecondHistoryTest {

  private static final Instant T0 = Instant.ofEpochSecond(1_800_000_000L);

  private static Instant at(long second, long millis) {
    return T0.plusSeconds(second).plusMillis(millis);
  }

  @Test
  void countsAddUpPerSecondAndQuietSecondsAreZero() {
    PerSecondHistory history = new PerSecondHistory(Duration.ofSeconds(10), T0);
    history.record(3, at(0, 100));
    history.record(4, at(0, 900));
    history.record(5, at(2, 0));

    PerSecondHistory.Series series = history.series(at(4, 500));

    assertEquals(T0.getEpochSecond(), series.from());
    assertArrayEquals(new long[] {7, 0, 5, 0}, series.values());
  }

  @Test
  void theRunningSecondIsLeftOutUntilItIsComplete() {
    PerSecondHistory history = new PerSecondHistory(Duration.ofSeconds(10), T0);
    history.record(2, at(0, 0));
    history.record(9, at(1, 10));

    assertArrayEquals(new long[] {2}, history.series(at(1, 999)).values());
    assertArrayEquals(new long[] {2, 9}, history.series(at(2, 0)).values());
    assertArrayEquals(new long[0], history.series(at(0, 999)).values(), "nothing complete yet");
  }

  @Test
  void theSeriesCoversAtMostTheSpanAndNeverBeforeTheStart() {
    PerSecondHistory history = new PerSecondHistory(Duration.ofSeconds(3), T0);
    for (int second = 0; second < 10; second++) {
      history.record(second, at(second, 0));
    }

    PerSecondHistory.Series series = history.series(at(10, 0));

    assertEquals(T0.getEpochSecond() + 7, series.from());
    assertArrayEquals(new long[] {7, 8, 9}, series.values());
  }

  @Test
  void slotsReusedAfterAQuietSpellDoNotShowOldCounts() {
    PerSecondHistory history = new PerSecondHistory(Duration.ofSeconds(4), T0);
    history.record(100, at(0, 0));
    history.record(1, at(9, 0));

    // second 8 shares second 0's slot; second 0's count must not come back as second 8's
    assertArrayEquals(new long[] {0, 0, 0, 1}, history.series(at(10, 0)).values());
  }

  @Test
  void anEventOlderThanTheSpanIsDropped() {
    PerSecondHistory history = new PerSecondHistory(Duration.ofSeconds(4), T0);
    history.record(1, at(8, 0));
    history.record(50, at(4, 0)); // same slot as second 8, and older: dropped

    assertArrayEquals(new long[] {0, 0, 0, 1}, history.series(at(9, 0)).values());
  }

  @Test
  void theSeriesIsACopy() {
    PerSecondHistory history = new PerSecondHistory(Duration.ofSeconds(4), T0);
    history.record(1, at(0, 0));
    PerSecondHistory.Series series = history.series(at(1, 0));
    series.values()[0] = 42;
    history.record(1, at(0, 0));

    assertArrayEquals(new long[] {1}, series.values());
    assertArrayEquals(new long[] {2}, history.series(at(1, 0)).values());
  }

  @Test
  void aStreamMonitorKeepsTheAppliedCountsOfEachBatch() {
    Instant[] now = {at(0, 200)};
    Clock clock =
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
    StreamMonitor monitor = new StreamMonitor(Source.BPTF, clock);
    monitor.applied(applied(3));
    monitor.applied(applied(2));
    now[0] = at(2, 0);
    monitor.applied(applied(4));
    now[0] = at(3, 0);

    assertEquals(
        new PerSecondHistory.Series(T0.getEpochSecond(), new long[] {5, 0, 4}),
        monitor.appliedPerSecond());
  }

  private static IngestResult applied(int events) {
    return new IngestResult(events, 0, 0, 0, 0, 0, Map.of(), List.of(), List.of(), List.of());
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new PerSecondHistory(Duration.ofMillis(1500), T0));
    assertThrows(IllegalArgumentException.class, () -> new PerSecondHistory(Duration.ZERO, T0));
    PerSecondHistory history = new PerSecondHistory(Duration.ofSeconds(4), T0);
    assertThrows(IllegalArgumentException.class, () -> history.record(-1, T0));
  }
}
