package org.tradewatch.core.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long a stream consumer waits before reconnecting: a window that grows by {@link #GROWTH} per
 * failure up to a cap, each delay drawn uniformly from the whole window ("full jitter"), and a
 * fresh start once a connection has proven healthy by delivering frames for a while.
 *
 * <p>Upstreams restart without warning and replay nothing, so every second offline loses events.
 * The window grows by a fixed factor, so the delay that spans the upstream's return is on average
 * well under the time already waited: a restart costs at most about twice its own downtime. Full
 * jitter (rather than decorrelated jitter) keeps that bound, lets the first retry after a healthy
 * connection come within a fraction of the first window (decorrelated jitter never goes below its
 * base), and spreads delays evenly up to the cap instead of piling them onto it.
 *
 * <p>Opening is no proof of health: a socket that opens and closes at once, or accepts and never
 * sends, or sends one frame and closes (backpack.tf's answer to a second connection) counts as one
 * more failure. Only frames arriving over at least {@link Policy#healthyAfter()} start the schedule
 * over.
 *
 * <p>Meant for the one thread that owns a consumer's connection plus its socket thread; the methods
 * synchronize, so that status pages may also read {@link #failures()} from another thread.
 */
public final class Backoff {

  /**
   * How much each failure widens the window. A delay averages half its window, and with 1.5 the
   * time already waited is about one window, so the delay that spans the upstream's return averages
   * half the downtime; with 2 it would average the whole downtime, the very limit the policy is
   * held to.
   */
  public static final double GROWTH = 1.5;

  /**
   * The schedule's numbers.
   *
   * @param firstDelay the first window: the longest wait after a healthy connection closes
   * @param maxDelay the widest window: no delay is longer
   * @param healthyAfter how long a connection must go on delivering frames, from its first, for the
   *     schedule to start over
   */
  public record Policy(Duration firstDelay, Duration maxDelay, Duration healthyAfter) {

    /** Sub-second first retry, 10 s cap, healthy after 3 s of frames. */
    public static final Policy DEFAULT =
        new Policy(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(3));

    public Policy {
      Objects.requireNonNull(firstDelay, "firstDelay");
      Objects.requireNonNull(maxDelay, "maxDelay");
      Objects.requireNonNull(healthyAfter, "healthyAfter");
      if (firstDelay.isNegative() || firstDelay.isZero()) {
        throw new IllegalArgumentException("the first delay must be positive, was " + firstDelay);
      }
      if (maxDelay.compareTo(firstDelay) < 0) {
        throw new IllegalArgumentException(
            "the longest delay must not be shorter than the first delay "
                + firstDelay
                + ", was "
                + maxDelay);
      }
      if (healthyAfter.isNegative()) {
        throw new IllegalArgumentException(
            "the healthy period must not be negative, was " + healthyAfter);
      }
    }

    /** The same in milliseconds, as configuration gives them. */
    public static Policy ofMillis(long firstDelay, long maxDelay, long healthyAfter) {
      return new Policy(
          Duration.ofMillis(firstDelay),
          Duration.ofMillis(maxDelay),
          Duration.ofMillis(healthyAfter));
    }
  }

  private final Policy policy;
  private final double firstNanos;
  private final double maxNanos;
  private final Clock clock;
  private final DoubleSupplier random;

  private int failures;
  private boolean connected;
  private Instant firstFrameAt;
  // Read without the lock on every frame: once a connection is healthy, frames cost one read.
  private volatile boolean healthy;

  /**
   * @param policy the numbers
   * @param clock tells when frames arrive
   * @param random uniform numbers in [0, 1)
   */
  public Backoff(Policy policy, Clock clock, DoubleSupplier random) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.firstNanos = policy.firstDelay().toNanos();
    this.maxNanos = policy.maxDelay().toNanos();
  }

  /** With the system clock and a thread-local random source. */
  public static Backoff of(Policy policy) {
    return new Backoff(policy, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
  }

  public Policy policy() {
    return policy;
  }

  /**
   * The delay before the next attempt, after a failed attempt or a closed connection: uniform in
   * [0, window], the window {@code firstDelay × GROWTH^failures} capped at {@code maxDelay}.
   */
  public synchronized Duration nextDelay() {
    // In doubles: the power overflows to infinity long before a long would wrap, and min() caps it.
    double window = Math.min(maxNanos, firstNanos * Math.pow(GROWTH, failures));
    double r = Math.min(1.0, Math.max(0.0, random.getAsDouble()));
    if (failures < Integer.MAX_VALUE) {
      failures++;
    }
    return Duration.ofNanos(Math.round(window * r));
  }

  /** A connection opened; it proves nothing until its frames do. */
  public synchronized void connected() {
    connected = true;
    firstFrameAt = null;
    healthy = false;
  }

  /**
   * A frame arrived on the open connection. Once frames have kept arriving for the healthy period,
   * the schedule starts over: the next delay is drawn from the first window.
   */
  public void frameReceived() {
    if (healthy) {
      return;
    }
    synchronized (this) {
      if (!connected || healthy) {
        return;
      }
      Instant now = clock.instant();
      if (firstFrameAt == null) {
        firstFrameAt = now;
      }
      if (Duration.between(firstFrameAt, now).compareTo(policy.healthyAfter()) >= 0) {
        healthy = true;
        failures = 0;
      }
    }
  }

  /** The connection closed or failed. */
  public synchronized void disconnected() {
    connected = false;
    firstFrameAt = null;
    healthy = false;
  }

  /** Whether the open connection has proven healthy. */
  public boolean healthy() {
    return healthy;
  }

  /** Failures since the last start-over: how many delays have been handed out. */
  public synchronized int failures() {
    return failures;
  }

  /** Starts over, for example when the consumer is restarted by hand. */
  public synchronized void reset() {
    failures = 0;
    connected = false;
    firstFrameAt = null;
    healthy = false;
  }
}
