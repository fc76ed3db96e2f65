package org.tradewatch.core.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tradewatch.core.listing.Source;

/**
 * Keeps one source's lease for this instance: takes it when nobody holds it, renews it while held,
 * and tells its listener when to start and when to stop the source's consumer.
 *
 * <p>The owner calls {@link #tick} every {@link #interval} (a third of the lease) and {@link
 * #enforceDeadline} more often, from another thread. A holder that cannot renew stops its consumer
 * one interval before the lease lapses, so by the time another instance may take the lease over the
 * old socket is closed: two instances never hold a source's socket at once, as long as their clocks
 * agree to within an interval. A holder that is killed stops renewing; another instance takes over
 * within the lease's duration plus one interval. Writes are fenced by the lease's epoch as well
 * (see {@link LeaseLostException}), so a holder that was paused past its deadline cannot store
 * anything after the takeover either; it reports that through {@link #fenced}.
 */
public final class LeaseKeeper {

  /** What the keeper asks of the source's consumer. */
  public interface Listener {
    /** The lease is held: start the consumer under it. */
    void acquired(Lease lease);

    /** The lease is lost or given up: stop the consumer now; nothing more of it may be written. */
    void lost(Lease lease, String why);
  }

  private static final Logger LOG = Logger.getLogger(LeaseKeeper.class.getName());

  /** The lease held and until when this instance may act on it. */
  private record Held(Lease lease, Instant safeUntil) {}

  private final Source source;
  private final String instance;
  private final LeaseStore store;
  private final Duration ttl;
  private final Duration interval;
  private final Clock clock;
  private final Listener listener;
  private final AtomicReference<Held> held = new AtomicReference<>();
  private volatile boolean stopped;

  public LeaseKeeper(
      Source source,
      String instance,
      LeaseStore store,
      Duration ttl,
      Clock clock,
      Listener listener) {
    this.source = Objects.requireNonNull(source, "source");
    this.instance = Objects.requireNonNull(instance, "instance");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
    if (ttl.compareTo(Duration.ofSeconds(3)) < 0) {
      throw new IllegalArgumentException("a lease must last at least 3 s, was " + ttl);
    }
    this.ttl = ttl;
    this.interval = ttl.dividedBy(3);
  }

  /** How often {@link #tick} should run: a third of the lease. */
  public Duration interval() {
    return interval;
  }

  /** The lease this instance holds now, or null. */
  public Lease held() {
    Held current = held.get();
    return current == null ? null : current.lease();
  }

  /** One round: takes the lease when nobody holds it, renews it when this instance does. */
  public void tick() {
    if (stopped) {
      return;
    }
    Held current = held.get();
    Instant now = clock.instant();
    if (current == null) {
      acquire(now);
    } else {
      renew(current, now);
    }
  }

  private void acquire(Instant now) {
    Optional<Lease> taken;
    try {
      taken = store.acquire(source, instance, now, ttl);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, source.id() + ": could not try the lease: " + e, e);
      return;
    }
    if (taken.isEmpty()) {
      return;
    }
    Lease lease = taken.get();
    if (stopped) {
      releaseQuietly(lease);
      return;
    }
    // The lease counts from before the call; a slow acquisition (the first use of the database)
    // may have eaten into it, so it is renewed at once from a fresh time.
    Instant safeUntil = now.plus(ttl).minus(interval);
    Instant after = clock.instant();
    if (!after.isBefore(now.plus(interval.dividedBy(2)))) {
      try {
        if (store.renew(lease, after, ttl)) {
          safeUntil = after.plus(ttl).minus(interval);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, source.id() + ": could not renew a lease just taken", e);
      }
    }
    if (!clock.instant().isBefore(safeUntil)) {
      LOG.warning(() -> source.id() + ": the lease was taken too slowly to act on; giving it back");
      releaseQuietly(lease);
      return;
    }
    held.set(new Held(lease, safeUntil));
    LOG.info(
        () -> source.id() + ": " + instance + " holds the lease (epoch " + lease.epoch() + ")");
    listener.acquired(lease);
  }

  private void renew(Held current, Instant now) {
    boolean renewed;
    try {
      renewed = store.renew(current.lease(), now, ttl);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, source.id() + ": could not renew the lease: " + e, e);
      enforceDeadline();
      return;
    }
    if (renewed) {
      held.compareAndSet(current, new Held(current.lease(), now.plus(ttl).minus(interval)));
    } else {
      lose(current.lease(), "another instance took the lease over");
    }
  }

  /**
   * Stops the consumer when the lease could not be renewed in time; safe to call from any thread,
   * also while a {@link #tick} hangs on an unresponsive database.
   */
  public void enforceDeadline() {
    Held current = held.get();
    if (current != null && !clock.instant().isBefore(current.safeUntil())) {
      lose(current.lease(), "the lease could not be renewed in time");
    }
  }

  /** A write under {@code lease} found it taken over: stop its consumer. */
  public void fenced(Lease lease) {
    Held current = held.get();
    if (current != null && current.lease().equals(lease)) {
      lose(lease, "a write found the lease taken over");
    }
  }

  private void lose(Lease lease, String why) {
    Held current = held.get();
    if (current == null || !current.lease().equals(lease) || !held.compareAndSet(current, null)) {
      return;
    }
    LOG.warning(() -> source.id() + ": " + instance + " lost the lease: " + why);
    listener.lost(lease, why);
  }

  /**
   * Stops for good: the consumer first, then the lease is released so that another instance takes
   * over at once instead of waiting for it to lapse.
   */
  public void stop() {
    stopped = true;
    Held current = held.getAndSet(null);
    if (current == null) {
      return;
    }
    listener.lost(current.lease(), "stopping");
    releaseQuietly(current.lease());
  }

  private void releaseQuietly(Lease lease) {
    try {
      store.release(lease, clock.instant());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, source.id() + ": could not release the lease; it lapses instead", e);
    }
  }
}
