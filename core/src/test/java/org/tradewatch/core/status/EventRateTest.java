package org.tradewatch.core.status;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one per-second count behind both the rate of {@code /api/streams} and the status page's
 * chart.
 */
class EventRateTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration MINUTE = Duration.ofSeconds(60);

  private final EventRate rate = new EventRate(MINUTE, T0);

  private static Instant at(long second, long millis) {
    return T0.plusSeconds(second).plusMillis(millis);
  }

  // The rate over a window of the latest seconds.

  @Test
  void nothingRecordedIsZero() {
    assertEquals(0.0, rate.perSecond(MINUTE, T0));
    assertEquals(0, rate.count(MINUTE, T0));
  }

  @Test
  void beforeTheWindowIsFullTheRateIsOverTheElapsedSeconds() {
    rate.record(100, T0.plusMillis(300));

    assertEquals(100.0, rate.perSecond(MINUTE, T0.plusMillis(900)));
    assertEquals(50.0, rate.perSecond(MINUTE, T0.plusSeconds(1)));
    assertEquals(10.0, rate.perSecond(MINUTE, T0.plusSeconds(9)));
  }

  @Test
  void zeroRecordedAtStartCountsIdleTimeFromThen() {
    rate.record(0, T0);
    rate.record(30, T0.plusSeconds(29));

    assertEquals(1.0, rate.perSecond(MINUTE, T0.plusSeconds(29)));
  }

  @Test
  void steadyStreamReadsItsRate() {
    for (int second = 0; second < 180; second++) {
      rate.record(7, T0.plusSeconds(second));
      rate.record(3, T0.plusSeconds(second).plusMillis(500));
    }

    assertEquals(10.0, rate.perSecond(MINUTE, T0.plusSeconds(179)));
    assertEquals(600, rate.count(MINUTE, T0.plusSeconds(179)));
  }

  @Test
  void eventsLeaveTheWindowAfterItsLength() {
    rate.record(600, T0);

    assertEquals(10.0, rate.perSecond(MINUTE, T0.plusSeconds(59)));
    assertEquals(0.0, rate.perSecond(MINUTE, T0.plusSeconds(60)));
  }

  @Test
  void bucketIsReusedForALaterSecond() {
    rate.record(600, T0);
    rate.record(60, T0.plusSeconds(60));

    assertEquals(60, rate.count(MINUTE, T0.plusSeconds(60)));
    assertEquals(1.0, rate.perSecond(MINUTE, T0.plusSeconds(60)));
  }

  @Test
  void recordOlderThanTheSpanIsDropped() {
    rate.record(10, T0.plusSeconds(60));
    rate.record(99, T0);

    assertEquals(10, rate.count(MINUTE, T0.plusSeconds(60)));
    assertEquals(10, rate.count(Duration.ofSeconds(1), T0.plusSeconds(60)));
  }

  @Test
  void lateRecordWithinTheWindowCounts() {
    rate.record(10, T0.plusSeconds(30));
    rate.record(5, T0.plusSeconds(10));

    assertEquals(15, rate.count(MINUTE, T0.plusSeconds(30)));
    assertEquals(15.0 / 21, rate.perSecond(MINUTE, T0.plusSeconds(30)));
  }

  @Test
  void shorterWindow() {
    EventRate fiveSeconds = new EventRate(Duration.ofSeconds(5), T0);
    for (int second = 0; second < 10; second++) {
      fiveSeconds.record(second, T0.plusSeconds(second));
    }

    assertEquals(5 + 6 + 7 + 8 + 9, fiveSeconds.count(Duration.ofSeconds(5), T0.plusSeconds(9)));
    assertEquals(7.0, fiveSeconds.perSecond(Duration.ofSeconds(5), T0.plusSeconds(9)));
  }

  @Test
  void aWindowShorterThanTheSpanReadsOnlyItsOwnSeconds() {
    EventRate tenMinutes = new EventRate(EventRate.DEFAULT_SPAN, T0);
    for (int second = 0; second < 600; second++) {
      tenMinutes.record(second < 540 ? 1 : 4, T0.plusSeconds(second));
    }

    assertEquals(240, tenMinutes.count(EventRate.DEFAULT_WINDOW, T0.plusSeconds(599)));
    assertEquals(4.0, tenMinutes.perSecond(EventRate.DEFAULT_WINDOW, T0.plusSeconds(599)));
    assertEquals(540 + 240, tenMinutes.count(EventRate.DEFAULT_SPAN, T0.plusSeconds(599)));
  }

  @Test
  void concurrentRecordsAreAllCounted() throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 10_000; i++) {
                  rate.record(1, T0.plusSeconds(i % 60));
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertEquals(40_000, rate.count(MINUTE, T0.plusSeconds(59)));
  }

  // The series of each complete second's count.

  @Test
  void countsAddUpPerSecondAndQuietSecondsAreZero() {
    EventRate history = new EventRate(Duration.ofSeconds(10), T0);
    history.record(3, at(0, 100));
    history.record(4, at(0, 900));
    history.record(5, at(2, 0));

    EventRate.Series series = history.series(at(4, 500));

    assertEquals(T0.getEpochSecond(), series.from());
    assertArrayEquals(new long[] {7, 0, 5, 0}, series.values());
  }

  @Test
  void theRunningSecondIsLeftOutOfTheSeriesUntilItIsComplete() {
    EventRate history = new EventRate(Duration.ofSeconds(10), T0);
    history.record(2, at(0, 0));
    history.record(9, at(1, 10));

    assertArrayEquals(new long[] {2}, history.series(at(1, 999)).values());
    assertArrayEquals(new long[] {2, 9}, history.series(at(2, 0)).values());
    assertArrayEquals(new long[0], history.series(at(0, 999)).values(), "nothing complete yet");
  }

  @Test
  void theSeriesCoversAtMostTheSpanAndNeverBeforeTheStart() {
    EventRate history = new EventRate(Duration.ofSeconds(3), T0);
    for (int second = 0; second < 10; second++) {
      history.record(second, at(second, 0));
    }

    EventRate.Series series = history.series(at(10, 0));

    assertEquals(T0.getEpochSecond() + 7, series.from());
    assertArrayEquals(new long[] {7, 8, 9}, series.values());

    EventRate later = new EventRate(Duration.ofSeconds(10), at(5, 300));
    later.record(1, at(6, 0));
    assertEquals(
        new EventRate.Series(T0.getEpochSecond() + 5, new long[] {0, 1}), later.series(at(7, 0)));
  }

  @Test
  void slotsReusedAfterAQuietSpellDoNotShowOldCounts() {
    EventRate history = new EventRate(Duration.ofSeconds(4), T0);
    history.record(100, at(0, 0));
    history.record(1, at(9, 0));

    // second 8 shares second 0's slot; second 0's count must not come back as second 8's
    assertArrayEquals(new long[] {0, 0, 0, 1}, history.series(at(10, 0)).values());
  }

  @Test
  void anEventOlderThanTheSpanIsLeftOutOfTheSeries() {
    EventRate history = new EventRate(Duration.ofSeconds(4), T0);
    history.record(1, at(8, 0));
    history.record(50, at(4, 0)); // same slot as second 8, and older: dropped

    assertArrayEquals(new long[] {0, 0, 0, 1}, history.series(at(9, 0)).values());
  }

  @Test
  void theSeriesIsACopy() {
    EventRate history = new EventRate(Duration.ofSeconds(4), T0);
    history.record(1, at(0, 0));
    EventRate.Series series = history.series(at(1, 0));
    series.values()[0] = 42;
    history.record(1, at(0, 0));

    assertArrayEquals(new long[] {1}, series.values());
    assertArrayEquals(new long[] {2}, history.series(at(1, 0)).values());
  }

  @Test
  void theRateAndTheSeriesReadTheSameCounts() {
    EventRate both = new EventRate(EventRate.DEFAULT_SPAN, T0);
    for (int second = 0; second < 120; second++) {
      both.record(second % 7, at(second, 250));
    }

    long[] lastMinute = both.series(at(120, 0)).values();
    long sum = 0;
    for (int i = lastMinute.length - 60; i < lastMinute.length; i++) {
      sum += lastMinute[i];
    }
    assertEquals(sum, both.count(MINUTE, at(119, 999)));
  }

  @Test
  void argumentsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> rate.record(-1, T0));
    assertThrows(NullPointerException.class, () -> rate.record(1, null));
    assertThrows(IllegalArgumentException.class, () -> new EventRate(Duration.ZERO, T0));
    assertThrows(IllegalArgumentException.class, () -> new EventRate(Duration.ofMillis(1500), T0));
    assertThrows(IllegalArgumentException.class, () -> new EventRate(Duration.ofDays(2), T0));
    assertThrows(NullPointerException.class, () -> new EventRate(MINUTE, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> rate.perSecond(Duration.ofSeconds(61), T0),
        "a window longer than the span");
    assertThrows(IllegalArgumentException.class, () -> rate.count(Duration.ZERO, T0));
  }
}
