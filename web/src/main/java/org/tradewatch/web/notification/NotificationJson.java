package org.tradewatch.web.notification;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tradewatch.core.notification.NotificationPage;
import org.tradewatch.core.notification.StoredNotification;

/**
 * The proxy's answers in upstream's JSON: a search page, and a mutation's {@code modified} count.
 * Each notification is written as upstream wrote it, with {@code unread} as upstream wrote it when
 * it is unread: names and texts stay unescaped, as upstream documents.
 */
final class NotificationJson {

  private NotificationJson() {}

  /** {@code {"folder_count", "page_size", "skip", "notifications"}} in UTF-8. */
  static byte[] page(NotificationPage page) {
    List<StoredNotification> notifications = page.notifications();
    StringBuilder json = new StringBuilder(128 + notifications.size() * 400);
    json.append("{\"folder_count\":").append(page.folderCount());
    json.append(",\"page_size\":").append(page.pageSize());
    json.append(",\"skip\":").append(page.skip()).append(",\"notifications\":[");
    for (int i = 0; i < notifications.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      append(json, notifications.get(i));
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void append(StringBuilder json, StoredNotification notification) {
    String body = notification.body();
    if (!notification.unread()) {
      json.append(body);
      return;
    }
    json.append(body, 0, body.length() - 1);
    if (body.length() > 2) {
      json.append(',');
    }
    json.append("\"unread\":").append(notification.unreadJson()).append('}');
  }

  /** {@code {"modified": n}}, as upstream answers a mutation. */
  static String modified(long modified) {
    return "{\"modified\":" + modified + "}";
  }
}
