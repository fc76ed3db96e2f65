package org.tradewatch.web.market;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tradewatch.core.deal.DealRules;
import org.tradewatch.core.ingest.Checkpoint;
import org.tradewatch.core.ingest.ListingStore;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingRecords;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketModel;
import org.tradewatch.web.live.ChangeAnnounced;
import org.tradewatch.web.live.LiveHub;

/**
 * This instance's market model and what keeps it true to the database.
 *
 * <ul>
 *   <li>At start it is built from the database (the checkpoint table, then the log after it) on a
 *       managed thread; until then readiness says it is building and searches are refused, and the
 *       consumers wait (see {@link #whenBuilt}).
 *   <li>A source this instance holds the lease of changes the model through its own ingest.
 *   <li>A source another instance holds is followed by tailing its log: when an announcement
 *       arrives over the data grid, and every {@code tradewatch.market.tail-millis} besides, which
 *       heals an announcement that was lost or came out of order.
 *   <li>The sources held here are checkpointed every {@code tradewatch.market.checkpoint-seconds},
 *       so that a start reads the listing table and little of the log.
 * </ul>
 */
@ApplicationScoped
public class Market {

  private static final Logger LOG = Logger.getLogger(Market.class.getName());

  private static final Duration MAX_BUILD_DELAY = Duration.ofSeconds(30);

  /** Log rows read per round trip while tailing. */
  static final int TAIL_BATCH = 2_000;

  @Inject
  @ConfigProperty(name = "tradewatch.market.tail-millis", defaultValue = "1000")
  long tailMillis;

  @Inject
  @ConfigProperty(name = "tradewatch.market.checkpoint-seconds", defaultValue = "60")
  long checkpointSeconds;

  // Off, a source held elsewhere is followed by the periodic tail alone: how the tests prove that
  // a lost announcement heals, and a way to spare a busy data grid.
  @Inject
  @ConfigProperty(name = "tradewatch.market.follow-announcements", defaultValue = "true")
  boolean followAnnouncements;

  @Inject ListingRecords records;
  @Inject ListingStore store;
  @Inject LiveHub live;

  @Resource ManagedExecutorService executor;
  @Resource ManagedScheduledExecutorService scheduler;

  // How far under the suggested price a sell listing is a deal, in percent (more than 0, under
  // 100).
  @Inject
  @ConfigProperty(name = "tradewatch.deals.min-discount", defaultValue = "10")
  BigDecimal minDiscount;

  private MarketModel model;
  private final AtomicLong loaded = new AtomicLong();
  private final Set<Source> heldHere = ConcurrentHashMap.newKeySet();
  private final Map<Source, Object> tailLocks = new EnumMap<>(Source.class);
  private final List<Runnable> whenBuilt = new ArrayList<>();
  private volatile boolean built;
  private volatile long buildMillis = -1;
  private volatile String failure;
  private volatile String historyRead;
  private final List<ScheduledFuture<?>> schedules = new ArrayList<>();

  public Market() {
    for (Source source : Source.values()) {
      tailLocks.put(source, new Object());
    }
  }

  @PostConstruct
  void createModel() {
    model = new MarketModel(new DealRules(minDiscount));
  }

  /**
   * Starts the build with the application, before anything else observes its start: created later
   * on a thread of the data grid (by the first announcement {@link
   * org.tradewatch.web.live.LiveCluster} hears), the bean would find no managed executor.
   */
  void onStart(
      @Observes
          @Priority(Interceptor.Priority.PLATFORM_BEFORE)
          @Initialized(ApplicationScoped.class)
          Object ignored) {
    executor.execute(() -> build(Duration.ofSeconds(1)));
  }

