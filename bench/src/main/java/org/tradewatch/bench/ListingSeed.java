package org.tradewatch.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a market of listings straight into the listing table of a database that Tradewatch has
 * created (its tables and indexes exist), for the query benchmark: streaming a million distinct
 * listings through the consumer would take longer than the whole benchmark may. The columns are
 * filled as the ingest fills them, with a market's spread: most listings on backpack.tf and a fifth
 * on skinshark, thousands of distinct item names, qualities and prices as traders use them, a few
 * percent deleted, updates over the last week. Drawn from a fixed seed, so every run queries the
 * same market.
 */
final class ListingSeed {

  static final String[] TF2_BASES = {
    "Team Captain",
    "Polar Pullover",
    "Chicken Kiev",
    "Burning Flames Cap",
    "Hong Kong Cone",
    "Killer Exclusive",
    "Bill's Hat",
    "Earbuds",
    "Mann Co. Supply Crate Key",
    "Shotgun",
    "Scattergun",
    "Rocket Launcher",
    "Minigun",
    "Knife",
    "Medi Gun",
    "Sniper Rifle",
    "Flame Thrower",
    "Ambassador",
    "Tour of Duty Ticket",
    "Max's Severed Head",
    "Towering Pillar of Hats",
    "Team Spirit",
    "Bonk Boy",
    "Cheater's Lament",
    "Vintage Tyrolean",
    "Modest Pile of Hat",
    "Pyromancer's Mask",
    "Hot Dogger",
    "Brain Slug",
    "Nine-Pipe Problem",
    "Sole Saviors",
    "Anger",
    "Stainless Pot",
    "Tyrant's Helm",
    "Boxcar Bomber",
    "Bolted Bushman",
    "Dead Cone",
    "Fancy Fedora",
    "Noble Amassment of Hats",
    "Prancer's Pride",
    "Lucky Shot",
    "Vive La France",
    "Ghastly Gibus",
    "Spine-Chilling Skull",
    "Wiki Cap",
    "Professor Speks",
    "Ellis' Cap",
    "Connoisseur's Cap",
    "Virtual Reality Headset",
    "Antlers",
    "Sight for Sore Eyes",
    "Bubble Pipe",
    "Frying Pan",
    "Golden Frying Pan",
    "Black Rose",
    "Conscientious Objector",
    "Saxxy",
    "Original",
    "Crusader's Crossbow",
    "Huntsman",
    "Loch-n-Load",
    "Iron Bomber"
  };

  static final String[] TF2_PREFIXES = {
    "",
    "",
    "",
    "Festive ",
    "Australium ",
    "Killstreak ",
    "Specialized Killstreak ",
    "Professional Killstreak ",
    "Botkiller ",
    "Silver Botkiller ",
    "Rust Botkiller ",
    "Carbonado Botkiller "
  };

  static final String[][] QUALITIES = {
    {"Unique", "#FFD700"}, {"Strange", "#CF6A32"}, {"Unusual", "#8650AC"},
    {"Genuine", "#4D7455"}, {"Vintage", "#476291"}, {"Haunted", "#38F3AB"},
    {"Collector's", "#AA0000"}, {"Decorated Weapon", "#FAFAFA"}
  };

  /** Cumulative shares of the qualities above, in percent. */
  static final int[] QUALITY_SHARES = {50, 72, 84, 89, 93, 96, 98, 100};

  static final String[] PARTICLES = {
    "Burning Flames",
    "Scorching Flames",
    "Sunbeams",
    "Hearts",
    "Green Energy",
    "Purple Energy",
    "Cloudy Moon",
    "Stormy Storm",
    "Blizzardy Storm",
    "Vivid Plasma",
    "Circling Heart",
    "Haunted Ghosts",
    "Nuts n' Bolts",
    "Orbiting Fire",
    "Smoking",
    "Steaming",
    "Massed Flies",
    "Dead Presidents",
    "Miami Nights",
    "Disco Beat Down",
    "Phosphorous",
    "Sulphurous",
    "Memory Leak",
    "Overclocked",
    "Electrostatic",
    "Power Surge",
    "Anti-Freeze",
    "Roboactive"
  };

  static final String[] CS2_WEAPONS = {
    "AK-47", "M4A4", "M4A1-S", "AWP", "Desert Eagle", "USP-S", "Glock-18", "P250", "MP9",
    "MAC-10", "FAMAS", "Galil AR", "SSG 08", "P90", "UMP-45", "Five-SeveN", "Tec-9", "CZ75-Auto",
    "Nova", "XM1014", "★ Karambit", "★ Butterfly Knife", "★ M9 Bayonet", "★ Sport Gloves"
  };

