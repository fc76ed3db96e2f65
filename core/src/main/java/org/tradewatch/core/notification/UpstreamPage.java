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
 * Upstream's search answer, read for storing: the folder's count and the notifications that carry
 * an id, a {@code sent} time and a type. Others are passed to the client but cannot be stored.
 */
public record UpstreamPage(int folderCount, List<StoredNotification> notifications) {

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  public UpstreamPage {
    notifications = List.copyOf(notifications);
  }

  /**
   * Reads upstream's search body.
   *
   * @throws IllegalArgumentException when it is not the documented JSON
   */
  public static UpstreamPage parse(String body) {
    JsonObject json;
    try (JsonReader reader = JSON.createReader(new StringReader(body))) {
      json = reader.readObject();
    } catch (JsonException | IllegalStateException | ClassCastException e) {
      throw new IllegalArgumentException("the search answer is not a JSON object");
    }
    if (!(json.get("folder_count") instanceof JsonNumber count)
        || !(json.get("notifications") instanceof jakarta.json.JsonArray list)) {
      throw new IllegalArgumentException("the search answer lacks folder_count or notifications");
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
    return new UpstreamPage(count.intValue(), stored);
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
