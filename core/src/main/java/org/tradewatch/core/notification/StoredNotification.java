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

  /** The object as upstream sent it, with {@code unread} when it is unread. */
  public StringBuilder appendJson(StringBuilder out) {
    if (unreadJson == null) {
      return out.append(body);
    }
    out.append(body, 0, body.length() - 1);
    if (body.length() > 2) {
      out.append(',');
    }
    return out.append("\"unread\":").append(unreadJson).append('}');
  }
}
