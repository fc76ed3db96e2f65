package org.tradewatch.core.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Events counted per whole second over a span of recent seconds, in a ring of fixed size: read as a
 * rate over a window of the latest seconds (for {@code /api/streams}) or as the series of each
 * second's count (for the status page's chart). One ring serves both, so an event is counted once.
 * Memory stays constant however long the stream runs.
 *
 * <p>The rate divides the events in its window by the window's length, or, until the window is
 * full, by the seconds since the first {@link #record} (counting the current one), so that a rate
 * read just after start is not diluted by time before the stream existed. Record zero events when
 * measuring starts to count idle time from then. The series never reaches back before {@code
 * start}, so a chart read just after start is not padded with time before the stream existed.
 *
 * <p>Thread-safe: the applier records while status requests read. One lock is enough because it is
 * taken once per applied batch, not per event.
 */
public final class EventRate {

  /** Ten minutes: long enough to see a stall and its recovery, small enough to send every poll. */
  public static final Duration DEFAULT_SPAN = Duration.ofMinutes(10);

  /** The window of the rate {@code /api/streams} shows. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);

  private final int span;
  private final long[] counts;
  private final long[] seconds;
  private final long startSecond;
  private long firstSecond = Long.MAX_VALUE;

  /**
   * @param span whole seconds, from 1 second to 1 day: how far back the series and the rate's
   *     window can reach
   * @param start when counting started: the series never reaches back before it
   */
  public EventRate(Duration span, Instant start) {
    this.span = seconds(span, "span");
    this.startSecond = Objects.requireNonNull(start, "start").getEpochSecond();
    this.counts = new long[this.span];
    this.seconds = new long[this.span];
    Arrays.fill(seconds, Long.MIN_VALUE);
  }

  private static int seconds(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.getNano() != 0
        || duration.getSeconds() < 1
        || duration.getSeconds() > Duration.ofDays(1).getSeconds()) {
      throw new IllegalArgumentException(
          name + " must be whole seconds from 1 s to 1 day, was " + duration);
    }
    return (int) duration.getSeconds();
  }

  /**
   * Counts {@code events} in the second of {@code at}. Events older than the span before the newest
   * recorded second are dropped: their slot already holds a later second.
   */
  public synchronized void record(long events, Instant at) {
    Objects.requireNonNull(at, "at");
    if (events < 0) {
      throw new IllegalArgumentException("events must not be negative, was " + events);
    }
    long second = at.getEpochSecond();
    int slot = slot(second);
    if (seconds[slot] < second) {
      seconds[slot] = second;
      counts[slot] = 0;
    } else if (seconds[slot] > second) {
      return;
    }
    counts[slot] += events;
    firstSecond = Math.min(firstSecond, second);
  }

  /** The events recorded in the {@code window} that ends with the second of {@code now}. */
  public synchronized long count(Duration window, Instant now) {
    int length = window(window);
    long last = Objects.requireNonNull(now, "now").getEpochSecond();
    long total = 0;
    for (long second = last - length + 1; second <= last; second++) {
      total += countOf(second);
    }
    return total;
  }

  /**
   * Events per second in the {@code window} that ends with the second of {@code now}; 0 before any
   * was recorded.
   */
  public synchronized double perSecond(Duration window, Instant now) {
    int length = window(window);
    long last = Objects.requireNonNull(now, "now").getEpochSecond();
    if (firstSecond == Long.MAX_VALUE || last < firstSecond) {
      return 0.0;
    }
    long elapsed = Math.min(length, last - firstSecond + 1);
    return (double) count(window, now) / elapsed;
  }

  /**
   * The counts of the complete seconds before the second of {@code now}, at most the span of them
   * and none before the start; seconds with nothing recorded count 0. The second still running is
   * left out because its count is partial and would read as a dip at the end of every chart.
   */
  public synchronized Series series(Instant now) {
    long end = Objects.requireNonNull(now, "now").getEpochSecond();
    long from = Math.max(end - span, startSecond);
    if (from >= end) {
      return new Series(end, new long[0]);
    }
    long[] values = new long[(int) (end - from)];
    for (long second = from; second < end; second++) {
      values[(int) (second - from)] = countOf(second);
    }
    return new Series(from, values);
  }

  private int window(Duration window) {
    int length = seconds(window, "window");
    if (length > span) {
      throw new IllegalArgumentException(
          "window must not be longer than the span of " + span + " s, was " + window);
    }
    return length;
  }

  private long countOf(long second) {
    int slot = slot(second);
    return seconds[slot] == second ? counts[slot] : 0;
  }

  private int slot(long second) {
    return (int) Math.floorMod(second, (long) span);
  }

  /**
   * Consecutive per-second counts.
   *
   * @param from the epoch second of {@code values[0]}
   * @param values one count per second, oldest first
   */
  public record Series(long from, long[] values) {

    public Series {
      values = values.clone();
    }

    @Override
    public long[] values() {
      return values.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Series series
          && series.from == from
          && Arrays.equals(series.values, values);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(from) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Series[from=" + from + ", values=" + Arrays.toString(values) + "]";
    }
  }
}
