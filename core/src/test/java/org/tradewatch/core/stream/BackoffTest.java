package org.tradewatch.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void delayDoublesPerFailureUpToTheCap() {
    Backoff backoff = standardWith(() -> 0.5);

    assertEquals(seconds(1, 2, 4, 8, 16, 30, 30, 30), delays(backoff, 8));
    assertEquals(8, backoff.failures());
  }

  @Test
  void jitterShortensByAtMostTheJitterFraction() {
    Backoff backoff = standardWith(() -> 0.0);

    assertEquals(
        List.of(
            Duration.ofMillis(800),
            Duration.ofMillis(1600),
            Duration.ofMillis(3200),
            Duration.ofMillis(6400),
            Duration.ofMillis(12800),
            Duration.ofSeconds(24),
            Duration.ofSeconds(24)),
        delays(backoff, 7));
  }

  @Test
  void jitterLengthensByAtMostTheJitterFractionButNeverPastTheCap() {
    Backoff backoff = standardWith(() -> 1.0);

    assertEquals(
        List.of(
            Duration.ofMillis(1200),
            Duration.ofMillis(2400),
            Duration.ofMillis(4800),
            Duration.ofMillis(9600),
            Duration.ofMillis(19200),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30)),
        delays(backoff, 7));
  }

  @Test
  void stableConnectionStartsTheScheduleOver() {
    Backoff backoff = standardWith(() -> 0.5);
    delays(backoff, 3);

    backoff.connected(T0);
    backoff.disconnected(T0.plusSeconds(60));

    assertEquals(0, backoff.failures());
    assertEquals(Duration.ofSeconds(1), backoff.nextDelay());
  }

  @Test
  void shortLivedConnectionKeepsGrowingTheDelay() {
    Backoff backoff = standardWith(() -> 0.5);
    delays(backoff, 3);

    backoff.connected(T0);
    backoff.disconnected(T0.plusSeconds(59));

    assertEquals(3, backoff.failures());
    assertEquals(Duration.ofSeconds(8), backoff.nextDelay());
  }

  @Test
  void disconnectWithoutAConnectionResetsNothing() {
    Backoff backoff = standardWith(() -> 0.5);
    delays(backoff, 2);
    backoff.connected(T0);
    backoff.disconnected(T0.plusSeconds(1));

    backoff.disconnected(T0.plusSeconds(3600));

    assertEquals(2, backoff.failures());
  }

  @Test
  void resetStartsOver() {
    Backoff backoff = standardWith(() -> 0.5);
    delays(backoff, 4);

    backoff.reset();

    assertEquals(Duration.ofSeconds(1), backoff.nextDelay());
  }

  @Test
  void manyFailuresStayAtTheCap() {
    Backoff backoff = standardWith(() -> 1.0);

    List<Duration> delays = delays(backoff, 2000);

    assertEquals(Duration.ofSeconds(30), delays.get(delays.size() - 1));
  }

  @Test
  void standardDelaysStayWithinTheJitterBounds() {
    Backoff backoff = Backoff.standard();

    Duration first = backoff.nextDelay();

    assertTrue(first.compareTo(Duration.ofMillis(800)) >= 0, first::toString);
    assertTrue(first.compareTo(Duration.ofMillis(1200)) <= 0, first::toString);
    for (Duration delay : delays(backoff, 50)) {
      assertTrue(delay.compareTo(Backoff.DEFAULT_CAP) <= 0, delay::toString);
      assertTrue(delay.compareTo(Duration.ZERO) > 0, delay::toString);
    }
  }

  @Test
  void argumentsAreChecked() {
    Duration second = Duration.ofSeconds(1);
    Duration minute = Duration.ofSeconds(60);
    DoubleSupplier random = () -> 0.5;
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ZERO, 2, minute, 0.2, minute, random));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(second, 0.5, minute, 0.2, minute, random));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(second, Double.NaN, minute, 0.2, minute, random));
    assertThrows(
        IllegalArgumentException.class, () -> new Backoff(minute, 2, second, 0.2, minute, random));
    assertThrows(
        IllegalArgumentException.class, () -> new Backoff(second, 2, minute, 1.0, minute, random));
    assertThrows(
        IllegalArgumentException.class, () -> new Backoff(second, 2, minute, -0.1, minute, random));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(second, 2, minute, 0.2, Duration.ofSeconds(-1), random));
    assertThrows(
        NullPointerException.class, () -> new Backoff(second, 2, minute, 0.2, minute, null));
  }

  private static Backoff standardWith(DoubleSupplier random) {
    return new Backoff(
        Backoff.DEFAULT_INITIAL,
        Backoff.DEFAULT_MULTIPLIER,
        Backoff.DEFAULT_CAP,
        Backoff.DEFAULT_JITTER,
        Backoff.DEFAULT_STABLE_AFTER,
        random);
  }

  private static List<Duration> delays(Backoff backoff, int count) {
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      delays.add(backoff.nextDelay());
    }
    return delays;
  }

  private static List<Duration> seconds(long... seconds) {
    List<Duration> delays = new ArrayList<>();
    for (long s : seconds) {
      delays.add(Duration.ofSeconds(s));
    }
    return delays;
  }
}
