package org.tradewatch.core.notification;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads upstream's answers: a search page and a mutation's {@code modified} count. Notifications
 * are kept as upstream wrote them (their JSON object, {@code unread} apart), so that a page built
 * from the copy says what upstream said.
 */
public final class UpstreamDecoder {

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  private UpstreamDecoder() {}

  /**
   * A search answer. Notifications without the documented id, {@code sent} and type are left out:
   * the copy could not store them, and no client could act on them.
   *
   * @throws UpstreamFailure 502 when the body is not the documented JSON
   */
  public static NotificationPage page(String body) {
    JsonObject json = object(body, "answered a search with something other than a JSON object");
    if (!(json.get("folder_count") instanceof JsonNumber count)
        || !(json.get("notifications") instanceof jakarta.json.JsonArray list)) {
      throw UpstreamFailure.unreachable("answered a search without folder_count or notifications");
    }
    List<StoredNotification> stored = new ArrayList<>(list.size());
    for (JsonValue value : list) {
      if (value instanceof JsonObject notification
          && notification.get("id") instanceof JsonString id
          && notification.get("sent") instanceof JsonNumber sent
          && notification.get("type") instanceof JsonNumber type) {
        JsonObjectBuilder withoutUnread = JSON.createObjectBuilder();
        String unread = null;
        for (Map.Entry<String, JsonValue> member : notification.entrySet()) {
          if (member.getKey().equals("unread")) {
            unread = unreadOrNull(member.getValue());
          } else {
            withoutUnread.add(member.getKey(), member.getValue());
          }
        }
        stored.add(
            new StoredNotification(
                id.getString(),
                sent.longValue(),
                type.intValue(),
                unread,
                withoutUnread.build().toString()));
      }
    }
    return new NotificationPage(
        Math.max(0, count.intValue()),
        Math.max(0, number(json, "page_size", PollingPolicy.PAGE_SIZE)),
        Math.max(0, number(json, "skip", 0)),
        stored);
  }

  /**
   * A mutation's answer: how many notifications it changed.
   *
   * @throws UpstreamFailure 502 when the answer lacks the documented count
   */
  public static long modified(String body) {
    JsonObject json = object(body, "answered without the documented modified count");
    if (json.get("modified") instanceof JsonNumber modified) {
      return modified.longValue();
    }
    throw UpstreamFailure.unreachable("answered without the documented modified count");
  }

  private static JsonObject object(String body, String otherwise) {
    try (JsonReader reader = JSON.createReader(new StringReader(body))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException | ClassCastException e) {
      throw UpstreamFailure.unreachable(otherwise);
    }
  }

  private static int number(JsonObject json, String name, int otherwise) {
    return json.get(name) instanceof JsonNumber number ? number.intValue() : otherwise;
  }

  /** The flag as upstream wrote it when it says unread; null when absent, false, 0 or null. */
  private static String unreadOrNull(JsonValue value) {
    return switch (value.getValueType()) {
      case FALSE, NULL -> null;
      case NUMBER -> ((JsonNumber) value).doubleValue() == 0 ? null : value.toString();
      case STRING -> ((JsonString) value).getString().isEmpty() ? null : value.toString();
      default -> value.toString();
    };
  }
}
