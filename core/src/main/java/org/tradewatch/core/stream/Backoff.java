package org.tradewatch.core.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long a stream consumer waits before reconnecting: exponential growth per failure up to a cap,
 * with jitter so that consumers restarted together do not reconnect in step, and a reset once a
 * connection has stayed up long enough to count as healthy.
 *
 * <p>A connection that drops soon after opening counts as one more failure: an upstream that
 * accepts and then closes at once must not be hammered at the initial delay. Each upstream allows
 * one connection per client, so waiting a little too long costs less than retrying too eagerly.
 *
 * <p>Meant for the one thread that owns a consumer's connection; the methods synchronize anyway, so
 * that status pages may read {@link #failures()} from another thread.
 */
public final class Backoff {

  public static final Duration DEFAULT_INITIAL = Duration.ofSeconds(1);
  public static final double DEFAULT_MULTIPLIER = 2.0;
  public static final Duration DEFAULT_CAP = Duration.ofSeconds(30);
  public static final double DEFAULT_JITTER = 0.2;
  public static final Duration DEFAULT_STABLE_AFTER = Duration.ofSeconds(60);

  private final double initialNanos;
  private final double multiplier;
  private final double capNanos;
  private final double jitter;
  private final Duration stableAfter;
  private final DoubleSupplier random;

  private int failures;
  private Instant connectedAt;

  /**
   * @param initial the delay after the first failure
   * @param multiplier how much each further failure multiplies the delay, at least 1
   * @param cap the longest delay, jitter included
   * @param jitter the fraction by which a delay is randomly lengthened or shortened, in [0, 1)
   * @param stableAfter how long a connection must stay up for the next failure to start over
   * @param random uniform numbers in [0, 1)
   */
  public Backoff(
      Duration initial,
      double multiplier,
      Duration cap,
      double jitter,
      Duration stableAfter,
      DoubleSupplier random) {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(stableAfter, "stableAfter");
    this.random = Objects.requireNonNull(random, "random");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial delay must be positive, was " + initial);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be 1 or more, was " + multiplier);
    }
    if (cap.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "cap must not be shorter than the initial delay " + initial + ", was " + cap);
    }
    if (!(jitter >= 0.0 && jitter < 1.0)) {
      throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
    }
    if (stableAfter.isNegative()) {
      throw new IllegalArgumentException("stableAfter must not be negative, was " + stableAfter);
    }
    this.initialNanos = initial.toNanos();
    this.multiplier = multiplier;
    this.capNanos = cap.toNanos();
    this.jitter = jitter;
    this.stableAfter = stableAfter;
  }

  /** 1 s doubling per failure up to 30 s, ±20 % jitter, reset after a minute of uptime. */
  public static Backoff standard() {
    return new Backoff(
        DEFAULT_INITIAL,
        DEFAULT_MULTIPLIER,
        DEFAULT_CAP,
        DEFAULT_JITTER,
        DEFAULT_STABLE_AFTER,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The delay before the next attempt, after a failed attempt or a dropped connection. */
  public synchronized Duration nextDelay() {
    // In doubles: the power overflows to infinity long before a long would wrap, and min() caps it.
    double base = Math.min(capNanos, initialNanos * Math.pow(multiplier, failures));
    double r = Math.min(1.0, Math.max(0.0, random.getAsDouble()));
    double delay = Math.min(capNanos, base * (1.0 + jitter * (2.0 * r - 1.0)));
    if (failures < Integer.MAX_VALUE) {
      failures++;
    }
    return Duration.ofNanos(Math.round(delay));
  }

  /** A connection opened at {@code at}. */
  public synchronized void connected(Instant at) {
    connectedAt = Objects.requireNonNull(at, "at");
  }

  /**
   * The connection closed or failed at {@code at}; if it had stayed up for the stable period, the
   * next delay starts over from the initial one.
   */
  public synchronized void disconnected(Instant at) {
    Objects.requireNonNull(at, "at");
    if (connectedAt != null && Duration.between(connectedAt, at).compareTo(stableAfter) >= 0) {
      failures = 0;
    }
    connectedAt = null;
  }

  /** Failures since the last reset: how many delays have been handed out. */
  public synchronized int failures() {
    return failures;
  }

  /** Starts over, for example when the consumer is restarted by hand. */
  public synchronized void reset() {
    failures = 0;
    connectedAt = null;
  }
}
