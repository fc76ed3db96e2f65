package org.tradewatch.core.stream.skinshark;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * One socket's sync state: waiting for {@code market.ready}, buffering deltas while the snapshot
 * loads, then live. A new socket gets a new sync; nothing carries over.
 *
 * <p>Frames are forwarded to the sink under this object's lock, the replay included, so a delta
 * that arrives while the buffer is being replayed waits and follows it: no delta is lost, reordered
 * or forwarded twice. Thread-safe: the socket thread and the snapshot loader share it.
 */
public final class MarketSync {

  /** Where frames go once the snapshot is in: the ingest pipeline, in order. */
  @FunctionalInterface
  public interface Sink {
    void frame(String text) throws InterruptedException;
  }

  /** What a frame did. */
  public enum Step {
    /** The first {@code market.ready}: load the snapshot now. */
    READY,
    /** Kept until the snapshot is in. */
    BUFFERED,
    /** Handed to the sink. */
    FORWARDED
  }

  /** More deltas arrived during the snapshot load than the buffer holds. */
  public static final class BufferFull extends Exception {
    private static final long serialVersionUID = 1L;

    BufferFull(int limit) {
      super("more than " + limit + " deltas arrived while the snapshot loaded");
    }
  }

  private enum Phase {
    AWAITING_READY,
    LOADING,
    LIVE
  }

  private final Sink sink;
  private final int maxBuffered;
  private final ArrayDeque<String> buffer = new ArrayDeque<>();
  private Phase phase = Phase.AWAITING_READY;
  private Instant readyAt;
  private long deltasReceived;

  /**
   * @param sink where frames go, in order
   * @param maxBuffered the most deltas kept while the snapshot loads: memory stays bounded, and a
   *     load that falls this far behind is better restarted
   */
  public MarketSync(Sink sink, int maxBuffered) {
    this.sink = Objects.requireNonNull(sink, "sink");
    if (maxBuffered < 1) {
      throw new IllegalArgumentException("maxBuffered must be positive, was " + maxBuffered);
    }
    this.maxBuffered = maxBuffered;
  }

  /**
   * Takes one frame from the socket. A {@code market.ready} whose {@code ts} is not a time the
   * store can hold is not taken as ready ({@link SkinsharkDecoder#readyAt}): it would stamp every
   * listing of the snapshot.
   */
  public synchronized Step onFrame(String text) throws InterruptedException, BufferFull {
    Objects.requireNonNull(text, "text");
    if (phase == Phase.AWAITING_READY) {
      Instant ready = SkinsharkDecoder.readyAt(text);
      if (ready != null) {
        readyAt = ready;
        phase = Phase.LOADING;
        return Step.READY;
      }
    }
    deltasReceived++;
    if (phase == Phase.LIVE) {
      sink.frame(text);
      return Step.FORWARDED;
    }
    if (buffer.size() >= maxBuffered) {
      throw new BufferFull(maxBuffered);
    }
    buffer.add(text);
    return Step.BUFFERED;
  }

  /** The {@code ts} of the socket's {@code market.ready}, or null before it. */
  public synchronized Instant readyAt() {
    return readyAt;
  }

  /** Frames other than the ready frame received so far: a change says the market moved. */
  public synchronized long deltasReceived() {
    return deltasReceived;
  }

  /** Deltas waiting for the snapshot. */
  public synchronized int buffered() {
    return buffer.size();
  }

  /**
   * The snapshot is in the sink: forwards the buffered deltas in arrival order and goes live.
   *
   * @return how many were replayed
   * @throws IllegalStateException before {@code market.ready} or when already live
   */
  public synchronized int snapshotLoaded() throws InterruptedException {
    if (phase != Phase.LOADING) {
      throw new IllegalStateException("no snapshot is loading (" + phase + ")");
    }
    int replayed = 0;
    while (!buffer.isEmpty()) {
      // Taken off only once forwarded, so an interrupted replay leaves the rest buffered.
      sink.frame(buffer.peek());
      buffer.poll();
      replayed++;
    }
    phase = Phase.LIVE;
    return replayed;
  }

  /** Whether deltas now go straight to the sink. */
  public synchronized boolean live() {
    return phase == Phase.LIVE;
  }
}
