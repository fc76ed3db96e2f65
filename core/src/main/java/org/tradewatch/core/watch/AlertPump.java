package org.tradewatch.core.watch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tradewatch.core.market.MarketChange;

/**
 * Matches applied changes against the watches off the ingest's thread, hands the alerts on, and
 * stores them.
 *
 * <p>The ingest hands each committed group's changes over with {@link #offer}, which never waits: a
 * bounded queue takes them, and when it is full the group is counted and dropped (its alerts are
 * lost; the listings are stored as always), so a slow database or a burst of alerts never holds the
 * ingest back. One thread of its own drains the queue, matches (a few look-ups per change) and
 * hands the alerts of everything it drained on to be delivered; a second thread stores them, as
 * many as wait, in one transaction. Delivery never waits for the database: a trader's socket and
 * webhook need nothing from the row, and waiting for the commit put the database's slowest moments
 * into every alert's latency. Alerts the store refused are kept (up to {@link #MAX_PENDING}, the
 * oldest dropped beyond) and stored with the next ones.
 */
public final class AlertPump {

  private static final Logger LOG = Logger.getLogger(AlertPump.class.getName());

  /** Alerts kept while the store refuses them or is behind; beyond this the oldest are dropped. */
  public static final int MAX_PENDING = 10_000;

  /** Groups matched per hand-on at most. */
  static final int DRAIN = 256;

  /** Alerts stored per transaction at most. */
  static final int STORE_BATCH = 2_000;

  private static final Duration RETRY = Duration.ofMillis(500);

  private final WatchBook book;
  private final AlertStore store;
  private final Consumer<List<Alert>> raised;
  private final BlockingQueue<List<MarketChange>> queue;
  private final Deque<Alert> pending = new ArrayDeque<>();
  private final Object stopping = new Object();

  private final AtomicLong groupsDropped = new AtomicLong();
  private final AtomicLong changesDropped = new AtomicLong();
  private final AtomicLong alertsRaised = new AtomicLong();
  private final AtomicLong alertsStored = new AtomicLong();
  private final AtomicLong alertsLost = new AtomicLong();
  private volatile long lastDropLoggedMillis;
  private volatile boolean running;
  private Thread matcher;
  private Thread storer;

