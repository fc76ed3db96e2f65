package org.tradewatch.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRateTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final EventRate rate = new EventRate();

  @Test
  void nothingRecordedIsZero() {
    assertEquals(0.0, rate.perSecond(T0));
    assertEquals(0, rate.count(T0));
  }

  @Test
  void beforeTheWindowIsFullTheRateIsOverTheElapsedSeconds() {
    rate.record(100, T0.plusMillis(300));

    assertEquals(100.0, rate.perSecond(T0.plusMillis(900)));
    assertEquals(50.0, rate.perSecond(T0.plusSeconds(1)));
    assertEquals(10.0, rate.perSecond(T0.plusSeconds(9)));
  }

  @Test
  void zeroRecordedAtStartCountsIdleTimeFromThen() {
    rate.record(0, T0);
    rate.record(30, T0.plusSeconds(29));

    assertEquals(1.0, rate.perSecond(T0.plusSeconds(29)));
  }

  @Test
  void steadyStreamReadsItsRate() {
    for (int second = 0; second < 180; second++) {
      rate.record(7, T0.plusSeconds(second));
      rate.record(3, T0.plusSeconds(second).plusMillis(500));
    }

    assertEquals(10.0, rate.perSecond(T0.plusSeconds(179)));
    assertEquals(600, rate.count(T0.plusSeconds(179)));
  }

  @Test
  void eventsLeaveTheWindowAfterItsLength() {
    rate.record(600, T0);

    assertEquals(10.0, rate.perSecond(T0.plusSeconds(59)));
    assertEquals(0.0, rate.perSecond(T0.plusSeconds(60)));
  }

  @Test
  void bucketIsReusedForALaterSecond() {
    rate.record(600, T0);
    rate.record(60, T0.plusSeconds(60));

    assertEquals(60, rate.count(T0.plusSeconds(60)));
    assertEquals(1.0, rate.perSecond(T0.plusSeconds(60)));
  }

  @Test
  void recordOlderThanTheWindowIsDropped() {
    rate.record(10, T0.plusSeconds(60));
    rate.record(99, T0);

    assertEquals(10, rate.count(T0.plusSeconds(60)));
  }

  @Test
  void lateRecordWithinTheWindowCounts() {
    rate.record(10, T0.plusSeconds(30));
    rate.record(5, T0.plusSeconds(10));

    assertEquals(15, rate.count(T0.plusSeconds(30)));
    assertEquals(15.0 / 21, rate.perSecond(T0.plusSeconds(30)));
  }

  @Test
  void shorterWindow() {
    EventRate fiveSeconds = new EventRate(Duration.ofSeconds(5));
    for (int second = 0; second < 10; second++) {
      fiveSeconds.record(second, T0.plusSeconds(second));
    }

    assertEquals(5 + 6 + 7 + 8 + 9, fiveSeconds.count(T0.plusSeconds(9)));
    assertEquals(7.0, fiveSeconds.perSecond(T0.plusSeconds(9)));
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

    assertEquals(40_000, rate.count(T0.plusSeconds(59)));
  }

  @Test
  void argumentsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> rate.record(-1, T0));
    assertThrows(NullPointerException.class, () -> rate.record(1, null));
    assertThrows(IllegalArgumentException.class, () -> new EventRate(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new EventRate(Duration.ofMillis(1500)));
    assertThrows(IllegalArgumentException.class, () -> new EventRate(Duration.ofDays(2)));
  }
}
