package org.tradewatch.web.watch;

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
import org.tradewatch.core.watch.AlertStore;
import org.tradewatch.core.webhook.WebhookStore;

/**
 * Keeps alerts, and webhooks' delivery logs, for {@code tradewatch.alerts.retention-days} (30) and
 * deletes older ones hourly.
 */
@ApplicationScoped
public class AlertRetention {

  private static final Logger LOG = Logger.getLogger(AlertRetention.class.getName());

  @Inject
  @ConfigProperty(name = "tradewatch.alerts.retention-days", defaultValue = "30")
  int retentionDays;

  @Inject AlertStore store;
  @Inject WebhookStore webhooks;

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> task;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (retentionDays < 1) {
      throw new IllegalArgumentException(
          "tradewatch.alerts.retention-days must be 1 or more, was " + retentionDays);
    }
    task = scheduler.scheduleWithFixedDelay(this::purge, 2, 60, TimeUnit.MINUTES);
  }

  void purge() {
    try {
      Instant cutoff = Instant.now().minus(Duration.ofDays(retentionDays));
      int purged = store.purge(cutoff);
      if (purged > 0) {
        LOG.info(() -> "Deleted " + purged + " alerts older than " + cutoff);
      }
      int lines = webhooks.purge(cutoff);
      if (lines > 0) {
        LOG.info(
            () -> "Deleted " + lines + " webhook deliveries and log lines older than " + cutoff);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Alert purge failed; will try again in an hour", e);
    }
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
