package org.tradewatch.simulator.notifications;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tradewatch.simulator.json.JsonText;

/**
 * Every token's notifications, inbox (folder 0) and archive (folder 1), with the operations of the
 * four documented endpoints. Thread-safe: every method holds the instance's lock.
 */
final class Inboxes {
  /** Notifications per search page, as upstream answers ({@code page_size}). */
  static final int PAGE_SIZE = 60;

  /** The most ids one delete request takes. */
  static final int MAX_DELETE_IDS = 200;

  /** The token of the documentation's example, seeded with the example's notifications. */
  static final String EXAMPLE_TOKEN = "5904cbeb0e2cad7f621c0a85";

  private static final Comparator<SimNotification> NEWEST_FIRST =
      Comparator.comparingLong((SimNotification n) -> n.sent).thenComparing(n -> n.id).reversed();

  private static final List<String> NAMES =
      List.of(
          "cares",
          "<script>alert('xss')</script>",
          "<b>&amp;</b> Trader",
          "<img src=x onerror=alert(1)>",
          "Кирилл ☕",
          "取引の達人",
          "تاجر",
          "Ελληνικά \"quotes\"",
          "व्यापारी",
          "상인 👨‍👩‍👧",
          "back\\slash\ttab",
          "line\u2028separator");

  private static final List<String> ITEMS =
      List.of(
          "Unlocked Winter 2016 Cosmetic Case",
          "Mann Co. Supply Crate Key",
          "Team Captain",
          "Strange Rocket Launcher",
          "Unusual Burning Flames Team Captain");

  private final Map<String, List<SimNotification>> byToken = new LinkedHashMap<>();

  /** The seeded tokens besides the example's: the only ones new notifications arrive for. */
  private final List<String> seeded = new ArrayList<>();

  private final SplittableRandom random;
  private long idCounter;
  private long lastIdSeconds;

  Inboxes(long seed) {
    this.random = new SplittableRandom(seed);
    this.idCounter = random.nextLong() >>> 8;
  }

  /**
   * Seeds the documentation's example token, then {@code tokens} more with {@code perToken}
   * notifications each (two thirds in the inbox), all sent before {@code now}.
   */
  synchronized void seed(int tokens, int perToken, long now) {
    seedExample(now);
    for (int t = 0; t < tokens; t++) {
      StringBuilder token = new StringBuilder(24);
      JsonText.appendHex(token, random.nextLong(), 16);
      JsonText.appendHex(token, random.nextInt(), 8);
      seeded.add(token.toString());
      List<SimNotification> inbox = inbox(token.toString());
      long sent = now - perToken * 600L;
      for (int i = 0; i < perToken; i++) {
        sent += 1 + random.nextInt(600);
        int type = NotificationKinds.TYPES.get(i % NotificationKinds.TYPES.size());
        inbox.add(generate(type, sent, i % 3 == 2 ? 1 : 0, random.nextInt(4) == 0, null));
      }
    }
  }

  /**
   * The latest time in the documentation's example: the watched listing's {@code bump}, three days
   * after the notifications were sent.
   */
  static final long EXAMPLE_LATEST = 1491325176L;

  /**
   * How far the example's times are moved so that the latest of them falls a minute before {@code
   * now}: the example as documented, captured today, rather than notifications ten years old.
   */
  static long exampleShift(long now) {
    return now - 60 - EXAMPLE_LATEST;
  }

