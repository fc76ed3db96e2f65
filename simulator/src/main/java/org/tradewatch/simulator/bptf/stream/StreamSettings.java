package org.tradewatch.simulator.bptf.stream;

import org.tradewatch.simulator.bptf.market.EventClock;

/**
 * The set-up of the events stream.
 *
 * @param seed the market's seed: the same seed gives the same events
 * @param eventsPerSecond the pace; 0 sends full frames as fast as the clients take them
 * @param frameSize the most events in one frame, 1 to 501
 * @param total how many market events to deliver before stopping; -1 for no end
 * @param clock the clock that stamps events
 * @param clockStart the synthetic clock's first second (unix seconds); unused by the wall clock
 */
public record StreamSettings(
    long seed,
    int eventsPerSecond,
    int frameSize,
    long total,
    EventClock.Kind clock,
    long clockStart) {

  /** The largest frame upstream has been seen to send. */
  public static final int MAX_FRAME_SIZE = 501;

  /** The fastest pace one may ask for; 0 (unpaced) is faster still. */
  public static final int MAX_EVENTS_PER_SECOND = 10_000_000;

  /** The demo set-up: a few tens of events per second, about one frame a second. */
  public static final StreamSettings DEFAULTS =
      new StreamSettings(1, 30, 500, -1, EventClock.Kind.WALL, 1_765_000_000L);

  public StreamSettings {
    if (eventsPerSecond < 0 || eventsPerSecond > MAX_EVENTS_PER_SECOND) {
      throw new InvalidSettingException(
          "eventsPerSecond",
          "must be between 0 and " + MAX_EVENTS_PER_SECOND + ", got " + eventsPerSecond);
    }
    if (frameSize < 1 || frameSize > MAX_FRAME_SIZE) {
      throw new InvalidSettingException(
          "frameSize", "must be between 1 and " + MAX_FRAME_SIZE + ", got " + frameSize);
    }
    if (total < -1) {
      throw new InvalidSettingException("total", "must be -1 (no end) or at least 0, got " + total);
    }
    if (clock == null) {
      throw new InvalidSettingException("clock", "must be 'wall' or 'synthetic'");
    }
    if (clockStart < 0 || clockStart > 0xFFFF_FFFFL) {
      throw new InvalidSettingException(
          "clockStart", "must be unix seconds that fit in 4 bytes, got " + clockStart);
    }
  }

  /** A new clock for a run with these settings. */
  public EventClock newClock() {
    if (clock == EventClock.Kind.WALL) {
      return EventClock.wall();
    }
    return EventClock.synthetic(clockStart, eventsPerSecond > 0 ? eventsPerSecond : frameSize);
  }

  /** The number of events in the next frame when {@code remaining} may still be sent. */
  int nextFrameEvents(long remaining) {
    long wanted = eventsPerSecond == 0 ? frameSize : Math.min(frameSize, eventsPerSecond);
    return (int) Math.max(0, Math.min(wanted, remaining));
  }
}
