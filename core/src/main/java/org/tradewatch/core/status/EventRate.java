package org.tradewatch.core.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Events per second over a sliding window of whole seconds, for status pages and metrics.
 *
 * <p>The window is the current second and the ones before it, {@code window} seconds in all. The
 * rate divides the events in it by the window's length, or, until the window is full, by the
 * seconds since the first {@link #record} (counting the current one), so that a rate read just
 * after start is not diluted by time before the stream existed. Record zero events when measuring
 * starts to count idle time from then.
 *
 * <p>Thread-safe: the applier records while status requests read. One lock is enough because it is
 * taken once per applied batch, not per event.
 */
public final class EventRate {

  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);

  private final int window;
  private final long[] counts;
  private final long[] seconds;
  private long firstSecond = Long.MAX_VALUE;

  /** A rate over the last minute. */
  public EventRate() {
    this(DEFAULT_WINDOW);
  }

  /**
   * @param window whole seconds, from 1 second to 1 day
   */
  public EventRate(Duration window) {
    Objects.requireNonNull(window, "window");
    if (window.getNano() != 0
        || window.getSeconds() < 1
        || window.getSeconds() > Duration.ofDays(1).getSeconds()) {
      throw new IllegalArgumentException(
          "window must be whole seconds from 1 s to 1 day, was " + window);
    }
    this.window = (int) window.getSeconds();
    this.counts = new long[this.window];
    this.seconds = new long[this.window];
    Arrays.fill(seconds, Long.MIN_VALUE);
  }

  /**
   * Counts {@code events} at {@code at}. Events older than the window of the newest recorded second
   * are dropped: their bucket already holds a later second.
   */
  public synchronized void record(long events, Instant at) {
    Objects.requireNonNull(at, "at");
    if (events < 0) {
      throw new IllegalArgumentException("events must not be negative, was " + events);
    }
    long second = at.getEpochSecond();
    int slot = (int) Math.floorMod(second, (long) window);
    if (seconds[slot] < second) {
      seconds[slot] = second;
      counts[slot] = 0;
    } else if (seconds[slot] > second) {
      return;
    }
    counts[slot] += events;
    firstSecond = Math.min(firstSecond, second);
  }

  /** The events recorded in the window that ends with the second of {@code now}. */
  public synchronized long count(Instant now) {
    long last = Objects.requireNonNull(now, "now").getEpochSecond();
    long first = last - window + 1;
    long total = 0;
    for (int slot = 0; slot < window; slot++) {
      if (seconds[slot] >= first && seconds[slot] <= last) {
        total += counts[slot];
      }
    }
    return total;
  }

  /** Events per second in the window that ends with the second of {@code now}; 0 before any. */
  public synchronized double perSecond(Instant now) {
    long last = Objects.requireNonNull(now, "now").getEpochSecond();
    if (firstSecond == Long.MAX_VALUE || last < firstSecond) {
      return 0.0;
    }
    long elapsed = Math.min(window, last - firstSecond + 1);
    return (double) count(now) / elapsed;
  }
}
