package org.tradewatch.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void theWindowGrowsByHalfPerFailureUpToTheCap() {
    Backoff backoff = withDefaults(() -> 1.0);

    assertEquals(
        millis(500, 750, 1125, 1687.5, 2531.25, 3796.875, 5695.3125, 8542.96875, 10000, 10000),
        delays(backoff, 10));
    assertEquals(10, backoff.failures());
  }

  @Test
  void eachDelayIsDrawnFromTheWholeWindow() {
    Backoff backoff = withDefaults(() -> 0.25);

    assertEquals(millis(125, 187.5, 281.25), delays(backoff, 3));
    assertEquals(Duration.ZERO, withDefaults(() -> 0.0).nextDelay(), "full jitter reaches 0");
  }

  @Test
  void manyFailuresStayAtTheCapAndOutOfRangeRandomsAreClamped() {
    List<Duration> delays = delays(withDefaults(() -> 1.7), 2000);

    assertEquals(Duration.ofSeconds(10), delays.get(delays.size() - 1));
    assertEquals(Duration.ZERO, withDefaults(() -> -0.3).nextDelay());
  }

  @Test
  void aConnectionThatDeliversFramesForTheHealthyPeriodStartsTheScheduleOver() {
    Backoff backoff = withDefaults(() -> 1.0);
    delays(backoff, 6);

    backoff.connected();
    backoff.frameReceived();
    clock.advance(Duration.ofMillis(2999));
    backoff.frameReceived();
    assertFalse(backoff.healthy(), "2.999 s of frames");
    assertEquals(6, backoff.failures());
    clock.advance(Duration.ofMillis(1));
    backoff.frameReceived();
    assertTrue(backoff.healthy(), "3 s of frames");
    assertEquals(0, backoff.failures(), "starts over while still connected");
    clock.advance(Duration.ofMinutes(5));
    backoff.disconnected();

    assertEquals(Duration.ofMillis(500), backoff.nextDelay(), "a sub-second first retry");
    assertEquals(Duration.ofMillis(750), backoff.nextDelay());
  }

  @Test
  void aSocketThatOpensAndClosesAtOnceKeepsBackingOff() {
    Backoff backoff = withDefaults(() -> 1.0);
    for (int i = 0; i < 8; i++) {
      backoff.nextDelay();
      backoff.connected();
      backoff.disconnected();
    }

    assertEquals(8, backoff.failures());
    assertEquals(Duration.ofSeconds(10), backoff.nextDelay());
  }

  @Test
  void aSocketThatAcceptsAndNeverSendsKeepsBackingOff() {
    Backoff backoff = withDefaults(() -> 1.0);
    delays(backoff, 3);

    backoff.connected();
    clock.advance(Duration.ofMinutes(10));
    backoff.disconnected();

    assertEquals(3, backoff.failures());
    assertEquals(Duration.ofNanos(1_687_500_000), backoff.nextDelay());
  }

  @Test
  void oneFrameThenSilenceIsNoProofOfHealth() {
    // backpack.tf answers a second connection with one client-limit-exceeded event and a close.
    Backoff backoff = withDefaults(() -> 1.0);
    delays(backoff, 3);

    backoff.connected();
    backoff.frameReceived();
    clock.advance(Duration.ofSeconds(59));
    backoff.disconnected();

    assertEquals(3, backoff.failures());
  }

  @Test
  void framesOfEarlierConnectionsAndFramesOutsideAConnectionCountForNothing() {
    Backoff backoff = withDefaults(() -> 1.0);
    delays(backoff, 2);
    backoff.frameReceived();
    clock.advance(Duration.ofSeconds(5));

    backoff.connected();
    backoff.frameReceived();
    clock.advance(Duration.ofSeconds(2));
    backoff.disconnected();
    backoff.frameReceived();
    backoff.connected();
    clock.advance(Duration.ofSeconds(2));
    backoff.frameReceived();

    assertFalse(backoff.healthy(), "each connection proves itself with its own frames");
    assertEquals(2, backoff.failures());
  }

  @Test
  void resetStartsOver() {
    Backoff backoff = withDefaults(() -> 1.0);
    delays(backoff, 4);

    backoff.reset();

    assertEquals(Duration.ofMillis(500), backoff.nextDelay());
  }

  @Test
  void theDefaultsRetryWithinHalfASecondAndNeverWaitPastTenSeconds() {
    Backoff backoff = Backoff.of(Backoff.Policy.DEFAULT);

    Duration first = backoff.nextDelay();

    assertTrue(first.compareTo(Duration.ofMillis(500)) <= 0, first::toString);
    for (Duration delay : delays(backoff, 50)) {
      assertTrue(delay.compareTo(Duration.ofSeconds(10)) <= 0, delay::toString);
      assertFalse(delay.isNegative(), delay::toString);
    }
  }

  /**
   * Issue #8: an upstream that restarts every few seconds, replays nothing and delivers a frame
   * every half second while up. Over 800 s (the run was offline 736 of 802 s) the consumer
   * must be connected for at least 1 - 2 × the upstream's downtime share, whatever the upstream's
   * rhythm.
   */
  @Test
  void aRestartHeavyUpstreamCostsAtMostAboutTwiceItsDowntime() {
    for (double[] upDown : new double[][] {{5, 1}, {8, 2}, {6, 1.5}, {10, 0.5}, {30, 10}, {4, 2}}) {
      double up = upDown[0];
      double down = upDown[1];
      double share = connectedShare(Backoff.Policy.DEFAULT, up, down, 800);
      double downShare = down / (up + down);
      assertTrue(
          share >= 1 - 2 * downShare,
          "up " + up + " s, down " + down + " s: connected " + share + " of the time");
    }
  }

  @Test
  void theOldScheduleFailsTheRestartHeavyUpstream() {
    // 1 s first window, 30 s cap, reset only after a minute: what the issue measured.
    Backoff.Policy old =
        new Backoff.Policy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));

    assertTrue(connectedShare(old, 5, 1, 800) < 0.5);
  }

  /**
   * Plays an upstream that is down for {@code down} seconds at the start of every period of {@code
   * up + down} seconds against the consumer's schedule, on the test clock, and answers the share of
   * {@code seconds} the consumer was connected.
   */
  private double connectedShare(Backoff.Policy policy, double up, double down, double seconds) {
    Random random = new Random(8);
    Backoff backoff = new Backoff(policy, clock, random::nextDouble);
    long period = nanos(up + down);
    long downNanos = nanos(down);
    long start = clock.nanos();
    long end = start + nanos(seconds);
    long connectedNanos = 0;
    long t = start + downNanos;
    while (t < end) {
      // Connected from t until the next restart, a frame every half second.
      long restart = start + ((t - start) / period + 1) * period;
      clock.set(t);
      backoff.connected();
      for (long frame = t; frame < restart; frame += nanos(0.5)) {
        clock.set(frame);
        backoff.frameReceived();
      }
      connectedNanos += Math.min(restart, end) - t;
      clock.set(restart);
      backoff.disconnected();
      t = restart;
      // Attempts while the upstream is down fail; the first one after it is back succeeds.
      do {
        t += backoff.nextDelay().toNanos();
      } while ((t - start) % period < downNanos);
    }
    return (double) connectedNanos / (end - start);
  }

  @Test
  void thePolicyIsChecked() {
    Duration second = Duration.ofSeconds(1);
    Duration minute = Duration.ofSeconds(60);
    assertThrows(
        IllegalArgumentException.class, () -> new Backoff.Policy(Duration.ZERO, minute, second));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff.Policy(Duration.ofMillis(-1), minute, second));
    assertThrows(IllegalArgumentException.class, () -> new Backoff.Policy(minute, second, second));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff.Policy(second, minute, Duration.ofMillis(-1)));
    assertThrows(NullPointerException.class, () -> new Backoff.Policy(null, minute, second));
    assertThrows(
        NullPointerException.class,
        () -> new Backoff(Backoff.Policy.DEFAULT, clock, (DoubleSupplier) null));
    assertThrows(
        NullPointerException.class, () -> new Backoff(Backoff.Policy.DEFAULT, null, () -> 0.5));
    assertEquals(
        new Backoff.Policy(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ZERO),
        Backoff.Policy.ofMillis(500, 10_000, 0));
  }

  private Backoff withDefaults(DoubleSupplier random) {
    return new Backoff(Backoff.Policy.DEFAULT, clock, random);
  }

  private static List<Duration> delays(Backoff backoff, int count) {
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      delays.add(backoff.nextDelay());
    }
    return delays;
  }

  private static List<Duration> millis(double... millis) {
    List<Duration> delays = new ArrayList<>();
    for (double ms : millis) {
      delays.add(Duration.ofNanos(Math.round(ms * 1_000_000)));
    }
    return delays;
  }

  private static long nanos(double seconds) {
    return Math.round(seconds * 1e9);
  }

  /** A clock the test moves by hand. */
  private static final class TestClock extends Clock {
    private final Instant origin;
    private long nanos;

    TestClock(Instant origin) {
      this.origin = origin;
    }

    void advance(Duration by) {
      nanos += by.toNanos();
    }

    void set(long nanos) {
      this.nanos = nanos;
    }

    long nanos() {
      return nanos;
    }

    @Override
    public Instant instant() {
      return origin.plusNanos(nanos);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the test clock has one zone");
    }
  }
}