  /**
   * The example token's notifications: its {@code filter=4} page is the documented example (ids,
   * order, users, data), every time in it moved by {@link #exampleShift}, and twelve more inbox
   * notifications that filter hides, and five archived, as long before it as in the capture.
   */
  private void seedExample(long now) {
    long shift = exampleShift(now);
    List<SimNotification> inbox = inbox(EXAMPLE_TOKEN);
    String cares = "76561198070299574";
    String listing =
        "{\"listing\":{\"id\":\"440_5606033582\",\"steamid\":\"76561198070299574\",\"item\":{"
            + "\"id\":5606033582,\"original_id\":5586772279,\"defindex\":5865,\"level\":1,"
            + "\"quality\":6,\"inventory\":3221225475,\"quantity\":1,\"origin\":2,\"style\":0,"
            + "\"flag_cannot_craft\":true,\"attributes\":["
            + "{\"defindex\":731,\"value\":1065353216,\"float_value\":1},"
            + "{\"defindex\":815,\"value\":1,\"float_value\":1.4012984643248e-45},"
            + "{\"defindex\":542,\"value\":0,\"float_value\":0}],"
            + "\"name\":\"Non-Craftable Unlocked Winter 2016 Cosmetic Case\"},\"appid\":440,"
            + "\"currencies\":{\"keys\":3},\"offers\":0,\"buyout\":1,\"details\":\"\","
            + "\"created\":"
            + (1491066600L + shift)
            + ",\"bump\":"
            + (EXAMPLE_LATEST + shift)
            + ",\"intent\":1}}";
    String deleted = "{\"listing\":{\"deleted\":1}}";
    inbox.add(
        new SimNotification(
            "58dfdee838a32f009d454ed8",
            1491066600L + shift,
            11,
            cares,
            "cares",
            "/classifieds?item=Unlocked+Winter+2016+Cosmetic+Case&quality=6&tradable=1"
                + "&craftable=-1&australium=-1",
            null,
            listing,
            0,
            false));
    inbox.add(
        new SimNotification(
            "58dfdd4238a32f00927ef259",
            1491066178L + shift,
            11,
            cares,
            "cares",
            null,
            null,
            deleted,
            0,
            false));
    inbox.add(
        new SimNotification(
            "58dfdd3e38a32f00927ef257",
            1491066174L + shift,
            11,
            cares,
            "cares",
            null,
            null,
            deleted,
            0,
            false));
    inbox.add(
        new SimNotification(
            "58dfdbb238a32f009939ac14",
            1491065778L + shift,
            11,
            cares,
            "cares",
            null,
            null,
            deleted,
            0,
            false));
    // The example's folder_count is 16: twelve more inbox notifications that filter 4 hides.
    long sent = 1491000000L + shift;
    int added = 0;
    for (int type : NotificationKinds.TYPES) {
      if (added < 12 && !NotificationKinds.shownBy(4, type)) {
        inbox.add(generate(type, sent + added * 3600L, 0, added % 3 == 0, null));
        added++;
      }
    }
    for (int i = 0; i < 5; i++) {
      inbox.add(
          generate(
              NotificationKinds.TYPES.get(i * 5), 1490000000L + shift + i * 3600L, 1, false, null));
    }
  }

  /**
   * A notification of {@code type} with the fields that type carries upstream. A watched-listing
   * alert (11) names {@code listingId} when that is not null, else a listing of its own.
   */
  private SimNotification generate(
      int type, long sent, int folder, boolean unread, String listingId) {
    String steamid = null;
    String name = null;
    if (NotificationKinds.fromUser(type)) {
      steamid = Long.toString(76561197960265728L + random.nextInt(1_000_000_000));
      name = NAMES.get(random.nextInt(NAMES.size()));
    }
    List<Integer> details = NotificationKinds.detailsOf(type);
    Integer detail = details.isEmpty() ? null : details.get(random.nextInt(details.size()));
    String item = ITEMS.get(random.nextInt(ITEMS.size()));
    String url =
        switch (type) {
          case 5, 11 -> "/classifieds?item=" + item.replace(' ', '+') + "&quality=6";
          case 0, 1, 2, 3, 4, 12 -> "/suggestion/" + Long.toHexString(random.nextLong());
          case 20, 26 -> "/issues/" + (1000 + random.nextInt(90000));
          case 8, 17, 18, 19 -> "/u/" + (steamid == null ? "76561197960265728" : steamid);
          default -> null;
        };
    String data = null;
    if (type == 11) {
      if (listingId == null && random.nextInt(3) == 0) {
        data = "{\"listing\":{\"deleted\":1}}";
      } else {
        Listing listing = listingId == null ? newListing(steamid) : Listing.of(listingId);
        // A watched listing's alert comes from the user who listed it.
        if (listing.buyer() != null) {
          steamid = listing.buyer();
        }
        data = watchedListing(listing, steamid, name, item, sent);
      }
    }
    return new SimNotification(
        nextId(sent), sent, type, steamid, name, url, detail, data, folder, unread);
  }

  /**
   * A listing id as backpack.tf writes it: {@code 440_<assetid>} for a sell listing, {@code
   * 440_<steamid64>_<md5 hex>} for a buy order, with the asset or the buyer it names.
   */
  record Listing(String id, Long assetId, String buyer) {

    private static final Pattern SELL = Pattern.compile("([0-9]{1,10})_([0-9]{1,19})");
    private static final Pattern BUY = Pattern.compile("([0-9]{1,10})_([0-9]{17})_([0-9a-f]{32})");

