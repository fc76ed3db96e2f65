package org.tradewatch.core.market;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Instants to the nanosecond, as nanoseconds since the epoch in one long per slot: exact for the
 * years 1677 to 2262. An instant outside those (an upstream clock gone wrong) goes into a side map,
 * so that nothing is ever rounded.
 */
final class InstantColumn {

  private static final long NONE = Long.MIN_VALUE;
  private static final long OUTLIER = Long.MIN_VALUE + 1;
  private static final long NANOS = 1_000_000_000L;

  /** Seconds whose nanoseconds, plus under a second, fit a long and miss both markers. */
  private static final long MAX_SECONDS = Long.MAX_VALUE / NANOS - 1;

  private final LongColumn nanos = new LongColumn();
  private final Map<Integer, Instant> outliers = new HashMap<>();

  void ensure(int slots) {
    nanos.ensure(slots);
  }

  /** Whether the instant is one of the years 1677 to 2262, which {@link #toNanos} holds exactly. */
  static boolean fits(Instant instant) {
    return Math.abs(instant.getEpochSecond()) <= MAX_SECONDS;
  }

  /** An instant that {@link #fits} as epoch nanoseconds. */
  static long toNanos(Instant instant) {
    return instant.getEpochSecond() * NANOS + instant.getNano();
  }

  /** The instant of {@link #toNanos}'s nanoseconds. */
  static Instant ofNanos(long value) {
    return Instant.ofEpochSecond(Math.floorDiv(value, NANOS), Math.floorMod(value, NANOS));
  }

  void set(int slot, Instant instant) {
    if (nanos.get(slot) == OUTLIER) {
      outliers.remove(slot);
    }
    if (instant == null) {
      nanos.set(slot, NONE);
    } else if (Math.abs(instant.getEpochSecond()) <= MAX_SECONDS) {
      nanos.set(slot, instant.getEpochSecond() * NANOS + instant.getNano());
    } else {
      nanos.set(slot, OUTLIER);
      outliers.put(slot, instant);
    }
  }

  Instant get(int slot) {
    long value = nanos.get(slot);
    if (value == NONE) {
      return null;
    }
    if (value == OUTLIER) {
      return outliers.get(slot);
    }
    return Instant.ofEpochSecond(Math.floorDiv(value, NANOS), Math.floorMod(value, NANOS));
  }

  /**
   * A 32-bit digest of the slot's instant that never contradicts its order: units of 2^24 ns (about
   * 17 ms) from {@code origin}, so that about 1.1 years either side of it are told apart, and
   * instants beyond fall to the ends. Must not be asked of a missing instant.
   */
  int primary(int slot, Instant origin) {
    long value = nanos.get(slot);
    if (value == OUTLIER) {
      // Outliers lie before 1677 or after 2262: beyond any origin's reach.
      return outliers.get(slot).getEpochSecond() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    }
    return primary(value, origin);
  }

  /** The primary of {@code instant}, as {@link #primary(int, Instant)} gives it for a slot. */
  static int primary(Instant instant, Instant origin) {
    if (Math.abs(instant.getEpochSecond()) > MAX_SECONDS) {
      return instant.getEpochSecond() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    }
    return primary(instant.getEpochSecond() * NANOS + instant.getNano(), origin);
  }

  private static int primary(long nanos, Instant origin) {
    long units = (nanos >> 24) - ((origin.getEpochSecond() * NANOS) >> 24);
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, units));
  }

  /** Orders two slots' instants; a missing one first. */
  int compare(int a, int b) {
    long x = nanos.get(a);
    long y = nanos.get(b);
    if (x != OUTLIER && y != OUTLIER) {
      return Long.compare(x, y);
    }
    return compare(get(a), get(b));
  }

  /** Orders a slot's instant against {@code instant}; a missing one first. */
  int compareTo(int slot, Instant instant) {
    long x = nanos.get(slot);
    if (x != OUTLIER && x != NONE && Math.abs(instant.getEpochSecond()) <= MAX_SECONDS) {
      return Long.compare(x, instant.getEpochSecond() * NANOS + instant.getNano());
    }
    return compare(get(slot), instant);
  }

  private static int compare(Instant x, Instant y) {
    if (x == null || y == null) {
      return x == y ? 0 : x == null ? -1 : 1;
    }
    return x.compareTo(y);
  }

  long bytes() {
    return nanos.bytes() + outliers.size() * 100L;
  }
}
