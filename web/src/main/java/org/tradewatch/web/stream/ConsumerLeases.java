package org.tradewatch.web.stream;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.cluster.LeaseKeeper;
import org.tradewatch.core.cluster.LeaseStore;
import org.tradewatch.core.cluster.LeaseView;
import org.tradewatch.core.ingest.QuarantineStore;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.status.StreamStatusStore;
import org.tradewatch.web.market.Market;

/**
 * Runs each enabled source's consumer on exactly one instance of the cluster: the one holding the
 * source's lease in the shared database ({@link LeaseKeeper}). On a single instance that is simply
 * this one, from the first tick. Every other instance keeps its monitor on {@code standby}, showing
 * the counters the holder saves, and takes over when the holder stops (at once: it releases the
 * lease) or dies (once the lease lapses, {@code tradewatch.cluster.lease-seconds}).
 */
@ApplicationScoped
public class ConsumerLeases {

  private static final Logger LOG = Logger.getLogger(ConsumerLeases.class.getName());
  private static final Duration DEADLINE_CHECK = Duration.ofSeconds(1);

  @Inject
  @ConfigProperty(name = "tradewatch.sources", defaultValue = "bptf,skinshark")
  List<String> sources;

  @Inject
  @ConfigProperty(name = "tradewatch.cluster.instance", defaultValue = " ")
  String configuredInstance;

  @Inject
  @ConfigProperty(name = "tradewatch.cluster.lease-seconds", defaultValue = "15")
  int leaseSeconds;

  @Inject LeaseStore leaseStore;
  @Inject StreamStatusStore statusStore;
  @Inject QuarantineStore quarantineStore;
  @Inject StreamRegistry registry;

  /**
   * Every source's consumer (backpack.tf's, skinshark's), found by type so this package needs
   * neither.
   */
  @Inject Instance<LeasedConsumer> found;

  @Inject Market market;

  @Resource ManagedThreadFactory threadFactory;

  private final Clock clock = Clock.systemUTC();
  private final Map<Source, Leased> leased = new ConcurrentSkipListMap<>();
  private String instance;
  // Threads of their own (see Leased): on the container's shared scheduler, a snapshot load or a
  // connect in progress could delay a renewal past the lease's deadline.
  private boolean started;
  private volatile boolean stopping;

  /**
   * One source's consumer, its keeper, its monitor, and two threads of its own: one for the
   * keeper's rounds, one for its deadline, so that a consumer stopping (which may wait for its
   * queue to be stored) delays nothing of another source's lease.
   */
  private record Leased(
      LeasedConsumer consumer,
      LeaseKeeper keeper,
      StreamMonitor monitor,
      ScheduledExecutorService rounds,
      ScheduledExecutorService deadlines,
      AtomicReference<LeaseView> stored) {}

  /** One source's consumer as {@code /api/streams} shows it. */
  public record ConsumerView(
      String holder,
      boolean here,
      Long epoch,
      Instant leaseExpiresAt,
      LeaseView.Takeover takeover) {}

  /** The consumers in the order of their sources. */
  private List<LeasedConsumer> consumers() {
    return found.stream().sorted(Comparator.comparing(LeasedConsumer::source)).toList();
  }

