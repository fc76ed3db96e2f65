package org.tradewatch.core.watch;

import java.util.List;

/**
 * A page of an owner's alerts.
 *
 * @param alerts the page, newest first
 * @param total how many alerts the owner has (of the kind asked: all, or only unread)
 * @param unread how many of all of the owner's alerts are unread
 */
public record AlertPage(List<Alert> alerts, long total, long unread) {

  public AlertPage {
    alerts = List.copyOf(alerts);
    if (total < 0 || unread < 0) {
      throw new IllegalArgumentException("counts are not negative");
    }
  }
}
