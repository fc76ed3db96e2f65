package org.tradewatch.persistence;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers rows in the order they are written, for "newest first" among rows of the same time.
 *
 * <p>A database sequence would do this, but EclipseLink logs its existence check for a sequence as
 * a failure on every fresh database. These numbers are wall-clock microseconds, bumped by one when
 * two rows fall in the same microsecond, so they increase within a JVM and stay roughly in time
 * order across restarts.
 */
public final class InsertionOrder {

  private static final AtomicLong LAST = new AtomicLong();
  private static final Clock CLOCK = Clock.systemUTC();

  private InsertionOrder() {}

  public static long next() {
    Instant now = CLOCK.instant();
    long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    return LAST.updateAndGet(previous -> Math.max(previous + 1, micros));
  }
}
