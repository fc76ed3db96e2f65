package org.tradewatch.web.stream;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tradewatch.core.ingest.IngestMonitor;
import org.tradewatch.core.ingest.IngestResult;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.status.EventRate;
import org.tradewatch.core.status.StreamCounters;
import org.tradewatch.core.status.StreamState;

/**
 * The live state of one upstream stream, written by its consumer and read by {@code /api/streams},
 * health and the metrics. Thread-safe: the socket thread, the applier thread and request threads
 * all touch it.
 *
 * <p>Each figure is counted once, by this instance since it started; those counts only grow, so the
 * metrics read them as counters. {@code /api/streams} adds what earlier runs counted ({@link
 * #restore}): on the holder of a cluster's lease that continues the lifetime figures, and on a
 * standby instance it shows the holder's saved ones.
 */
public final class StreamMonitor implements IngestMonitor {

  /** Why a listing event was looked at and not applied. */
  public enum SkipReason {
    /** A later event for the same listing stood in the same group. */
    SUPERSEDED("superseded"),
    /** The event was applied before. */
    DUPLICATE("duplicate"),
    /** The stored listing was changed by a newer event. */
    STALE("stale"),
    /** A delete of a listing that is not stored. */
    UNKNOWN_DELETE("unknown_delete");

    private final String id;

    SkipReason(String id) {
      this.id = id;
    }

    /** The name the metrics tag it with. */
    public String id() {
      return id;
    }
  }

  /**
   * How many distinct names of ignored events are counted apart. The names come from upstream, so
   * they are bounded here to keep memory and the metrics' series bounded whatever it sends.
   */
  public static final int MAX_IGNORED_NAMES = 16;

  /** Names longer than this are counted with the overflow, not by name. */
  static final int MAX_IGNORED_NAME_LENGTH = 64;

  /** Where ignored events beyond {@link #MAX_IGNORED_NAMES} names are counted. */
  public static final String OTHER_IGNORED = "(other)";

  private static final Logger LOG = Logger.getLogger(StreamMonitor.class.getName());

  private final Source source;
  private final Clock clock;
  private final EventRate applied;

  private final AtomicLong framesReceived = new AtomicLong();
  private final AtomicLong eventsApplied = new AtomicLong();
  private final AtomicLongArray skipped = new AtomicLongArray(SkipReason.values().length);
  private final AtomicLong eventsIgnored = new AtomicLong();
  private final ConcurrentMap<String, AtomicLong> ignoredByName = new ConcurrentHashMap<>();
  private final AtomicLong quarantined = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();

  /** What earlier runs counted, so that adding this run's counts gives the lifetime ones. */
  private volatile Earlier earlier = new Earlier(0, 0, 0, 0, 0);

  private volatile StreamState state = StreamState.STOPPED;
  private volatile Instant connectedSince;
  private volatile Instant lastFrameAt;
  private volatile String problem;
  private volatile IntSupplier queueDepth = () -> 0;
  private volatile Supplier<Instant> oldestQueuedAt = () -> null;
  private volatile Consumer<String> newIgnoredName = name -> {};

  public StreamMonitor(Source source, Clock clock) {
    this.source = source;
    this.clock = clock;
    this.applied = new EventRate(EventRate.DEFAULT_SPAN, clock.instant());
  }

  public Source source() {
    return source;
  }

  /**
   * Continues the lifetime counters kept from an earlier run, or shows those the holder of the
   * lease saved. This run's own counts, which the metrics read, are left as they are.
   */
  public void restore(StreamCounters counters, long quarantinedCount) {
    earlier =
        new Earlier(
            counters.eventsApplied() - eventsApplied.get(),
            counters.eventsSkipped() - skippedSinceStart(),
            counters.eventsIgnored() - eventsIgnored.get(),
            counters.reconnects() - reconnects.get(),
            quarantinedCount - quarantined.get());
    lastFrameAt = counters.lastFrameAt();
  }

  /** The lifetime counters, as they are saved for the next run. */
  public StreamCounters counters() {
    Earlier before = earlier;
    return new StreamCounters(
        source,
        before.applied + eventsApplied.get(),
        before.skipped + skippedSinceStart(),
        before.ignored + eventsIgnored.get(),
        before.reconnects + reconnects.get(),
        lastFrameAt);
  }

  public void watchQueue(IntSupplier depth, Supplier<Instant> oldest) {
    this.queueDepth = depth;
    this.oldestQueuedAt = oldest;
  }

