package org.tradewatch.simulator.bptf.market;

import java.util.Locale;

/**
 * The time, in unix seconds, that the market stamps on each event it writes: the 4-byte prefix of
 * event ids and the listings' {@code listedAt}, {@code bumpedAt} and {@code lastPulse}. The wall
 * clock is what upstream does; the synthetic clock makes a whole run reproducible.
 */
public interface EventClock {

  /** The time for the next event; called exactly once per event written. */
  long nextEventSeconds();

  /** How the clock is chosen in configuration. */
  enum Kind {
    WALL,
    SYNTHETIC;

    /** Parses {@code wall} or {@code synthetic}, case-insensitively. */
    public static Kind parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("must be 'wall' or 'synthetic', got '" + text + "'");
      }
    }

    /** The configuration spelling. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The wall clock, never going back even if the system clock does. */
  static EventClock wall() {
    return new EventClock() {
      private long last;

      @Override
      public long nextEventSeconds() {
        last = Math.max(last, System.currentTimeMillis() / 1000);
        return last;
      }
    };
  }

  /**
   * A clock that starts at {@code startSeconds} and advances one second every {@code
   * eventsPerSecond} events, whatever the real pace.
   */
  static EventClock synthetic(long startSeconds, int eventsPerSecond) {
    if (eventsPerSecond < 1) {
      throw new IllegalArgumentException("eventsPerSecond must be at least 1: " + eventsPerSecond);
    }
    return new EventClock() {
      private long events;

      @Override
      public long nextEventSeconds() {
        return startSeconds + events++ / eventsPerSecond;
      }
    };
  }
}
