package org.tradewatch.web.page.notification;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.tradewatch.core.notification.NotificationPage;
import org.tradewatch.core.notification.StoredNotification;

/**
 * One notification as the page shows it, read from the notification upstream sent. Names and texts
 * stay as upstream sent them (not escaped: the template escapes them); links are kept only when
 * they are paths on backpack.tf, so a {@code javascript:} or foreign URL can never become a link.
 *
 * @param id the notification's id (24 hex digits)
 * @param sent when it was sent
 * @param type its type code
 * @param typeLabel the type in words
 * @param fromName the sending user's name, or null
 * @param fromSteamId the sending user's SteamID64, or null
 * @param detailLabel the detail in words, or null
 * @param upstreamPath a path on backpack.tf the notification points at, or null
 * @param listingId the listing of a watched-listing notification, or null
 * @param listingDeleted whether that listing was deleted
 * @param unread whether it is unread
 */
public record NotificationView(
    String id,
    Instant sent,
    int type,
    String typeLabel,
    String fromName,
    String fromSteamId,
    String detailLabel,
    String upstreamPath,
    String listingId,
    boolean listingDeleted,
    boolean unread) {

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  /** A folder page: its size upstream, the page size, the skip, and the notifications. */
  public record Page(int folderCount, int pageSize, int skip, List<NotificationView> items) {}

  private static final Pattern SAFE_PATH = Pattern.compile("/(?!/)[^\\s\\\\]*");
  private static final Pattern STEAM_ID = Pattern.compile("[0-9]{1,20}");
  private static final Pattern LISTING_ID = Pattern.compile("[A-Za-z0-9_:-]{1,200}");

  static final Map<Integer, String> TYPES =
      Map.ofEntries(
          Map.entry(0, "Reply to your comment"),
          Map.entry(1, "Comment warning"),
          Map.entry(2, "Reply to a suggestion"),
          Map.entry(3, "Suggestion accepted"),
          Map.entry(4, "Suggestion closed"),
          Map.entry(5, "Subscribed item updated"),
          Map.entry(6, "Listing deleted"),
          Map.entry(7, "Message from the admins"),
          Map.entry(8, "Trust rating added"),
          Map.entry(9, "Group reminder"),
          Map.entry(10, "Comment warning removed"),
          Map.entry(11, "Watched listing"),
          Map.entry(12, "Suggestion reverted"),
          Map.entry(17, "Trust rating removed"),
          Map.entry(18, "Trust rating you gave removed"),
          Map.entry(19, "Trust rating added"),
          Map.entry(20, "Reply to an issue"),
          Map.entry(22, "Payment successful"),
          Map.entry(23, "Premium received as a gift"),
          Map.entry(24, "Premium subscription cancelled"),
          Map.entry(25, "Ban appeal created"),
          Map.entry(26, "Issue created"),
          Map.entry(27, "Banned"),
          Map.entry(28, "Reply in a thread"),
          Map.entry(29, "Listing hidden"),
          Map.entry(30, "Promoted listing removed"));

  static final Map<Integer, String> DETAILS =
      Map.ofEntries(
          Map.entry(0, "invalid notification"),
          Map.entry(1, "a reply to your own price suggestion"),
          Map.entry(2, "a reply to a price suggestion comment"),
          Map.entry(3, "closed by you"),
          Map.entry(4, "closed by the system"),
          Map.entry(5, "closed by an admin"),
          Map.entry(6, "all listings hidden"),
          Map.entry(7, "removed by the system"),
          Map.entry(8, "removed by the submitter"),
          Map.entry(9, "removed by an admin"),
          Map.entry(10, "your own issue"),
          Map.entry(11, "an issue you watch"),
          Map.entry(12, "error loading the ban"),
          Map.entry(13, "all listings deleted"));

  /** A search answer's page as the page shows it; a notification it cannot read is skipped. */
  public static Page page(NotificationPage page) {
    List<NotificationView> items = new ArrayList<>(page.notifications().size());
    for (StoredNotification notification : page.notifications()) {
      NotificationView view = of(notification);
      if (view != null) {
        items.add(view);
      }
    }
    return new Page(page.folderCount(), page.pageSize(), page.skip(), List.copyOf(items));
  }

  /**
   * The view of one notification; null when its body is not a JSON object. Fields beyond id, time,
   * type and the unread flag are read from upstream's object, and unknown ones are ignored.
   */
  static NotificationView of(StoredNotification notification) {
    JsonObject n;
    try (JsonReader reader = JSON.createReader(new StringReader(notification.body()))) {
      n = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      return null;
    }
    String fromName = null;
    String fromSteamId = null;
    if (n.get("from") instanceof JsonObject from) {
      fromName = string(from, "name");
      String steamId = string(from, "steamid");
      fromSteamId = steamId != null && STEAM_ID.matcher(steamId).matches() ? steamId : null;
    }
    String detailLabel = null;
    if (n.get("detail") instanceof JsonNumber detail) {
      detailLabel = DETAILS.get(detail.intValue());
    }
    String url = string(n, "url");
    String path = url != null && SAFE_PATH.matcher(url).matches() ? url : null;
    String listingId = null;
    boolean listingDeleted = false;
    if (n.get("data") instanceof JsonObject data && data.get("listing") instanceof JsonObject l) {
      String candidate = string(l, "id");
      listingId = candidate != null && LISTING_ID.matcher(candidate).matches() ? candidate : null;
      listingDeleted = l.get("deleted") instanceof JsonNumber d && d.intValue() == 1;
    }
    int code = notification.type();
    return new NotificationView(
        notification.id(),
        Instant.ofEpochSecond(notification.sent()),
        code,
        TYPES.getOrDefault(code, "Notification (type " + code + ")"),
        fromName,
        fromSteamId,
        detailLabel,
        path,
        listingId,
        listingDeleted,
        notification.unread());
  }

  private static String string(JsonObject object, String name) {
    return object.get(name) instanceof JsonString text ? text.getString() : null;
  }
}