  /**
   * @param book the watches to match
   * @param store where alerts go
   * @param raised told of the alerts of each drained batch, in the order they were raised, before
   *     they are stored (on the pump's thread: it must not block)
   * @param capacity the most groups of changes waiting
   */
  public AlertPump(WatchBook book, AlertStore store, Consumer<List<Alert>> raised, int capacity) {
    this.book = Objects.requireNonNull(book, "book");
    this.store = Objects.requireNonNull(store, "store");
    this.raised = Objects.requireNonNull(raised, "raised");
    if (capacity < 1) {
      throw new IllegalArgumentException("the queue holds 1 group or more, not " + capacity);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** Starts the pump's threads, made by {@code threads}. */
  public synchronized void start(ThreadFactory threads) {
    if (running) {
      return;
    }
    running = true;
    matcher = threads.newThread(this::matchUntilStopped);
    matcher.setName("tradewatch-alerts");
    matcher.setDaemon(true);
    matcher.start();
    storer = threads.newThread(this::storeUntilStopped);
    storer.setName("tradewatch-alerts-store");
    storer.setDaemon(true);
    storer.start();
  }

  /** Stops the threads; what waits is not matched, nor stored. */
  public synchronized void stop() {
    running = false;
    synchronized (stopping) {
      stopping.notifyAll();
    }
    if (matcher != null) {
      matcher.interrupt();
    }
    if (storer != null) {
      storer.interrupt();
    }
  }

  /**
   * Hands over the changes of one committed group, in the order they were applied. Never blocks: on
   * the ingest's thread this is one queue insert.
   *
   * @return false when the queue was full and the group was dropped
   */
  public boolean offer(List<MarketChange> changes) {
    if (changes.isEmpty()) {
      return true;
    }
    if (queue.offer(changes)) {
      return true;
    }
    groupsDropped.incrementAndGet();
    changesDropped.addAndGet(changes.size());
    long now = System.currentTimeMillis();
    if (now - lastDropLoggedMillis > 60_000) {
      lastDropLoggedMillis = now;
      LOG.warning(
          () ->
              "Watch matching is behind: "
                  + groupsDropped.get()
                  + " groups of changes dropped so far (their alerts are lost)");
    }
    return false;
  }

  private void matchUntilStopped() {
    List<List<MarketChange>> groups = new ArrayList<>(DRAIN);
    while (running) {
      try {
        groups.add(queue.take());
        queue.drainTo(groups, DRAIN - 1);
        List<Alert> matched = new ArrayList<>(0);
        for (List<MarketChange> group : groups) {
          matched.addAll(book.match(group));
        }
        alertsRaised.addAndGet(matched.size());
        if (!matched.isEmpty()) {
          handOn(matched);
          keep(matched);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Matching changes against the watches failed", e);
      } finally {
        groups.clear();
      }
    }
  }

  private void handOn(List<Alert> matched) {
    try {
      raised.accept(matched);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Handing on raised alerts failed", e);
    }
  }

  /** Puts alerts in line for the store, dropping the oldest past {@link #MAX_PENDING}. */
  private void keep(List<Alert> matched) {
    synchronized (pending) {
      pending.addAll(matched);
      while (pending.size() > MAX_PENDING) {
        pending.removeFirst();
        alertsLost.incrementAndGet();
      }
      pending.notifyAll();
    }
  }

  private void storeUntilStopped() {
    List<Alert> batch = new ArrayList<>();
    while (running) {
      try {
        synchronized (pending) {
          while (pending.isEmpty()) {
            pending.wait();
          }
          while (!pending.isEmpty() && batch.size() < STORE_BATCH) {
            batch.add(pending.removeFirst());
          }
        }
        if (!store(batch)) {
          awaitStopOr(RETRY);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  /** Waits out a retry's delay on the store's thread, returning early when the pump stops. */
  private void awaitStopOr(Duration delay) throws InterruptedException {
    long until = System.nanoTime() + delay.toNanos();
    synchronized (stopping) {
      for (long left = delay.toNanos(); running && left > 0; left = until - System.nanoTime()) {
        TimeUnit.NANOSECONDS.timedWait(stopping, left);
      }
    }
  }

  /**
   * Stores {@code batch} in one transaction; on failure puts it back in front of what waits.
   *
   * @return whether it was stored
   */
  private boolean store(List<Alert> batch) {
    List<Alert> saved;
    try {
      saved = store.add(List.copyOf(batch));
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Storing " + batch.size() + " alerts failed; keeping them for the next attempt",
          e);
      synchronized (pending) {
        for (int i = batch.size() - 1; i >= 0; i--) {
          pending.addFirst(batch.get(i));
        }
        while (pending.size() > MAX_PENDING) {
          pending.removeFirst();
          alertsLost.incrementAndGet();
        }
      }
      return false;
    }
    alertsStored.addAndGet(saved.size());
    return true;
  }

  /** Groups of changes dropped because the queue was full. */
  public long groupsDropped() {
    return groupsDropped.get();
  }

  /** Changes in the dropped groups. */
  public long changesDropped() {
    return changesDropped.get();
  }

  /** Alerts the matching raised. */
  public long alertsRaised() {
    return alertsRaised.get();
  }

  /** Alerts stored (not those of watches deleted meanwhile). */
  public long alertsStored() {
    return alertsStored.get();
  }

  /** Alerts dropped because the store refused them for too long. */
  public long alertsLost() {
    return alertsLost.get();
  }

  /** Groups waiting to be matched. */
  public int queued() {
    return queue.size();
  }

  /** Alerts raised and waiting to be stored. */
  public int storing() {
    synchronized (pending) {
      return pending.size();
    }
  }
}
