package org.tradewatch.core.notification;

import java.util.List;

/**
 * One page of a folder as a search answers it, in upstream's terms: the folder's size, the page
 * size, how many were skipped, and the notifications on the page, newest first.
 */
public record NotificationPage(
    int folderCount, int pageSize, int skip, List<StoredNotification> notifications) {

  public NotificationPage {
    if (folderCount < 0 || pageSize < 0 || skip < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    notifications = List.copyOf(notifications);
  }
}