    /**
     * The listing of {@code id}, which must be a sell or a buy listing's id.
     *
     * @throws IllegalArgumentException naming the two forms otherwise
     */
    static Listing of(String id) {
      Matcher sell = SELL.matcher(id == null ? "" : id);
      if (sell.matches()) {
        return new Listing(id, Long.parseLong(sell.group(2)), null);
      }
      Matcher buy = BUY.matcher(id == null ? "" : id);
      if (buy.matches()) {
        return new Listing(id, null, buy.group(2));
      }
      throw new IllegalArgumentException(
          "a listing id is <appid>_<assetid> (a sell listing, such as 440_5606033582) or"
              + " <appid>_<steamid64>_<32 hex digits> (a buy order)");
    }

    boolean sells() {
      return assetId != null;
    }
  }

  /** A listing for an alert to name: a sell listing two times in three, else a buy order. */
  private Listing newListing(String steamid) {
    if (random.nextInt(3) != 0) {
      long asset = 5_000_000_000L + random.nextInt(1_000_000_000);
      return new Listing("440_" + asset, asset, null);
    }
    String buyer = steamid == null ? "76561197960265728" : steamid;
    StringBuilder md5 = new StringBuilder(32);
    JsonText.appendHex(md5, random.nextLong(), 16);
    JsonText.appendHex(md5, random.nextLong(), 16);
    return new Listing("440_" + buyer + "_" + md5, null, buyer);
  }

  /**
   * {@code data} of a watched-listing alert as the documentation's example carries it: the listing
   * with its item (a sell listing's item is the asset itself, with its ids, level, origin and
   * attributes; a buy order's only says what is wanted), price, terms, times and intent (1 sell, 0
   * buy).
   */
  private String watchedListing(
      Listing listing, String steamid, String name, String item, long sent) {
    StringBuilder out = new StringBuilder(600);
    out.append("{\"listing\":{\"id\":");
    JsonText.appendString(out, listing.id()).append(",\"steamid\":");
    JsonText.appendString(out, steamid).append(",\"item\":{");
    if (listing.sells()) {
      long asset = listing.assetId();
      out.append("\"id\":").append(asset);
      out.append(",\"original_id\":").append(Math.max(1, asset - random.nextInt(1_000_000)));
      out.append(",\"defindex\":").append(5000 + random.nextInt(1000));
      out.append(",\"level\":").append(1 + random.nextInt(100));
      out.append(",\"quality\":6,\"inventory\":").append(3221225472L + random.nextInt(3000));
      out.append(",\"quantity\":1,\"origin\":").append(random.nextInt(6));
      out.append(",\"style\":0");
      boolean craftable = random.nextInt(4) != 0;
      if (!craftable) {
        out.append(",\"flag_cannot_craft\":true");
      }
      out.append(",\"attributes\":[{\"defindex\":746,\"value\":1065353216,\"float_value\":1}]");
      out.append(",\"name\":");
      JsonText.appendString(out, craftable ? item : "Non-Craftable " + item);
    } else {
      out.append("\"defindex\":").append(5000 + random.nextInt(1000));
      out.append(",\"quality\":6,\"quantity\":1,\"attributes\":[],\"name\":");
      JsonText.appendString(out, item);
    }
    out.append("},\"appid\":440,\"currencies\":{\"keys\":").append(1 + random.nextInt(20));
    long metal = 11L * random.nextInt(9);
    if (metal > 0) {
      JsonText.appendHundredths(out.append(",\"metal\":"), metal);
    }
    out.append("},\"offers\":1,\"buyout\":1,\"details\":");
    JsonText.appendString(out, "Ask " + (name == null ? "me" : name) + " <b>now</b>");
    out.append(",\"created\":").append(sent).append(",\"bump\":").append(sent);
    return out.append(",\"intent\":").append(listing.sells() ? 1 : 0).append("}}").toString();
  }

  /** A MongoDB ObjectId: 4 bytes of unix seconds, then a counter. */
  private String nextId(long sentSeconds) {
    StringBuilder id = new StringBuilder(24);
    JsonText.appendHex(id, sentSeconds, 8);
    return JsonText.appendHex(id, idCounter++, 16).toString();
  }

  private List<SimNotification> inbox(String token) {
    return byToken.computeIfAbsent(token, t -> new ArrayList<>());
  }

  synchronized boolean knows(String token) {
    return token != null && byToken.containsKey(token);
  }

  synchronized List<String> tokens() {
    return List.copyOf(byToken.keySet());
  }

