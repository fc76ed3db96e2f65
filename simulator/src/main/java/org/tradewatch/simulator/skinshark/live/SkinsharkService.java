package org.tradewatch.simulator.skinshark.live;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Owns the one live market of the application: built from MicroProfile Config at start-up, ticking
 * on the container's managed scheduled executor, shut down with the application.
 */
@ApplicationScoped
public class SkinsharkService {
  private static final Logger LOG = Logger.getLogger(SkinsharkService.class.getName());
  private static final long TICK_MILLIS = 50;

  @Resource private ManagedScheduledExecutorService executor;

  @Inject
  @ConfigProperty(name = "simulator.skinshark.seed", defaultValue = "1")
  long seed;

  @Inject
  @ConfigProperty(name = "simulator.skinshark.listings", defaultValue = "1500")
  int listings;

  @Inject
  @ConfigProperty(name = "simulator.skinshark.events-per-second", defaultValue = "5")
  double eventsPerSecond;

  @Inject
  @ConfigProperty(name = "simulator.skinshark.ticket-ttl-seconds", defaultValue = "3600")
  long ticketTtlSeconds;

  @Inject
  @ConfigProperty(name = "simulator.skinshark.ping-seconds", defaultValue = "20")
  int pingSeconds;

  @Inject
  @ConfigProperty(name = "simulator.skinshark.jwt-secret")
  String jwtSecret;

  @Inject
  @ConfigProperty(name = "simulator.skinshark.api-keys")
  List<String> apiKeys;

  @Inject
  @ConfigProperty(name = "simulator.skinshark.sub-users")
  List<String> subUsers;

  @Inject
  @ConfigProperty(name = "simulator.skinshark.fee-tiers")
  List<String> feeTiers;

  private LiveMarket market;
  private ScheduledFuture<?> ticks;

  @PostConstruct
  void start() {
    LiveMarket.Settings settings;
    try {
      settings =
          new LiveMarket.Settings(
              seed,
              listings,
              eventsPerSecond,
              ticketTtlSeconds,
              pingSeconds,
              Accounts.parse(apiKeys, subUsers, feeTiers));
      market = new LiveMarket(settings, new Tickets(jwtSecret), System::currentTimeMillis);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "bad simulator.skinshark configuration: " + e.getMessage(), e);
    }
    ticks =
        executor.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    LOG.info(
        () ->
            "skinshark live market simulator ready: seed "
                + seed
                + ", "
                + listings
                + " listings, "
                + eventsPerSecond
                + " events/s");
  }

  private void tick() {
    try {
      market.tick();
    } catch (RuntimeException e) {
      // A failed tick must not cancel the schedule.
      LOG.log(Level.WARNING, "skinshark tick failed", e);
    }
  }

  /** Builds the market when the application starts rather than on the first request. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    market();
  }

  @PreDestroy
  void stop() {
    ticks.cancel(false);
    market.shutdown();
  }

  public LiveMarket market() {
    return market;
  }
}
