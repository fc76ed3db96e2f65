package org.tradewatch.web.watch;

import java.util.List;
import org.tradewatch.core.watch.Alert;

/**
 * Alerts just stored, in the order they were raised: a CDI event, so that whoever delivers them (a
 * user's live socket) hears of them without the matcher knowing it.
 */
public record AlertsStored(List<Alert> alerts) {

  public AlertsStored {
    alerts = List.copyOf(alerts);
  }
}
