package org.tradewatch.core.notification;

import java.util.List;

/**
 * A page of an incomplete copy as upstream last gave it for one query: its notifications as they
 * are stored now (those deleted since are gone, read marks are current), in upstream's order.
 *
 * @param fetchedAtMillis when upstream gave the page
 * @param notifications newest first
 */
public record HeldPage(long fetchedAtMillis, List<StoredNotification> notifications) {

  public HeldPage {
    notifications = List.copyOf(notifications);
  }
}