  // Ingest checks every event against the market model, so no consumer starts before it is built;
  // meanwhile each enabled source shows why it waits.
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    for (LeasedConsumer consumer : consumers()) {
      if (sources.contains(consumer.source().id())) {
        registry.register(consumer.source()).standby("waiting for the market model to load");
      }
    }
    market.whenBuilt(this::start);
  }

  synchronized void start() {
    instance =
        configuredInstance.isBlank()
            ? ManagementFactory.getRuntimeMXBean().getName()
            : configuredInstance.strip();
    Duration ttl = Duration.ofSeconds(leaseSeconds);
    started = true;
    for (LeasedConsumer consumer : consumers()) {
      Source source = consumer.source();
      if (!sources.contains(source.id())) {
        LOG.info(source.id() + " consumer disabled (tradewatch.sources=" + sources + ")");
        continue;
      }
      StreamMonitor monitor = registry.register(source);
      monitor.standby(null);
      LeaseKeeper keeper =
          new LeaseKeeper(source, instance, leaseStore, ttl, clock, listener(consumer, monitor));
      ScheduledExecutorService rounds =
          Executors.newSingleThreadScheduledExecutor(named("tradewatch-" + source.id() + "-lease"));
      ScheduledExecutorService deadlines =
          Executors.newSingleThreadScheduledExecutor(
              named("tradewatch-" + source.id() + "-lease-deadline"));
      leased.put(
          source,
          new Leased(consumer, keeper, monitor, rounds, deadlines, new AtomicReference<>()));
      long every = keeper.interval().toMillis();
      rounds.scheduleWithFixedDelay(() -> tick(source), 0, every, TimeUnit.MILLISECONDS);
      deadlines.scheduleWithFixedDelay(
          () -> enforceDeadline(keeper),
          DEADLINE_CHECK.toMillis(),
          DEADLINE_CHECK.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    LOG.info(
        () ->
            "Consumers run where the lease is: this instance is "
                + instance
                + ", leases last "
                + ttl.toSeconds()
                + " s");
  }

  private ThreadFactory named(String name) {
    return task -> {
      Thread thread = threadFactory.newThread(task);
      thread.setName(name);
      return thread;
    };
  }

  private static void enforceDeadline(LeaseKeeper keeper) {
    try {
      keeper.enforceDeadline();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "stopping a consumer past its lease failed", e);
    }
  }

  private LeaseKeeper.Listener listener(LeasedConsumer consumer, StreamMonitor monitor) {
    Source source = consumer.source();
    return new LeaseKeeper.Listener() {
      @Override
      public void acquired(Lease lease) {
        market.holding(source, true);
        consumer.start(lease, () -> fenced(source, lease));
      }

      @Override
      public void lost(Lease lease, String why) {
        consumer.stop(stopping ? "application stopped" : "lease lost: " + why, stopping);
        market.holding(source, false);
        if (!stopping) {
          monitor.standby("lease lost: " + why);
        }
      }
    };
  }

  /** Off the applier thread that reports it: stopping the consumer waits for that thread. */
  private void fenced(Source source, Lease lease) {
    try {
      Leased one = leased.get(source);
      one.rounds().execute(() -> one.keeper().fenced(lease));
    } catch (RejectedExecutionException e) {
      // Stopping anyway: the keeper stops the consumer itself.
    }
  }

  /**
   * A keeper's round; on an instance that does not hold the lease, the monitor shows the saved
   * counters.
   */
  private void tick(Source source) {
    Leased one = leased.get(source);
    try {
      one.keeper().tick();
      // Read here, once a round, for /api/streams and the status page, which poll it.
      one.stored().set(leaseStore.view(source).orElse(null));
      if (one.keeper().held() == null && !stopping) {
        statusStore
            .load(source)
            .ifPresent(counters -> one.monitor().restore(counters, quarantineStore.count(source)));
        // Standing by is no problem; consumer.instance in /api/streams says who runs it.
        one.monitor().standby(null);
      }
    } catch (RuntimeException e) {
      // A failing round must not cancel the schedule; the next one tries again.
      LOG.log(Level.FINE, source.id() + ": lease round failed", e);
    }
  }

  /**
   * Stops the consumers before any application-scoped bean is destroyed, so the last frames and
   * counters are written while the database is open, then releases the leases so another instance
   * takes over at once.
   */
  void onShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
    stop();
  }

  synchronized void stop() {
    if (stopping || !started) {
      return;
    }
    stopping = true;
    for (Leased one : leased.values()) {
      one.rounds().shutdownNow();
      one.deadlines().shutdownNow();
    }
    leased.values().forEach(one -> one.keeper().stop());
  }

  /**
   * Who runs {@code source}'s consumer, as of this instance's last lease round (a third of the
   * lease ago at most), or empty when the source is not enabled here.
   */
  public Optional<ConsumerView> view(Source source) {
    Leased one = leased.get(source);
    if (one == null) {
      return Optional.empty();
    }
    Lease held = one.keeper().held();
    LeaseView stored = one.stored().get();
    if (stored == null) {
      return Optional.of(new ConsumerView(null, false, null, null, null));
    }
    boolean heldNow = stored.heldAt(clock.instant());
    return Optional.of(
        new ConsumerView(
            heldNow ? stored.holder() : null,
            held != null && held.epoch() == stored.epoch(),
            stored.epoch(),
            heldNow ? stored.expiresAt() : null,
            stored.lastTakeover()));
  }
}
