package org.tradewatch.simulator.notifications;

import org.tradewatch.simulator.json.JsonText;

/**
 * One notification in an inbox. The folder and the unread flag change; the rest is fixed. {@code
 * data} is raw JSON text, or null.
 */
final class SimNotification {
  final String id;
  final long sent;
  final int type;
  final String fromSteamid;
  final String fromName;
  final String url;
  final Integer detail;
  final String data;
  int folder;
  boolean unread;

  SimNotification(
      String id,
      long sent,
      int type,
      String fromSteamid,
      String fromName,
      String url,
      Integer detail,
      String data,
      int folder,
      boolean unread) {
    this.id = id;
    this.sent = sent;
    this.type = type;
    this.fromSteamid = fromSteamid;
    this.fromName = fromName;
    this.url = url;
    this.detail = detail;
    this.data = data;
    this.folder = folder;
    this.unread = unread;
  }

  /** The search API's object, in the documented key order; optional keys only when set. */
  StringBuilder appendJson(StringBuilder out) {
    out.append("{\"id\":");
    JsonText.appendString(out, id);
    out.append(",\"sent\":").append(sent).append(",\"type\":").append(type);
    if (fromSteamid != null) {
      out.append(",\"from\":{\"steamid\":");
      JsonText.appendString(out, fromSteamid).append(",\"name\":");
      JsonText.appendString(out, fromName).append('}');
    }
    if (url != null) {
      out.append(",\"url\":");
      JsonText.appendString(out, url);
    }
    if (detail != null) {
      out.append(",\"detail\":").append(detail);
    }
    if (data != null) {
      out.append(",\"data\":").append(data);
    }
    if (unread) {
      out.append(",\"unread\":true");
    }
    return out.append('}');
  }
}
