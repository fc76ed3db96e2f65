package org.tradewatch.web.store;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tradewatch.core.ingest.ListingStore;

/** Keeps listing history for {@code tradewatch.history.retention-days} and drops older entries. */
@ApplicationScoped
public class HistoryRetention {

  private static final Logger LOG = Logger.getLogger(HistoryRetention.class.getName());

  @Inject
  @ConfigProperty(name = "tradewatch.history.retention-days", defaultValue = "7")
  int retentionDays;

  @Inject ListingStore store;

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> task;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (retentionDays < 1) {
      throw new IllegalArgumentException(
          "tradewatch.history.retention-days must be 1 or more, was " + retentionDays);
    }
    task = scheduler.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
  }

  void purge() {
    try {
      Instant cutoff = Instant.now().minus(Duration.ofDays(retentionDays));
      int purged = store.purgeHistory(cutoff);
      if (purged > 0) {
        LOG.info(() -> "Dropped " + purged + " history entries older than " + cutoff);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "History purge failed; will try again in an hour", e);
    }
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
