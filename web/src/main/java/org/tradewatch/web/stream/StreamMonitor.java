package org.tradewatch.web.stream;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.tradewatch.core.ingest.IngestResult;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.status.EventRate;
import org.tradewatch.core.status.StreamCounters;
import org.tradewatch.core.status.StreamState;

/**
 * The live state of one upstream stream, written by its consumer and read by {@code /api/streams}
 * and health. Thread-safe: the socket thread, the applier thread and request threads all touch it.
 */
public final class StreamMonitor {

  private final Source source;
  private final Clock clock;
  private final EventRate applied;
  private final AtomicLong eventsApplied = new AtomicLong();
  private final AtomicLong eventsSkipped = new AtomicLong();
  private final AtomicLong eventsIgnored = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong quarantined = new AtomicLong();
  private final AtomicLong framesReceived = new AtomicLong();
  private final AtomicLong superseded = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong stale = new AtomicLong();

  private volatile StreamState state = StreamState.STOPPED;
  private volatile Instant connectedSince;
  private volatile Instant lastFrameAt;
  private volatile String problem;
  private volatile IntSupplier queueDepth = () -> 0;
  private volatile Supplier<Instant> oldestQueuedAt = () -> null;

  public StreamMonitor(Source source, Clock clock) {
    this.source = source;
    this.clock = clock;
    this.applied = new EventRate(EventRate.DEFAULT_SPAN, clock.instant());
  }

  public Source source() {
    return source;
  }

  /** Continues the lifetime counters kept from an earlier run. */
  public void restore(StreamCounters counters, long quarantinedCount) {
    eventsApplied.set(counters.eventsApplied());
    eventsSkipped.set(counters.eventsSkipped());
    eventsIgnored.set(counters.eventsIgnored());
    reconnects.set(counters.reconnects());
    lastFrameAt = counters.lastFrameAt();
    quarantined.set(quarantinedCount);
  }

  public StreamCounters counters() {
    return new StreamCounters(
        source,
        eventsApplied.get(),
        eventsSkipped.get(),
        eventsIgnored.get(),
        reconnects.get(),
        lastFrameAt);
  }

  public void watchQueue(IntSupplier depth, Supplier<Instant> oldest) {
    this.queueDepth = depth;
    this.oldestQueuedAt = oldest;
  }

  public void connecting() {
    state = StreamState.CONNECTING;
    connectedSince = null;
  }

  public void connected(boolean reconnect) {
    Instant now = clock.instant();
    state = StreamState.CONNECTED;
    connectedSince = now;
    problem = null;
    if (reconnect) {
      reconnects.incrementAndGet();
    }
  }

  public void backingOff(String why) {
    state = StreamState.BACKING_OFF;
    connectedSince = null;
    problem = why;
  }

  /** Another instance runs the consumer; this one shows the counters it saved. */
  public void standby(String why) {
    state = StreamState.STANDBY;
    connectedSince = null;
    problem = why;
    queueDepth = () -> 0;
    oldestQueuedAt = () -> null;
  }

  public void stopped(String why) {
    state = StreamState.STOPPED;
    connectedSince = null;
    problem = why;
  }

  /** A new socket counts as activity, so the silence watchdog measures from its opening. */
  public void markAlive() {
    lastFrameAt = clock.instant();
  }

  public void frameReceived() {
    lastFrameAt = clock.instant();
    framesReceived.incrementAndGet();
  }

  public void applied(IngestResult result) {
    eventsApplied.addAndGet(result.applied());
    eventsSkipped.addAndGet(result.skipped());
    eventsIgnored.addAndGet(result.ignored().values().stream().mapToLong(Integer::longValue).sum());
    quarantined.addAndGet(result.quarantined());
    superseded.addAndGet(result.superseded());
    duplicates.addAndGet(result.duplicates());
    stale.addAndGet(result.stale());
    applied.record(result.applied(), clock.instant());
  }

  public void quarantined(int count) {
    quarantined.addAndGet(count);
  }

  public void problem(String why) {
    problem = why;
  }

  public StreamState state() {
    return state;
  }

  public Instant lastFrameAt() {
    return lastFrameAt;
  }

  /** Events applied in each of the last minutes' complete seconds, for the status chart. */
  public EventRate.Series appliedPerSecond() {
    return applied.series(clock.instant());
  }

  /** A consistent-enough copy for one response. */
  public StreamView view() {
    Instant now = clock.instant();
    Instant oldest = oldestQueuedAt.get();
    return new StreamView(
        source.id(),
        state.id(),
        connectedSince,
        lastFrameAt,
        eventsApplied.get(),
        applied.perSecond(EventRate.DEFAULT_WINDOW, now),
        reconnects.get(),
        quarantined.get(),
        queueDepth.getAsInt(),
        oldest == null ? 0 : Math.max(0, now.toEpochMilli() - oldest.toEpochMilli()),
        eventsSkipped.get(),
        eventsIgnored.get(),
        framesReceived.get(),
        superseded.get(),
        duplicates.get(),
        stale.get(),
        problem);
  }

  /** One stream as {@code /api/streams} shows it. */
  public record StreamView(
      String source,
      String state,
      Instant connectedSince,
      Instant lastFrameAt,
      long eventsApplied,
      double eventsPerSecond,
      long reconnects,
      long quarantined,
      int queueDepth,
      long lagMillis,
      long eventsSkipped,
      long eventsIgnored,
      long framesReceived,
      long supersededSinceStart,
      long duplicatesSinceStart,
      long staleSinceStart,
      String problem) {

    public Map<String, Object> asHealthData() {
      return Map.of("state", state, "queueDepth", queueDepth, "lagMillis", lagMillis);
    }
  }
}
