package org.tradewatch.web.watch;

import java.util.List;
import org.tradewatch.core.watch.Alert;

/**
 * Alerts just raised, in the order they were raised, fired before their rows commit: a CDI event,
 * so that whoever delivers them (a user's live socket, their webhook) hears of them without the
 * matcher knowing it, and without waiting on the database.
 */
public record AlertsRaised(List<Alert> alerts) {

  public AlertsRaised {
    alerts = List.copyOf(alerts);
  }
}
