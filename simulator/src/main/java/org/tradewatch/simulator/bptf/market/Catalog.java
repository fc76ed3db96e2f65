package org.tradewatch.simulator.bptf.market;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.tradewatch.simulator.json.JsonText;

/**
 * The users and items of the simulated market, drawn once from the seed. Their JSON is written here
 * once, escaped, so that writing an event only copies fragments.
 */
final class Catalog {
  /** Refined metal per key, in hundredths: the fixed key price that every value is based on. */
  static final int KEY_PRICE_HUNDREDTHS = 5883;

  /** US cents per key, for CS2 listings priced in dollars. */
  static final int KEY_PRICE_US_CENTS = 162;

  final Item[] items;
  final Item[] cs2Items;
  final User[] users;
  final String[] details;

  /**
   * An item as listings show it; {@code id} and {@code originalId} are filled in per listing. The
   * value is in hundredths of refined metal for TF2 items and in US cents for CS2 items. The {@code
   * tradedAs} is what traders price as one thing (issue #21: the name listings carry, with the
   * quality, effect, craftable and killstreak the market name says): unusuals that differ only in
   * their crate number, or CS2 skins drawn twice, are one such thing with several values.
   */
  record Item(
      int appid,
      String name,
      String beforeId,
      String betweenIds,
      String afterOriginalId,
      String skuHash,
      long valueHundredths,
      String tradedAs) {}

  /** A trader; {@code userAgentClient} is null for people who list by hand. */
  record User(String steamid, String userJson, String userAgentClient) {}

  private record Quality(int id, String name, String color) {}

  private record Base(String name, int defindex, String slot, String summary, String icon) {}

  private static final Quality[] QUALITIES = {
    new Quality(6, "Unique", "#FFD700"),
    new Quality(11, "Strange", "#CF6A32"),
    new Quality(5, "Unusual", "#8650AC"),
    new Quality(1, "Genuine", "#4D7455"),
    new Quality(3, "Vintage", "#476291"),
    new Quality(13, "Haunted", "#38F3AB"),
    new Quality(14, "Collector's", "#AA0000"),
    new Quality(15, "Decorated Weapon", "#FAFAFA"),
  };

  private static final Base[] BASES = {
    new Base("Polar Pullover", 30329, "misc", "Level 1-100 Hat", "xms2013_polar_pullover"),
    new Base("Chicken Kiev", 30238, "misc", "Level 1-100 Bird Head", "hw2013_heavy_robin"),
    new Base("Shotgun", 10, "secondary", "Level 1 Shotgun", "w_shotgun"),
    new Base("Team Captain", 378, "misc", "Level 1-100 Hat", "the_team_captain"),
    new Base("Team Spirit", 172, "misc", "Level 1-100 Tool", "paint_team_spirit"),
    new Base("Mann Co. Supply Crate Key", 5021, "misc", "Level 5 Tool", "key"),
    new Base("Scattergun", 13, "primary", "Level 1 Scattergun", "w_scattergun"),
    new Base("Rocket Launcher", 18, "primary", "Level 1 Rocket Launcher", "w_rocketlauncher"),
    new Base("Minigun", 15, "primary", "Level 1 Minigun", "w_minigun"),
    new Base("Knife", 4, "melee", "Level 1 Knife", "w_knife"),
    new Base("Medi Gun", 29, "secondary", "Level 1 Medi Gun", "w_medigun"),
    new Base("Sniper Rifle", 14, "primary", "Level 1 Sniper Rifle", "w_sniperrifle"),
    new Base("Flame Thrower", 21, "primary", "Level 1 Flame Thrower", "w_flamethrower"),
    new Base("Ambassador", 61, "primary", "Level 5 Revolver", "c_ambassador"),
    new Base("Burning Flames Cap", 30001, "misc", "Level 1-100 Hat", "cap_burning"),
    new Base("Hong Kong Cone", 30177, "misc", "Level 1-100 Hat", "hong_kong_cone"),
    new Base("Killer Exclusive", 30085, "misc", "Level 1-100 Hat", "killer_exclusive"),
    new Base("Bill's Hat", 126, "misc", "Level 10 Hat", "bills_hat"),
    new Base("Earbuds", 143, "misc", "Level 1-100 Earbuds", "earbuds"),
    new Base("Max's Severed Head", 162, "misc", "Level 1-100 Hat", "maxs_head"),
    new Base("Tour of Duty Ticket", 725, "misc", "Level 1 Ticket", "mvm_ticket"),
    new Base("Refined Metal", 5002, "misc", "Level 3 Craft Item", "metal_gold"),
    new Base("Strange Part: Kills", 6060, "misc", "Level 1 Strange Part", "strange_part"),
    new Base("Australium Rocket Launcher", 205, "primary", "Level 1 Rocket Launcher", "aus_rl"),
    new Base("Pyrovision Goggles", 743, "misc", "Level 1-100 Goggles", "pyrovision"),
    new Base("Ghastly Gibus", 584, "misc", "Level 1-100 Hat", "ghastly_gibus"),
    new Base("Professor's Speks", 343, "misc", "Level 1-100 Glasses", "professors_speks"),
    new Base("Crafty Hair", 30800, "misc", "Level 1-100 Hair", "crafty_hair"),
    new Base("Horace", 31014, "misc", "Level 1-100 Hat", "horace"),
    new Base("Nasty Norsemann", 30066, "misc", "Level 1-100 Helmet", "nasty_norsemann"),
  };

