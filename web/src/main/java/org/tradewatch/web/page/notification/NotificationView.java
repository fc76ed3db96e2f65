package org.tradewatch.web.page.notification;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tradewatch.core.notification.NotificationPage;
import org.tradewatch.core.notification.StoredNotification;
import org.tradewatch.web.format.Prices;

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
 * @param listing the listing a watched-listing notification is about, or null for other kinds
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
    Listing listing,
    boolean unread) {

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  /** A folder page: its size upstream, the page size, the skip, and the notifications. */
  public record Page(int folderCount, int pageSize, int skip, List<NotificationView> items) {

    /** The ids of the listings the page's notifications are about, for a look-up. */
    public Set<String> listingIds() {
      Set<String> ids = new LinkedHashSet<>();
      for (NotificationView item : items) {
        if (item.listing() != null && item.listing().id() != null) {
          ids.add(item.listing().id());
        }
      }
      return ids;
    }

    /**
     * The same page, each listing's link going to its page here when {@code stored} holds its id,
     * else to the listing on backpack.tf under {@code siteUrl} (when its id can name one there).
     */
    public Page linked(Set<String> stored, String siteUrl) {
      List<NotificationView> linked = new ArrayList<>(items.size());
      for (NotificationView item : items) {
        linked.add(
            item.listing() == null
                ? item
                : new NotificationView(
                    item.id(),
                    item.sent(),
                    item.type(),
                    item.typeLabel(),
                    item.fromName(),
                    item.fromSteamId(),
                    item.detailLabel(),
                    item.upstreamPath(),
                    item.listing().linked(stored, siteUrl),
                    item.unread()));
      }
      return new Page(folderCount, pageSize, skip, List.copyOf(linked));
    }
  }

  /**
   * What a watched-listing notification says of its listing, read from its payload as upstream sent
   * it (names not escaped: the template escapes them).
   *
   * @param id the listing's id, or null when the payload has none that is safe to use
   * @param deleted whether the listing was deleted ({@code {"deleted": 1}})
   * @param itemName the item's name, or null
   * @param price the price as traders read it ({@code 3 keys, 11.33 ref}), or null
   * @param intent {@code sell} or {@code buy}, or null
   * @param stored whether Tradewatch stores the listing, so that its own page shows it
   * @param upstreamUrl the listing on backpack.tf, or null: built from the configured site and an
   *     id of one of backpack.tf's two forms, never from a URL in the payload
   */
  public record Listing(
      String id,
      boolean deleted,
      String itemName,
      String price,
      String intent,
      boolean stored,
      String upstreamUrl) {

    /** Where backpack.tf shows one listing, by its id. */
    static final String UPSTREAM_LISTING = "/classifieds?listing=";

    Listing linked(Set<String> storedIds, String siteUrl) {
      boolean here = id != null && storedIds.contains(id);
      String upstream =
          id != null && BPTF_LISTING_ID.matcher(id).matches()
              ? siteUrl + UPSTREAM_LISTING + URLEncoder.encode(id, StandardCharsets.UTF_8)
              : null;
      return new Listing(id, deleted, itemName, price, intent, here, upstream);
    }
  }

  private static final Pattern SAFE_PATH = Pattern.compile("/(?!/)[^\\s\\\\]*");
  private static final Pattern STEAM_ID = Pattern.compile("[0-9]{1,20}");
  private static final Pattern LISTING_ID = Pattern.compile("[A-Za-z0-9_:-]{1,128}");

  /**
   * backpack.tf's two forms of listing id: {@code 440_<assetid>} (sell) and {@code
   * 440_<steamid64>_<md5 hex>} (buy).
   */
  static final Pattern BPTF_LISTING_ID =
      Pattern.compile("[0-9]{1,10}_(?:[0-9]{1,20}|[0-9]{17}_[0-9a-f]{32})");

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
    Listing listing = null;
    if (n.get("data") instanceof JsonObject data && data.get("listing") instanceof JsonObject l) {
      listing = listing(l);
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
        listing,
        notification.unread());
  }

  /** The listing of a notification's {@code data.listing}, not yet linked. */
  private static Listing listing(JsonObject listing) {
    String candidate = string(listing, "id");
    String id = candidate != null && LISTING_ID.matcher(candidate).matches() ? candidate : null;
    boolean deleted = listing.get("deleted") instanceof JsonNumber d && d.intValue() == 1;
    String itemName = null;
    if (listing.get("item") instanceof JsonObject item) {
      String name = string(item, "name");
      itemName = name == null || name.isBlank() ? null : name.strip();
    }
    String price =
        listing.get("currencies") instanceof JsonObject currencies ? price(currencies) : null;
    return new Listing(id, deleted, itemName, price, intent(listing.get("intent")), false, null);
  }

  /**
   * backpack.tf currencies as traders say them: keys, then metal, then any other; null when none is
   * a positive number. The units are formatted as the listings pages format them.
   */
  static String price(JsonObject currencies) {
    List<String> parts = new ArrayList<>();
    BigDecimal keys = amount(currencies.get("keys"));
    if (keys != null) {
      String count = Prices.amount(keys, null);
      parts.add(count + (count.equals("1") ? " key" : " keys"));
    }
    BigDecimal metal = amount(currencies.get("metal"));
    if (metal != null) {
      parts.add(Prices.amount(metal, "ref"));
    }
    for (Map.Entry<String, JsonValue> other : currencies.entrySet()) {
      String unit = other.getKey();
      BigDecimal value = amount(other.getValue());
      if (!unit.equals("keys") && !unit.equals("metal") && value != null && unit.length() <= 16) {
        parts.add(Prices.amount(value, unit));
      }
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  /** A positive amount below a trillion, or null for anything else. */
  private static BigDecimal amount(JsonValue value) {
    if (!(value instanceof JsonNumber number)) {
      return null;
    }
    BigDecimal amount = number.bigDecimalValue();
    return amount.signum() > 0 && amount.compareTo(BigDecimal.valueOf(1_000_000_000_000L)) < 0
        ? amount
        : null;
  }

  /** {@code sell} or {@code buy}, from 1/0 or the words; null for anything else. */
  static String intent(JsonValue value) {
    if (value instanceof JsonNumber number && number.isIntegral()) {
      return switch (number.intValue()) {
        case 1 -> "sell";
        case 0 -> "buy";
        default -> null;
      };
    }
    if (value instanceof JsonString text) {
      String word = text.getString().strip().toLowerCase(Locale.ROOT);
      return word.equals("sell") || word.equals("buy") ? word : null;
    }
    return null;
  }

  private static String string(JsonObject object, String name) {
    return object.get(name) instanceof JsonString text ? text.getString() : null;
  }
}
