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
   * notifications each (two thirds in the inbox), sent before {@code now}.
   */
  synchronized void seed(int tokens, int perToken, long now) {
    seedExample();
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
        inbox.add(generate(type, sent, i % 3 == 2 ? 1 : 0, random.nextInt(4) == 0));
      }
    }
  }

  private void seedExample() {
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
            + "\"created\":1491066600,\"bump\":1491325176,\"intent\":1}}";
    String deleted = "{\"listing\":{\"deleted\":1}}";
    inbox.add(
        new SimNotification(
            "58dfdee838a32f009d454ed8",
            1491066600,
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
            1491066178,
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
            1491066174,
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
            1491065778,
            11,
            cares,
            "cares",
            null,
            null,
            deleted,
            0,
            false));
    // The example's folder_count is 16: twelve more inbox notifications that filter 4 hides.
    long sent = 1491000000L;
    int added = 0;
    for (int type : NotificationKinds.TYPES) {
      if (added < 12 && !NotificationKinds.shownBy(4, type)) {
        inbox.add(generate(type, sent + added * 3600L, 0, added % 3 == 0));
        added++;
      }
    }
    for (int i = 0; i < 5; i++) {
      inbox.add(generate(NotificationKinds.TYPES.get(i * 5), 1490000000L + i * 3600L, 1, false));
    }
  }

  /** A notification of {@code type} with the fields that type carries upstream. */
  private SimNotification generate(int type, long sent, int folder, boolean unread) {
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
      data =
          random.nextInt(3) == 0
              ? "{\"listing\":{\"deleted\":1}}"
              : watchedListing(steamid, name, item, sent);
    }
    return new SimNotification(
        nextId(sent), sent, type, steamid, name, url, detail, data, folder, unread);
  }

  private String watchedListing(String steamid, String name, String item, long sent) {
    long asset = 5_000_000_000L + random.nextInt(1_000_000_000);
    StringBuilder out = new StringBuilder(400);
    out.append("{\"listing\":{\"id\":\"440_").append(asset).append("\",\"steamid\":");
    JsonText.appendString(out, steamid).append(",\"item\":{\"id\":").append(asset);
    out.append(",\"defindex\":").append(5000 + random.nextInt(1000));
    out.append(",\"quality\":6,\"quantity\":1,\"name\":");
    JsonText.appendString(out, item).append("},\"appid\":440,\"currencies\":{\"keys\":");
    out.append(1 + random.nextInt(20)).append(",\"metal\":");
    JsonText.appendHundredths(out, 11L * random.nextInt(9)).append("},\"offers\":1,");
    out.append("\"buyout\":1,\"details\":");
    JsonText.appendString(out, "Ask " + name + " <b>now</b>");
    out.append(",\"created\":").append(sent).append(",\"bump\":").append(sent);
    return out.append(",\"intent\":").append(random.nextInt(2)).append("}}").toString();
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
    if (fromName != null && (type == null || !NotificationKinds.fromUser(type))) {
      throw new IllegalArgumentException("a name needs a type that comes from a user");
    }
    List<SimNotification> inbox = inbox(token);
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int t =
          type != null
              ? type
              : NotificationKinds.TYPES.get(random.nextInt(NotificationKinds.TYPES.size()));
      SimNotification n = generate(t, sent, folder, unread);
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
      inbox(token).add(generate(type, now, 0, true));
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
