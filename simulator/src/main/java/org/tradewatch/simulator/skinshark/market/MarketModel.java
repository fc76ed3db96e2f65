package org.tradewatch.simulator.skinshark.market;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The market: listings created, repriced and removed around a target size, drawn from a seed. The
 * same seed and the same calls give the same listings and changes; nothing here reads a clock.
 *
 * <p>Not thread-safe: the service that owns it serialises every call.
 */
public final class MarketModel {

  private static final String[][] WEAPONS = {
    {"AK-47", "Rifle"},
    {"M4A4", "Rifle"},
    {"M4A1-S", "Rifle"},
    {"AWP", "Sniper Rifle"},
    {"SSG 08", "Sniper Rifle"},
    {"Desert Eagle", "Pistol"},
    {"Glock-18", "Pistol"},
    {"USP-S", "Pistol"},
    {"P250", "Pistol"},
    {"MAC-10", "SMG"},
    {"MP9", "SMG"},
    {"P90", "SMG"},
    {"Nova", "Shotgun"},
    {"XM1014", "Shotgun"},
    {"Negev", "Machinegun"},
    {"Karambit", "Knife"},
    {"Butterfly Knife", "Knife"},
    {"Sport Gloves", "Gloves"}
  };
  private static final String[] SKINS = {
    "Redline",
    "Asiimov",
    "Vulcan",
    "Hyper Beast",
    "Neo-Noir",
    "Fade",
    "Doppler",
    "Case Hardened",
    "Slaughter",
    "Bloodsport",
    "Printstream",
    "The Empress",
    "Fire Serpent",
    "Dragon Lore",
    "Howl",
    "Tiger Tooth",
    "Safari Mesh",
    "Sand Dune",
    "Forest DDPAT",
    "Night Stripe",
    "Atheris",
    "Fever Dream",
    "Cyrex",
    "Wasteland Rebel",
    "Ocean Drive"
  };
  private static final String[] RARITIES = {
    "Consumer Grade", "Industrial Grade", "Mil-Spec", "Restricted", "Classified", "Covert"
  };
  private static final String[] MARKETPLACES = {"skinshark", "csfloat", "buff163", "skinport"};
  private static final long MIN_CENTS = 3;
  private static final long MAX_CENTS = 250_000_00L;

  private final SplittableRandom random;
  private final int targetSize;
  private final Map<String, MarketListing> listings = new HashMap<>();
  private final List<String> ids = new ArrayList<>();
  private final Map<String, Integer> positions = new HashMap<>();
  private long nextListingNumber = 100_000_000_000L;
  private long nextAssetId = 31_000_000_000L;

  /**
   * @param seed the market seed
   * @param targetSize how many listings the market holds; it starts with this many
   */
  public MarketModel(long seed, int targetSize) {
    if (targetSize < 1) {
      throw new IllegalArgumentException("targetSize must be at least 1, was " + targetSize);
    }
    this.random = new SplittableRandom(seed);
    this.targetSize = targetSize;
    for (int i = 0; i < targetSize; i++) {
      add(create());
    }
  }

  /** How many listings the market holds, featured or not. */
  public int size() {
    return ids.size();
  }

  /** The listing with this id, or null. */
  public MarketListing get(String id) {
    return listings.get(id);
  }

  /** The curated feed: featured listings, cheapest first, ties by id. */
  public List<MarketListing> feed() {
    List<MarketListing> feed = new ArrayList<>(ids.size());
    for (String id : ids) {
      MarketListing listing = listings.get(id);
      if (listing.featured()) {
        feed.add(listing);
      }
    }
    feed.sort(Comparator.comparingLong(MarketListing::baseCents).thenComparing(MarketListing::id));
    return feed;
  }

  /**
   * The next change: below the target size new listings are likelier, above it removals, so the
   * market hovers around the target.
   */
  public MarketChange next() {
    double roll = random.nextDouble();
    double newShare = ids.size() < targetSize ? 0.40 : 0.25;
    double removeShare = ids.size() < targetSize ? 0.20 : 0.35;
    if (ids.isEmpty() || roll < newShare) {
      MarketListing created = create();
      add(created);
      return new MarketChange(MarketChange.Kind.NEW, created);
    }
    String id = ids.get(random.nextInt(ids.size()));
    MarketListing current = listings.get(id);
    if (roll < newShare + removeShare) {
      remove(id);
      return new MarketChange(MarketChange.Kind.REMOVE, current);
    }
    // Reprices move by 1-8 % either way, as sellers undercut one another.
    double factor = 1.0 + (random.nextBoolean() ? 1 : -1) * (0.01 + 0.07 * random.nextDouble());
    long cents = Math.max(MIN_CENTS, Math.min(MAX_CENTS, Math.round(current.baseCents() * factor)));
    if (cents == current.baseCents()) {
      cents = current.baseCents() + 1;
    }
    MarketListing repriced = current.repriced(cents);
    listings.put(id, repriced);
    return new MarketChange(MarketChange.Kind.UPDATE, repriced);
  }

  private MarketListing create() {
    String[] weapon = WEAPONS[random.nextInt(WEAPONS.length)];
    String skin = SKINS[random.nextInt(SKINS.length)];
    double floatValue = random.nextDouble() * 0.999;
    String wear = wear(floatValue);
    boolean stattrak = random.nextInt(10) == 0;
    int rarity = random.nextInt(RARITIES.length);
    // Prices spread over four orders of magnitude, as skins do: most are cheap, a few are not.
    double magnitude = Math.pow(10, 1 + 4 * Math.pow(random.nextDouble(), 1.6));
    long cents =
        Math.max(MIN_CENTS, Math.min(MAX_CENTS, Math.round(magnitude * (1 + rarity * 0.6))));
    String name =
        (weapon[1].equals("Knife") || weapon[1].equals("Gloves") ? "\u2605 " : "")
            + (stattrak ? "StatTrak\u2122 " : "")
            + weapon[0]
            + " | "
            + skin
            + " ("
            + wear
            + ")";
    long asset = nextAssetId;
    nextAssetId += 1 + random.nextInt(5000);
    String id = "ss_" + nextListingNumber;
    nextListingNumber += 1 + random.nextInt(97);
    String icon =
        "https://cdn.skinshark.gg/icons/"
            + Long.toHexString(((long) weapon[0].hashCode() << 20) ^ skin.hashCode())
            + ".png";
    return new MarketListing(
        id,
        "730_" + asset,
        name,
        cents,
        floatValue,
        wear,
        RARITIES[rarity],
        weapon[1],
        icon,
        stattrak,
        MARKETPLACES[random.nextInt(MARKETPLACES.length)],
        random.nextInt(10) != 0);
  }

  static String wear(double floatValue) {
    if (floatValue < 0.07) {
      return "Factory New";
    }
    if (floatValue < 0.15) {
      return "Minimal Wear";
    }
    if (floatValue < 0.38) {
      return "Field-Tested";
    }
    if (floatValue < 0.45) {
      return "Well-Worn";
    }
    return "Battle-Scarred";
  }

  private void add(MarketListing listing) {
    listings.put(listing.id(), listing);
    positions.put(listing.id(), ids.size());
    ids.add(listing.id());
  }

  private void remove(String id) {
    listings.remove(id);
    int at = positions.remove(id);
    String last = ids.remove(ids.size() - 1);
    if (!last.equals(id)) {
      ids.set(at, last);
      positions.put(last, at);
    }
  }
}