  private static final String[] PARTICLES = {
    "Burning Flames", "Scorching Flames", "Sunbeams", "Hearts", "Time Warp", "Green Energy",
    "Cloudy Moon", "Stormy Storm", "Smoking", "Nuts n' Bolts", "Orbiting Fire", "Vivid Plasma",
  };

  private static final String[] CS2_WEAPONS = {
    "AK-47", "M4A4", "AWP", "Desert Eagle", "Glock-18", "USP-S", "P250", "MP9", "Karambit",
  };
  private static final String[] CS2_SKINS = {
    "Redline", "Asiimov", "Hyper Beast", "Fade", "Doppler", "Vulcan", "Neo-Noir", "Printstream",
  };
  private static final String[] CS2_WEARS = {
    "Factory New", "Minimal Wear", "Field-Tested", "Well-Worn", "Battle-Scarred",
  };
  private static final String[] CS2_WEAR_SHORT = {"FN", "MW", "FT", "WW", "BS"};

  private static final String[] HANDLES = {
    "Trader", "Scrap", "Keys", "Hat", "Bot", "Banker", "Spy", "Medic", "Pyro", "Unusual", "Crate",
    "Buyer", "Seller", "Market", "Sniper", "Engie",
  };

  /** User-written fragments as they occur upstream: HTML, entities, emoji, other scripts. */
  private static final String[] NAME_DECORATIONS = {
    "<b>&amp;</b> Co",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "🔥",
    "👑 King",
    "⚡ Fast ⚡",
    "👨‍👩‍👧",
    "Торговец",
    "交易者",
    "トレーダー",
    "تاجر",
    "Έμπορος",
    "व्यापारी",
    "상인",
    "\"Quoted\"",
    "back\\slash",
    "tab\there",
    "zero\u200Bwidth",
    "line\u2028sep",
  };

  private static final String[] DETAILS = {
    "Buying {item} for {price}! Send me a trade offer, I accept instantly ⚡",
    "Selling {item} for {price}. Offers welcome <3",
    "Example listing details with unicode ⚡ and <script>alert(1)</script> that must be escaped",
    "💎 {item} 💎 — {price} — 24/7 bot, no lowballs",
    "Покупаю {item} за {price}. Пишите!",
    "{item} 收购 {price}，秒接报价",
    "<a href=\"https://example.invalid\">click</a> {item} {price}",
    "Will pay {price} & more for {item}; \"clean\" only, no dupes\\duped",
    "Line one\nLine two\ttabbed {item}",
    "{price} ‼️ {item} ‼️ 🔑🔑🔑",
    "",
    "بيع {item} مقابل {price}",
    "{item} ✨ {price} ✨ 즉시 거래",
  };