  /**
   * Builds the model; while the database cannot be read (it may be starting) tries again later,
   * waiting twice as long each time up to {@link #MAX_BUILD_DELAY}.
   */
  private void build(Duration nextDelay) {
    long started = System.nanoTime();
    // The checkpoint holds states, not events: the price history is read from the log after.
    model.pauseHistory();
    try {
      records.states(
          batch -> {
            model.apply(batch);
            loaded.addAndGet(batch.size());
          });
      failure = null;
    } catch (RuntimeException e) {
      // States read before the failure stay: the model ignores them when they are read again.
      failure = "the database could not be read; trying again";
      LOG.log(Level.WARNING, "Building the market model failed; trying again in " + nextDelay, e);
      Duration after =
          nextDelay.multipliedBy(2).compareTo(MAX_BUILD_DELAY) > 0
              ? MAX_BUILD_DELAY
              : nextDelay.multipliedBy(2);
      scheduler.schedule(() -> build(after), nextDelay.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    buildMillis = millis;
    LOG.info(
        () ->
            "Market model built: "
                + model.size()
                + " listings from "
                + loaded.get()
                + " stored states in "
                + millis
                + " ms");
    long[] historyUpTo = model.resumeHistory();
    executor.execute(() -> readHistory(historyUpTo));
    List<Runnable> waiting;
    synchronized (this) {
      built = true;
      waiting = List.copyOf(whenBuilt);
      whenBuilt.clear();
      schedules.add(
          scheduler.scheduleWithFixedDelay(
              this::tailOthers, tailMillis, tailMillis, TimeUnit.MILLISECONDS));
      schedules.add(
          scheduler.scheduleWithFixedDelay(
              this::checkpointHeld, checkpointSeconds, checkpointSeconds, TimeUnit.SECONDS));
    }
    waiting.forEach(Runnable::run);
  }

  /**
   * Adds each source's log up to the seq the build ended at to the price history, after the build
   * and beside live ingest (which adds what comes after): the log keeps the retention's days of
   * events, the seven days the history shows.
   */
  private void readHistory(long[] upTo) {
    long started = System.nanoTime();
    long read = 0;
    try {
      for (Source source : Source.values()) {
        long end = upTo[source.ordinal()];
        long after = 0;
        while (after < end) {
          List<ListingRecords.Logged> rows = records.after(source, after, TAIL_BATCH);
          if (rows.isEmpty()) {
            break;
          }
          List<ListingState> states = new ArrayList<>(rows.size());
          for (ListingRecords.Logged row : rows) {
            if (row.seq() <= end) {
              states.add(row.state());
            }
            after = row.seq();
          }
          model.addToHistory(states);
          read += states.size();
        }
      }
    } catch (RuntimeException e) {
      historyRead = "failed: " + e.getMessage();
      LOG.log(Level.WARNING, "Reading the price history from the log failed", e);
      return;
    }
    long rows = read;
    long millis = (System.nanoTime() - started) / 1_000_000;
    historyRead = "read " + rows + " logged events in " + millis + " ms";
    LOG.info(() -> "Price history read from the log: " + rows + " events in " + millis + " ms");
  }

  /** How reading the price history from the log went, or null while it goes on. */
  public String historyRead() {
    return historyRead;
  }

  /** Runs {@code task} once the model is built: at once if it is. */
  public void whenBuilt(Runnable task) {
    synchronized (this) {
      if (!built) {
        whenBuilt.add(task);
        return;
      }
    }
    task.run();
  }

  public boolean built() {
    return built;
  }

  /** Why the model could not be built, or null. */
  public String failure() {
    return failure;
  }

  /** How long the last attempt of the build took, in milliseconds; -1 until built. */
  public long buildMillis() {
    return buildMillis;
  }

  /** Stored states read so far while building (all of them once built). */
  public long loaded() {
    return loaded.get();
  }

  public MarketModel model() {
    return model;
  }

  /**
   * This instance now holds (or no longer holds) the source's lease. Before it ingests, its model
   * catches up with everything the previous holder appended, since ingest checks events against it.
   */
  public void holding(Source source, boolean held) {
    if (held) {
      catchUp(source);
      heldHere.add(source);
    } else {
      heldHere.remove(source);
    }
  }

  /** Another instance announced that it appended to a source's log: catch up now, if told to. */
  void onAnnouncement(@Observes ChangeAnnounced announced) {
    if (followAnnouncements) {
      catchUp(announced.source());
    }
  }

  /**
   * Applies the source's log rows the model does not have yet and hands the changes to the live
   * socket; on an instance that does not hold the source, after an announcement and periodically.
   */
  public void catchUp(Source source) {
    if (!built) {
      return;
    }
    synchronized (tailLocks.get(source)) {
      while (true) {
        List<ListingRecords.Logged> rows =
            records.after(source, model.highestSeq(source), TAIL_BATCH);
        if (rows.isEmpty()) {
          return;
        }
        List<ListingState> states = new ArrayList<>(rows.size());
        Map<Long, Listing> bySeq = new java.util.HashMap<>(rows.size() * 2);
        for (ListingRecords.Logged row : rows) {
          states.add(row.state());
          bySeq.put(row.seq(), row.listing());
        }
        live.publish(model.apply(states), change -> bySeq.get(change.after().seq()));
        if (rows.size() < TAIL_BATCH) {
          return;
        }
      }
    }
  }

  private void tailOthers() {
    for (Source source : Source.values()) {
      if (heldHere.contains(source)) {
        continue;
      }
      try {
        catchUp(source);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, source + ": tailing the log failed; trying again", e);
      }
    }
  }

  private void checkpointHeld() {
    for (Source source : heldHere) {
      try {
        checkpoint(source);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, source + ": checkpoint failed; the next one tries again", e);
      }
    }
  }

  /** Folds what changed since the source's last checkpoint into the listing table. */
  void checkpoint(Source source) {
    long started = System.nanoTime();
    long written = Checkpoint.run(model, store, source);
    if (written > 0) {
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      LOG.fine(() -> source + ": checkpoint of " + written + " listings in " + took);
    }
  }

  @PreDestroy
  void stop() {
    synchronized (this) {
      schedules.forEach(schedule -> schedule.cancel(false));
    }
  }
}
