package org.tradewatch.core.notification;

import java.util.Objects;

/**
 * A validated search. {@code folder} and {@code filter} are null when the client left them out
 * (upstream then uses the inbox and all types), {@code since} null for none.
 */
public record NotificationQuery(
    NotificationFolder folder, NotificationFilter filter, Long since, int skip) {

  public NotificationQuery {
    if (since != null && since < 0) {
      throw new IllegalArgumentException("since must not be negative");
    }
    if (skip < 0) {
      throw new IllegalArgumentException("skip must not be negative");
    }
  }

  public NotificationFolder folderOrInbox() {
    return Objects.requireNonNullElse(folder, NotificationFolder.INBOX);
  }

  public NotificationFilter filterOrAll() {
    return Objects.requireNonNullElse(filter, NotificationFilter.ALL);
  }

  /** Whether the query asks for the folder's newest page, unfiltered: the folder as it is now. */
  public boolean isNewestPageOfFolder() {
    return filterOrAll() == NotificationFilter.ALL && since == null && skip == 0;
  }

  /**
   * The same query with the defaults upstream applies written out: the key of the page it asks for,
   * however the client spelled it.
   */
  public NotificationQuery normalized() {
    return folder != null && filter != null
        ? this
        : new NotificationQuery(folderOrInbox(), filterOrAll(), since, skip);
  }

  /** The folder's newest page, unfiltered. */
  public static NotificationQuery newestPage(NotificationFolder folder) {
    return new NotificationQuery(folder, NotificationFilter.ALL, null, 0);
  }
}
