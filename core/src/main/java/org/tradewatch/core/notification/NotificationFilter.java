package org.tradewatch.core.notification;

import java.util.Set;

/**
 * The documented filters with the notification types each shows. Upstream calls them the site's
 * tabs and does not list their types; each type goes to the tab its name belongs to, and types no
 * tab names show under {@link #ALL} only. Used only to answer from the stored copy.
 */
public enum NotificationFilter {
  ALL(0, null),
  RESPONSES(1, Set.of(0, 1, 10, 28)),
  TRUST(2, Set.of(8, 17, 18, 19)),
  SUGGESTIONS(3, Set.of(2, 3, 4, 12)),
  SUBSCRIPTIONS(4, Set.of(5, 11)),
  ISSUES(6, Set.of(20, 25, 26));

  private final int code;
  private final Set<Integer> types;

  NotificationFilter(int code, Set<Integer> types) {
    this.code = code;
    this.types = types;
  }

  public int code() {
    return code;
  }

  /** The types shown, or null for every type. */
  public Set<Integer> types() {
    return types;
  }

  /** The filter with this code, or null when there is none. */
  public static NotificationFilter ofCode(int code) {
    for (NotificationFilter filter : values()) {
      if (filter.code == code) {
        return filter;
      }
    }
    return null;
  }
}