  /** The documented search answer; {@code since} null for none. The token must be known. */
  synchronized String search(String token, int folder, int filter, Long since, int skip) {
    List<SimNotification> inFolder =
        byToken.get(token).stream().filter(n -> n.folder == folder).toList();
    List<SimNotification> matching =
        inFolder.stream()
            .filter(n -> NotificationKinds.shownBy(filter, n.type))
            .filter(n -> since == null || n.sent >= since)
            .sorted(NEWEST_FIRST)
            .skip(skip)
            .limit(PAGE_SIZE)
            .toList();
    StringBuilder out = new StringBuilder(256 + matching.size() * 300);
    out.append("{\"folder_count\":").append(inFolder.size());
    out.append(",\"page_size\":").append(PAGE_SIZE);
    out.append(",\"skip\":").append(skip).append(",\"notifications\":[");
    for (int i = 0; i < matching.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      matching.get(i).appendJson(out);
    }
    return out.append("]}").toString();
  }

  /** Deletes every notification in the folder; returns how many. */
  synchronized int emptyFolder(String token, int folder) {
    List<SimNotification> all = byToken.get(token);
    int before = all.size();
    all.removeIf(n -> n.folder == folder);
    return before - all.size();
  }

  /** Marks the folder read; returns how many were unread. */
  synchronized int markFolderRead(String token, int folder) {
    int modified = 0;
    for (SimNotification n : byToken.get(token)) {
      if (n.folder == folder && n.unread) {
        n.unread = false;
        modified++;
      }
    }
    return modified;
  }

  /** Deletes the token's notifications with these ids; unknown ids are ignored. */
  synchronized int delete(String token, Collection<String> ids) {
    Set<String> wanted = new HashSet<>(ids);
    List<SimNotification> all = byToken.get(token);
    int before = all.size();
    all.removeIf(n -> wanted.contains(n.id));
    return before - all.size();
  }

  /**
   * Adds {@code count} notifications to the token (created when new), sent at {@code sent}; a null
   * type cycles through every type. Returns their ids.
   */
  synchronized List<String> add(
      String token, int count, Integer type, int folder, boolean unread, long sent) {
    return add(token, count, type, folder, unread, sent, null);
  }

  /**
   * As {@link #add(String, int, Integer, int, boolean, long)}, every one from a user named {@code
   * fromName} when that is not null ({@code type} must then be one that comes from a user).
   */
  synchronized List<String> add(
      String token,
      int count,
      Integer type,
      int folder,
      boolean unread,
      long sent,
      String fromName) {
    return add(token, count, type, folder, unread, sent, fromName, null);
  }

  /**
   * As {@link #add(String, int, Integer, int, boolean, long, String)}, every one a watched-listing
   * alert about the listing {@code listingId} when that is not null ({@code type} must then be 11).
   *
   * @throws IllegalArgumentException when a name or a listing does not fit the type, or the listing
   *     id is neither a sell nor a buy listing's
   */
  synchronized List<String> add(
      String token,
      int count,
      Integer type,
      int folder,
      boolean unread,
      long sent,
      String fromName,
      String listingId) {
    if (fromName != null && (type == null || !NotificationKinds.fromUser(type))) {
      throw new IllegalArgumentException("a name needs a type that comes from a user");
    }
    if (listingId != null) {
      if (type == null || type != 11) {
        throw new IllegalArgumentException("a listing needs type 11 (a watched listing)");
      }
      Listing.of(listingId);
    }
    List<SimNotification> inbox = inbox(token);
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int t =
          type != null
              ? type
              : NotificationKinds.TYPES.get(random.nextInt(NotificationKinds.TYPES.size()));
      SimNotification n = generate(t, sent, folder, unread, listingId);
      if (fromName != null) {
        n =
            new SimNotification(
                n.id,
                n.sent,
                n.type,
                n.fromSteamid,
                fromName,
                n.url,
                n.detail,
                n.data,
                n.folder,
                n.unread);
      }
      inbox.add(n);
      ids.add(n.id);
    }
    return ids;
  }

  /**
   * One new unread notification for a random seeded token other than the example's. Tokens added
   * through the control API never get one, so a test that made them knows all they hold.
   */
  synchronized void arrive(long now) {
    if (!seeded.isEmpty()) {
      String token = seeded.get(random.nextInt(seeded.size()));
      int type = NotificationKinds.TYPES.get(random.nextInt(NotificationKinds.TYPES.size()));
      inbox(token).add(generate(type, now, 0, true, null));
    }
  }

  /** Per token: how many notifications each folder holds. */
  synchronized Map<String, int[]> sizes() {
    Map<String, int[]> sizes = new HashMap<>();
    byToken.forEach(
        (token, all) -> {
          int[] counts = new int[2];
          all.forEach(n -> counts[n.folder]++);
          sizes.put(token, counts);
        });
    return sizes;
  }

  /** Forgets every token and notification. */
  synchronized void clear() {
    byToken.clear();
    seeded.clear();
  }
}
