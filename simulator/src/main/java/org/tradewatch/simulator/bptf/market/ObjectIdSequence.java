package org.tradewatch.simulator.bptf.market;

import org.tradewatch.simulator.json.JsonText;

/**
 * Event ids in the MongoDB ObjectId layout upstream uses: 12 bytes in hex, the first 4 a big-endian
 * unix timestamp in seconds. The other 8 bytes are one counter that starts at a seed-derived value,
 * so ids are unique for 2^64 events and the same seed gives the same ids apart from the timestamp.
 * Timestamps never decrease. Not thread-safe.
 */
public final class ObjectIdSequence {
  private long counter;
  private long lastSeconds;

  public ObjectIdSequence(long startCounter) {
    this.counter = startCounter;
  }

  /** Appends the next id, stamped with {@code epochSeconds} (or the last stamp if later). */
  public StringBuilder appendNext(StringBuilder out, long epochSeconds) {
    lastSeconds = Math.max(lastSeconds, epochSeconds);
    JsonText.appendHex(out, lastSeconds, 8);
    return JsonText.appendHex(out, counter++, 16);
  }

  /** Returns the next id, stamped with {@code epochSeconds} (or the last stamp if later). */
  public String next(long epochSeconds) {
    return appendNext(new StringBuilder(24), epochSeconds).toString();
  }
}