  static final String[] CS2_FINISHES = {
    "Redline",
    "Asiimov",
    "Hyper Beast",
    "Vulcan",
    "Fire Serpent",
    "Dragon Lore",
    "Howl",
    "Neo-Noir",
    "Printstream",
    "Fade",
    "Doppler",
    "Tiger Tooth",
    "Slaughter",
    "Case Hardened",
    "Blue Laminate",
    "Safari Mesh",
    "Boreal Forest",
    "Urban Masked",
    "Night",
    "Bloodsport",
    "The Empress",
    "Neon Rider",
    "Kill Confirmed",
    "Cyrex",
    "Hot Rod",
    "Crimson Web"
  };

  static final String[] WEARS = {
    "Factory New", "Minimal Wear", "Field-Tested", "Well-Worn", "Battle-Scarred"
  };

  static final String[] RARITIES = {
    "Consumer Grade", "Industrial Grade", "Mil-Spec", "Restricted", "Classified", "Covert"
  };

  private static final String INSERT =
      "INSERT INTO listing (source, listing_id, appid, item_name, quality, quality_color, particle,"
          + " wear, image_url, intent, currencies, value_amount, value_unit, seller_id,"
          + " seller_name, details, listed_at, bumped_at, payload, updated_at, deleted_at,"
          + " last_event_id, last_event_at) VALUES"
          + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** Refined metal per key, as the simulator prices keys. */
  static final double KEY_REF = 58.83;

  private final long listings;
  private final long nowMicros;

  ListingSeed(long listings, long nowMicros) {
    this.listings = listings;
    this.nowMicros = nowMicros;
  }