  Catalog(long seed, int userCount, int itemCount, int cs2ItemCount) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    this.users = buildUsers(random, userCount);
    this.items = buildItems(random, itemCount);
    this.cs2Items = buildCs2Items(random, cs2ItemCount);
    this.details = DETAILS.clone();
  }

  private static User[] buildUsers(SplittableRandom random, int count) {
    User[] users = new User[count];
    Set<Long> steamids = new HashSet<>();
    for (int i = 0; i < count; i++) {
      long steamid;
      do {
        steamid = 76561197960265728L + 38_000_000L + random.nextLong(1_400_000_000L);
      } while (!steamids.add(steamid));
      String id = Long.toString(steamid);
      String name = HANDLES[random.nextInt(HANDLES.length)] + (i % 997);
      if (random.nextInt(3) == 0) {
        String decoration = NAME_DECORATIONS[random.nextInt(NAME_DECORATIONS.length)];
        name = random.nextBoolean() ? decoration + " " + name : name + " " + decoration;
      }
      int style = 1 + random.nextInt(8);
      StringBuilder user = new StringBuilder(512);
      user.append("{\"id\":\"").append(id).append("\",\"name\":");
      JsonText.appendString(user, name);
      user.append(",\"avatar\":\"https://avatars.example.invalid/")
          .append(id)
          .append("_medium.jpg\",\"avatarFull\":\"https://avatars.example.invalid/")
          .append(id)
          .append("_full.jpg\",\"premium\":")
          .append(random.nextInt(5) == 0)
          .append(",\"online\":")
          .append(random.nextBoolean())
          .append(",\"banned\":false,\"customNameStyle\":\"awesome")
          .append(style)
          .append("\",\"class\":\"awesome")
          .append(style)
          .append("\",\"style\":\"\",\"role\":null,\"tradeOfferUrl\":")
          .append("\"https://steamcommunity.com/tradeoffer/new/?partner=")
          .append(steamid - 76561197960265728L)
          .append("&token=")
          .append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36), 0, 8)
          .append("\",\"bans\":");
      int bans = random.nextInt(20);
      if (bans == 0) {
        user.append("{\"4\":0}");
      } else if (bans == 1) {
        user.append("{\"4\":0,\"5\":1}");
      } else {
        user.append("[]");
      }
      user.append('}');
      String client = random.nextInt(5) < 2 ? "ExampleBot " + (1 + random.nextInt(3)) + ".0" : null;
      users[i] = new User(id, user.toString(), client);
    }
    return users;
  }

  private static Item[] buildItems(SplittableRandom random, int count) {
    List<Item> items = new ArrayList<>(count);
    Set<String> names = new HashSet<>();
    int attempts = 0;
    while (items.size() < count && attempts++ < count * 50) {
      Base base = BASES[random.nextInt(BASES.length)];
      Quality quality = QUALITIES[random.nextInt(QUALITIES.length)];
      String particle = quality.id() == 5 ? PARTICLES[random.nextInt(PARTICLES.length)] : null;
      boolean craftable = random.nextInt(10) != 0;
      int killstreak = random.nextInt(6) == 0 ? 1 + random.nextInt(3) : 0;
      String[] killstreaks = {
        "", "Killstreak ", "Specialized Killstreak ", "Professional Killstreak "
      };
      String qualityPrefix = quality.id() == 6 ? "" : quality.name() + " ";
      String marketName =
          (craftable ? "" : "Non-Craftable ")
              + qualityPrefix
              + killstreaks[killstreak]
              + base.name()
              + (particle != null ? " #" + (1 + random.nextInt(300)) : "");
      if (!names.add(marketName)) {
        continue;
      }
      // a few templates upstream can no longer resolve: no base name, no defindex, no quality
      boolean unresolved = random.nextInt(50) == 0;
      long value = priceHundredths(random, quality.id());
      if (marketName.equals("Mann Co. Supply Crate Key")) {
        // Prices are written in keys at this rate, so the key itself is worth it.
        value = KEY_PRICE_HUNDREDTHS;
      }
      String name = particle != null ? particle + " " + base.name() : marketName;
      StringBuilder before = new StringBuilder(256);
      before.append("{\"appid\":440,\"baseName\":");
      JsonText.appendString(before, unresolved ? null : base.name());
      before
          .append(",\"defindex\":")
          .append(unresolved ? "null" : Integer.toString(base.defindex()));
      before.append(",\"id\":\"");
      StringBuilder between = new StringBuilder(512);
      between
          .append("\",\"imageUrl\":\"https://steamcdn-a.akamaihd.net/apps/440/icons/")
          .append(base.icon())
          .append(".png\",\"marketName\":");
      JsonText.appendString(between, marketName);
      between.append(",\"name\":");
      JsonText.appendString(between, name);
      between.append(",\"origin\":");
      if (random.nextInt(4) == 0) {
        int origin = random.nextInt(3);
        between
            .append("{\"id\":")
            .append(new int[] {0, 8, 4}[origin])
            .append(",\"name\":\"")
            .append(new String[] {"Timed Drop", "Found in Crate", "Purchased"}[origin])
            .append("\"}");
      } else {
        between.append("null");
      }
      between.append(",\"originalId\":\"");
      StringBuilder after = new StringBuilder(1024);
      after.append("\",\"quality\":");
      if (unresolved) {
        after.append("null");
      } else {
        after
            .append("{\"id\":")
            .append(quality.id())
            .append(",\"name\":")
            .append(JsonText.quote(quality.name()))
            .append(",\"color\":\"")
            .append(quality.color())
            .append("\"}");
      }
      after.append(",\"summary\":");
      JsonText.appendString(after, base.summary());
      after.append(",\"price\":");
      if (unresolved || random.nextInt(25) == 0) {
        after.append("[]");
      } else {
        appendPrice(after, random, value);
      }
      after.append(",\"slot\":\"").append(base.slot()).append('"');
      if (particle != null) {
        int particleId = 6 + java.util.Arrays.asList(PARTICLES).indexOf(particle);
        after
            .append(",\"particle\":{\"id\":")
            .append(particleId)
            .append(",\"name\":")
            .append(JsonText.quote(particle))
            .append(",\"shortName\":\"p")
            .append(particleId)
            .append("\",\"imageUrl\":\"/images/440/particles/")
            .append(particleId)
            .append("_94x94.png\",\"type\":\"standard\"}");
      }
      // What traders filter by, as backpack.tf writes it: only when it applies.
      if (killstreak > 0) {
        after.append(",\"killstreakTier\":").append(killstreak);
      }
      if (base.name().startsWith("Australium ")) {
        after.append(",\"australium\":true");
      }
      after.append(",\"tradable\":true,\"craftable\":").append(craftable);
      if (particle != null) {
        after.append(",\"priceindex\":\"").append(6 + random.nextInt(PARTICLES.length)).append('"');
      }
      after.append('}');
      String sku = (unresolved ? "?" : base.defindex()) + ";" + quality.id() + ";" + marketName;
      items.add(
          new Item(
              440,
              marketName,
              before.toString(),
              between.toString(),
              after.toString(),
              md5Hex(sku),
              value,
              "440|" + marketName.replaceFirst(" #[0-9]+$", "") + "|" + name));
    }
    return items.toArray(Item[]::new);
  }

  private static Item[] buildCs2Items(SplittableRandom random, int count) {
    Item[] items = new Item[count];
    for (int i = 0; i < count; i++) {
      // Drawn in this order, as they always were, so that a seed keeps giving the same market.
      String weapon = CS2_WEAPONS[random.nextInt(CS2_WEAPONS.length)];
      String skin = CS2_SKINS[random.nextInt(CS2_SKINS.length)];
      int wear = random.nextInt(CS2_WEARS.length);
      String name = weapon + " | " + skin + " (" + CS2_WEARS[wear] + ")";
      StringBuilder between = new StringBuilder(256);
      // Steam's economy image CDN, where CS2 icons live; the path is a stand-in for its hash.
      between.append(
          "\",\"imageUrl\":\"https://community.akamai.steamstatic.com/economy/image/cs2_");
      between.append(i).append(".png\",\"marketName\":");
      JsonText.appendString(between, name);
      between.append(",\"name\":");
      JsonText.appendString(between, name);
      between.append(",\"origin\":null,\"originalId\":\"");
      String after =
          "\",\"price\":[],\"quality\":null,\"summary\":"
              + JsonText.quote(name)
              + ",\"wearTier\":{\"id\":"
              + (wear + 1)
              + ",\"name\":"
              + JsonText.quote(CS2_WEARS[wear])
              + ",\"short\":\""
              + CS2_WEAR_SHORT[wear]
              + "\"},\"tradable\":true,\"craftable\":true}";
      long usdCents = 30 + random.nextLong(60_000);
      items[i] =
          new Item(
              730,
              name,
              "{\"appid\":730,\"baseName\":null,\"defindex\":null,\"id\":\"",
              between.toString(),
              after,
              md5Hex("730;" + name),
              usdCents,
              "730|" + name);
    }
    return items;
  }

  /** A plausible community value in hundredths of refined metal for an item of this quality. */
  private static long priceHundredths(SplittableRandom random, int quality) {
    return switch (quality) {
      case 5 -> KEY_PRICE_HUNDREDTHS * (20L + random.nextInt(3000));
      case 14, 15 -> KEY_PRICE_HUNDREDTHS * (1L + random.nextInt(60));
      case 1, 3, 13 -> 11L * (1 + random.nextInt(9 * 80));
      default -> 11L * (1 + random.nextInt(9 * 40));
    };
  }

  private static void appendPrice(StringBuilder out, SplittableRandom random, long value) {
    long high = value + value * random.nextInt(10) / 100;
    double keys = value / (double) KEY_PRICE_HUNDREDTHS;
    double usd = keys * KEY_PRICE_US_CENTS / 100.0;
    boolean inKeys = value >= KEY_PRICE_HUNDREDTHS;
    String shortText =
        inKeys
            ? String.format(Locale.ROOT, "%.2f keys", keys)
            : String.format(Locale.ROOT, "%.2f ref", value / 100.0);
    String longText = String.format(Locale.ROOT, "%,.2f ref, $%.2f", value / 100.0, usd);
    out.append('{');
    if (random.nextInt(3) == 0) {
      long steamCents = Math.round(usd * 100 * 1.4);
      out.append("\"steam\":{\"currency\":\"usd\",\"short\":")
          .append(JsonText.quote(String.format(Locale.ROOT, "$%.2f", steamCents / 100.0)))
          .append(",\"long\":")
          .append(JsonText.quote(longText))
          .append(",\"raw\":");
      JsonText.appendHundredths(out, value * 14 / 10);
      out.append(",\"value\":").append(steamCents).append("},");
    }
    out.append("\"community\":{\"value\":");
    if (inKeys) {
      JsonText.appendHundredths(out, Math.round(keys * 100));
      out.append(",\"valueHigh\":");
      JsonText.appendHundredths(out, Math.round(high / (double) KEY_PRICE_HUNDREDTHS * 100));
      out.append(",\"currency\":\"keys\"");
    } else {
      JsonText.appendHundredths(out, value);
      out.append(",\"valueHigh\":");
      JsonText.appendHundredths(out, high);
      out.append(",\"currency\":\"metal\"");
    }
    out.append(",\"raw\":");
    JsonText.appendHundredths(out, value);
    out.append(",\"short\":").append(JsonText.quote(shortText));
    out.append(",\"long\":").append(JsonText.quote(longText));
    out.append(",\"usd\":");
    JsonText.appendHundredths(out, Math.round(usd * 100));
    out.append(",\"updatedAt\":").append(1_600_000_000L + random.nextInt(160_000_000));
    out.append(",\"difference\":");
    JsonText.appendHundredths(out, high - value);
    out.append("},\"suggested\":{\"raw\":");
    JsonText.appendHundredths(out, value);
    out.append(",\"short\":").append(JsonText.quote(shortText));
    out.append(",\"long\":").append(JsonText.quote(longText));
    out.append(",\"usd\":");
    JsonText.appendHundredths(out, Math.round(usd * 100));
    out.append("}}");
  }

  static String md5Hex(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
      return JsonText.appendHex(new StringBuilder(32), digest).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every Java platform", e);
    }
  }
}
