package org.tradewatch.web.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Counts per whole second over the last few minutes, in a ring of fixed size, for the status page's
 * chart of events applied per second. Memory stays constant however long the stream runs.
 *
 * <p>Thread-safe: the applier records while status requests read. One lock is enough because it is
 * taken once per applied batch, not per event.
 */
public final class PerSecondHistory {

  /** Ten minutes: long enough to see a stall and its recovery, small enough to send every poll. */
  public static final Duration DEFAULT_SPAN = Duration.ofMinutes(10);

  private final int span;
  private final long[] counts;
  private final long[] seconds;
  private final long startSecond;

  /**
   * @param span whole seconds, from 1 second to 1 day
   * @param start when counting started: the series never reaches back before it, so a chart read
   *     just after start is not padded with time before the stream existed
   */
  public PerSecondHistory(Duration span, Instant start) {
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(start, "start");
    if (span.getNano() != 0
        || span.getSeconds() < 1
        || span.getSeconds() > Duration.ofDays(1).getSeconds()) {
      throw new IllegalArgumentException(
          "span must be whole seconds from 1 s to 1 day, was " + span);
    }
    this.span = (int) span.getSeconds();
    this.counts = new long[this.span];
    this.seconds = new long[this.span];
    Arrays.fill(seconds, Long.MIN_VALUE);
    this.startSecond = start.getEpochSecond();
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
    int slot = (int) Math.floorMod(second, (long) span);
    if (seconds[slot] < second) {
      seconds[slot] = second;
      counts[slot] = 0;
    } else if (seconds[slot] > second) {
      return;
    }
    counts[slot] += events;
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
      int slot = (int) Math.floorMod(second, (long) span);
      if (seconds[slot] == second) {
        values[(int) (second - from)] = counts[slot];
      }
    }
    return new Series(from, values);
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
