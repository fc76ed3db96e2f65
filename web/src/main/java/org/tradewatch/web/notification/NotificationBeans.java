package org.tradewatch.web.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tradewatch.core.notification.NotificationService;
import org.tradewatch.core.notification.PollingPolicy;
import org.tradewatch.persistence.notification.JpaNotificationStore;
import org.tradewatch.web.store.Database;

/**
 * Builds core's notification service from configuration, the JPA store and the REST upstream. A
 * singleton, not application-scoped, because the service is a final class that CDI cannot proxy; it
 * is still built on first injection, so the database is not touched at deployment.
 */
@ApplicationScoped
public class NotificationBeans {

  @Inject Database database;

  @Inject RestNotificationsUpstream upstream;

  @Inject
  @ConfigProperty(name = "tradewatch.notifications.poll-interval-seconds", defaultValue = "30")
  long pollIntervalSeconds;

  @Inject
  @ConfigProperty(name = "tradewatch.notifications.refresh-spread-seconds", defaultValue = "3")
  long refreshSpreadSeconds;

  @Inject
  @ConfigProperty(name = "tradewatch.notifications.full-sync-minutes", defaultValue = "10")
  long fullSyncMinutes;

  /**
   * At most one upstream search per token this often for pages the copy does not hold (another
   * folder, an older page): short, so tabs and paging answer at once, but a budget all the same.
   */
  @Inject
  @ConfigProperty(
      name = "tradewatch.notifications.page-load-interval-millis",
      defaultValue = "1000")
  long pageLoadIntervalMillis;

  @Produces
  @Singleton
  NotificationService notificationService() {
    return new NotificationService(
        upstream,
        new JpaNotificationStore(database.factory()),
        System::currentTimeMillis,
        new PollingPolicy(
            pollIntervalSeconds * 1000,
            refreshSpreadSeconds * 1000,
            fullSyncMinutes * 60_000,
            pageLoadIntervalMillis));
  }
}