  /** Writes the listings in transactions of a few thousand rows; returns how many were written. */
  long writeTo(String jdbcUrl) throws SQLException {
    SplittableRandom random = new SplittableRandom(20261202L);
    long written = 0;
    try (Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "")) {
      // Without its secondary indexes, which Tradewatch creates again on its next start, in one
      // sorted pass each: kept while a million rows go in at random places, they make H2 rewrite
      // most of their pages at every commit (the file grew past 19 GB).
      dropSecondaryIndexes(connection);
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        connection.setAutoCommit(false);
        for (long i = 0; i < listings; i++) {
          bind(insert, i, random);
          insert.addBatch();
          if ((i + 1) % 1000 == 0) {
            insert.executeBatch();
          }
          if ((i + 1) % 100_000 == 0) {
            connection.commit();
          }
          written++;
        }
        insert.executeBatch();
        connection.commit();
      }
      try (Statement statement = connection.createStatement()) {
        // Fresh statistics, as a database that had grown to this size would have.
        statement.execute("ANALYZE");
      }
    }
    return written;
  }

  private static void dropSecondaryIndexes(Connection connection) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet indexes =
            statement.executeQuery(
                "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'LISTING'"
                    + " AND INDEX_TYPE_NAME <> 'PRIMARY KEY'")) {
      while (indexes.next()) {
        names.add(indexes.getString(1));
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (String name : names) {
        statement.execute("DROP INDEX \"" + name + "\"");
      }
    }
  }

  private void bind(PreparedStatement insert, long i, SplittableRandom random) throws SQLException {
    boolean skinshark = random.nextInt(100) < 20;
    // Updated within the last week; listed up to a month before that.
    long updated = nowMicros - random.nextLong(7L * 86_400_000_000L);
    long listed = updated - random.nextLong(30L * 86_400_000_000L);
    boolean deleted = random.nextInt(100) < 3;
    boolean sell = random.nextBoolean();
    String id;
    String name;
    String quality;
    String color;
    String particle = null;
    String wear = null;
    int appid;
    BigDecimal value;
    String unit;
    String currencies;
    if (skinshark) {
      appid = 730;
      id = "ss_" + Long.toString(1_000_000_000L + i * 7919L, 36);
      String weapon = CS2_WEAPONS[random.nextInt(CS2_WEAPONS.length)];
      wear = WEARS[random.nextInt(WEARS.length)];
      boolean stattrak = random.nextInt(10) == 0;
      name =
          (stattrak ? "StatTrak™ " : "")
              + weapon
              + " | "
              + CS2_FINISHES[random.nextInt(CS2_FINISHES.length)]
              + " ("
              + wear
              + ")";
      quality = RARITIES[random.nextInt(RARITIES.length)];
      color = "#4B69FF";
      long cents = Math.round(Math.exp(random.nextDouble(Math.log(3), Math.log(2_000_000))));
      value = BigDecimal.valueOf(cents, 2);
      unit = "USD";
      currencies = "{\"usd\":" + value.toPlainString() + "}";
    } else {
      appid = 440;
      id = "440_" + (10_000_000_000L + i * 104_729L);
      int share = random.nextInt(100);
      int q = 0;
      while (QUALITY_SHARES[q] <= share) {
        q++;
      }
      quality = QUALITIES[q][0];
      color = QUALITIES[q][1];
      String base =
          TF2_PREFIXES[random.nextInt(TF2_PREFIXES.length)]
              + TF2_BASES[random.nextInt(TF2_BASES.length)];
      if (quality.equals("Unusual")) {
        particle = PARTICLES[random.nextInt(PARTICLES.length)];
        name = particle + " " + base;
      } else if (quality.equals("Unique")) {
        name = base;
      } else {
        name = quality + " " + base;
      }
      // From a scrap to thousands of keys, most of it cheap, as on the market.
      double ref = Math.exp(random.nextDouble(Math.log(0.11), Math.log(KEY_REF * 4000)));
      value = BigDecimal.valueOf(ref).setScale(2, RoundingMode.HALF_UP);
      unit = "refined";
      long keys = (long) (ref / KEY_REF);
      BigDecimal metal = BigDecimal.valueOf(ref - keys * KEY_REF).setScale(2, RoundingMode.HALF_UP);
      currencies =
          keys > 0
              ? "{\"keys\":" + keys + ",\"metal\":" + metal.toPlainString() + "}"
              : "{\"metal\":" + metal.toPlainString() + "}";
    }
    String seller = "7656119" + (8_000_000_000L + random.nextInt(200_000));
    String sellerName = "trader" + random.nextInt(200_000);
    String details = random.nextInt(3) == 0 ? null : "Selling for " + currencies + ", add me";
    String eventId = Long.toHexString(updated) + Long.toHexString(i);
    int c = 0;
    insert.setString(++c, skinshark ? "skinshark" : "bptf");
    insert.setString(++c, id);
    insert.setInt(++c, appid);
    insert.setString(++c, name);
    insert.setString(++c, quality);
    insert.setString(++c, color);
    setNullable(insert, ++c, particle);
    setNullable(insert, ++c, wear);
    insert.setString(
        ++c, "https://steamcdn-a.akamaihd.net/apps/440/icons/" + id.hashCode() + ".png");
    insert.setString(++c, sell ? "sell" : "buy");
    insert.setString(++c, currencies);
    insert.setBigDecimal(++c, value);
    insert.setString(++c, unit);
    insert.setString(++c, seller);
    insert.setString(++c, sellerName);
    setNullable(insert, ++c, details);
    insert.setLong(++c, listed);
    insert.setLong(++c, updated);
    insert.setString(++c, payload(id, name, quality, sell, currencies, seller, sellerName));
    insert.setLong(++c, updated);
    if (deleted) {
      insert.setLong(++c, updated);
    } else {
      insert.setNull(++c, Types.BIGINT);
    }
    insert.setString(++c, eventId);
    insert.setLong(++c, updated);
  }

  private static void setNullable(PreparedStatement insert, int index, String value)
      throws SQLException {
    if (value == null) {
      insert.setNull(index, Types.VARCHAR);
    } else {
      insert.setString(index, value);
    }
  }

  /** Upstream's listing object as the ingest keeps it, about half a kilobyte. */
  private static String payload(
      String id,
      String name,
      String quality,
      boolean sell,
      String currencies,
      String seller,
      String sellerName) {
    return String.format(
        Locale.ROOT,
        "{\"id\":\"%s\",\"steamid\":\"%s\",\"intent\":\"%s\",\"currencies\":%s,"
            + "\"item\":{\"name\":\"%s\",\"quality\":{\"name\":\"%s\"},\"tradable\":true,"
            + "\"craftable\":true,\"attributes\":[]},\"user\":{\"id\":\"%s\",\"name\":\"%s\","
            + "\"premium\":false,\"online\":true,\"banned\":false},\"tradeOffersPreferred\":true,"
            + "\"buyoutOnly\":true,\"status\":\"active\",\"source\":\"userAgent\"}",
        id,
        seller,
        sell ? "sell" : "buy",
        currencies,
        name.replace("\"", "\\\""),
        quality,
        seller,
        sellerName);
  }
}