  /**
   * Calls {@code listener} with each name of ignored events counted apart, those seen so far at
   * once and each new one when it is first counted (on the applier thread, so it must be quick).
   */
  public void onIgnoredName(Consumer<String> listener) {
    newIgnoredName = listener;
    ignoredByName.keySet().forEach(this::tell);
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
    skipped.addAndGet(SkipReason.SUPERSEDED.ordinal(), result.superseded());
    skipped.addAndGet(SkipReason.DUPLICATE.ordinal(), result.duplicates());
    skipped.addAndGet(SkipReason.STALE.ordinal(), result.stale());
    skipped.addAndGet(SkipReason.UNKNOWN_DELETE.ordinal(), result.unknownDeletes());
    result.ignored().forEach(this::ignored);
    quarantined.addAndGet(result.quarantined());
    applied.record(result.applied(), clock.instant());
  }

  private void ignored(String name, int count) {
    eventsIgnored.addAndGet(count);
    AtomicLong byName = ignoredByName.get(name);
    if (byName == null) {
      String key =
          ignoredByName.size() < MAX_IGNORED_NAMES
                  && !name.isEmpty()
                  && name.length() <= MAX_IGNORED_NAME_LENGTH
              ? name
              : OTHER_IGNORED;
      AtomicLong fresh = new AtomicLong();
      byName = ignoredByName.putIfAbsent(key, fresh);
      if (byName == null) {
        byName = fresh;
        tell(key);
      }
    }
    byName.addAndGet(count);
  }

  /** A listener's failure must not fail the batch whose counts are being kept. */
  private void tell(String name) {
    try {
      newIgnoredName.accept(name);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, source.id() + ": could not register ignored events " + name, e);
    }
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

  // This run's own counts, which only grow: what the metrics read.

  public long framesReceived() {
    return framesReceived.get();
  }

  public long appliedSinceStart() {
    return eventsApplied.get();
  }

  public long skippedSinceStart(SkipReason reason) {
    return skipped.get(reason.ordinal());
  }

  private long skippedSinceStart() {
    long total = 0;
    for (SkipReason reason : SkipReason.values()) {
      total += skippedSinceStart(reason);
    }
    return total;
  }

  /**
   * Ignored events of {@code name} (one of those {@link #onIgnoredName} tells, or {@link
   * #OTHER_IGNORED}); 0 for a name not counted apart.
   */
  public long ignoredSinceStart(String name) {
    AtomicLong count = ignoredByName.get(name);
    return count == null ? 0 : count.get();
  }

  /** The names of ignored events counted apart so far. */
  public Set<String> ignoredNames() {
    return Set.copyOf(ignoredByName.keySet());
  }

  public long quarantinedSinceStart() {
    return quarantined.get();
  }

  public long reconnectsSinceStart() {
    return reconnects.get();
  }

  public int queueDepth() {
    return queueDepth.getAsInt();
  }

  /** How long the oldest frame waiting in the queue has waited; 0 when none waits. */
  public long lagMillis() {
    return lagMillis(clock.instant());
  }

  private long lagMillis(Instant now) {
    Instant oldest = oldestQueuedAt.get();
    return oldest == null ? 0 : Math.max(0, now.toEpochMilli() - oldest.toEpochMilli());
  }

  /** A consistent-enough copy for one response. */
  public StreamView view() {
    Instant now = clock.instant();
    StreamCounters lifetime = counters();
    Earlier before = earlier;
    return new StreamView(
        source.id(),
        state.id(),
        connectedSince,
        lastFrameAt,
        lifetime.eventsApplied(),
        applied.perSecond(EventRate.DEFAULT_WINDOW, now),
        lifetime.reconnects(),
        before.quarantined + quarantined.get(),
        queueDepth.getAsInt(),
        lagMillis(now),
        lifetime.eventsSkipped(),
        lifetime.eventsIgnored(),
        framesReceived.get(),
        skippedSinceStart(SkipReason.SUPERSEDED),
        skippedSinceStart(SkipReason.DUPLICATE),
        skippedSinceStart(SkipReason.STALE),
        skippedSinceStart(SkipReason.UNKNOWN_DELETE),
        problem);
  }

  /** Counts of earlier runs, per figure; differences, so any of them may be negative. */
  private record Earlier(
      long applied, long skipped, long ignored, long reconnects, long quarantined) {}

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
      long unknownDeletesSinceStart,
      String problem) {

    public Map<String, Object> asHealthData() {
      return Map.of("state", state, "queueDepth", queueDepth, "lagMillis", lagMillis);
    }
  }
}
