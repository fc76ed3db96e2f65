package org.tradewatch.core.notification;

import java.util.Objects;

/**
 * One notification as upstream sent it: {@code body} is its JSON object without the {@code unread}
 * member, which {@code unreadJson} keeps as upstream wrote it (null when read), so marking read
 * changes one column and the rest passes through unchanged.
 */
public record StoredNotification(String id, long sent, int type, String unreadJson, String body) {

  public StoredNotification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(body, "body");
    if (!body.startsWith("{") || !body.endsWith("}")) {
      throw new IllegalArgumentException("body must be a JSON object");
    }
  }

  public boolean unread() {
    return unreadJson != null;
  }
}
