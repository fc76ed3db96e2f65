package org.tradewatch.simulator.bptf.market;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.tradewatch.simulator.json.JsonText;

/**
 * A seeded model of the backpack.tf classifieds: a few thousand traders and items, listings
 * created, repriced, deleted (archived) and re-published, written as {@code listing-update} and
 * {@code listing-delete} events in the upstream shape with the upstream quirks.
 *
 * <p>Every random choice comes from the seed and none depends on the clock, so the same seed gives
 * the same events; with a synthetic clock, the same text. Not thread-safe: one writer at a time.
 */
public final class MarketModel {
  /** The number of live listings the market hovers around. */
  static final int TARGET_ACTIVE = 3000;

  /** Archived listings kept for re-publishing; older ones are forgotten. */
  static final int MAX_ARCHIVED = 20_000;

  /**
   * Items most traders list: half the TF2 listings are of one of these, so each has several buyers
   * and sellers within a minute of a start, as a market's popular items do.
   */
  static final int POPULAR_ITEMS = 40;

  private static final String KEY_NAME = "Mann Co. Supply Crate Key";

  /** Percent of new sell listings priced well under the item's value: a trader in a hurry. */
  static final int BARGAIN_PERCENT = 5;

  /** Percent of new sell listings priced a scrap under the item's best buy order: an arbitrage. */
  static final int UNDERCUT_PERCENT = 4;

  private static final int SCRAP_HUNDREDTHS = 11;

  private static final int SCRAP_PER_REF = 9;

  private final SplittableRandom random;
  private final Catalog catalog;
  private final EventClock clock;
  private final ObjectIdSequence ids;
  private final List<Listing> active = new ArrayList<>();
  private final List<Listing> archived = new ArrayList<>();
  private final Map<String, Listing> buyOrders = new HashMap<>();
  private final Map<Catalog.Item, List<Listing>> liveBuys = new HashMap<>();
  private final List<Listing> touchedInBatch = new ArrayList<>();
  private long nextAssetId;
  private long now;

  // Whether the event being written is a new bargain listing, for the probes of deals.
  private boolean newBargain;

  /** A listing as the model tracks it; written in full in both updates and deletes. */
  private static final class Listing {
    final String id;
    final Catalog.User user;
    final Catalog.Item item;
    final boolean sell;
    final String assetId;
    final String originalId;
    long keys;
    long metalHundredths;
    long usdCents;
    long listedAt;
    long bumpedAt;
    String detailsJson;
    boolean tradeOffersPreferred;
    boolean buyoutOnly;
    int count;
    boolean live;
    int slot;
    boolean bargain;

    Listing(
        String id,
        Catalog.User user,
        Catalog.Item item,
        boolean sell,
        String assetId,
        String originalId) {
      this.id = id;
      this.user = user;
      this.item = item;
      this.sell = sell;
      this.assetId = assetId;
      this.originalId = originalId;
    }
  }

  public MarketModel(long seed, EventClock clock) {
    this.random = new SplittableRandom(seed);
    this.catalog = new Catalog(seed, 3000, 2000, 120);
    this.clock = clock;
    this.ids = new ObjectIdSequence(random.nextLong());
    this.nextAssetId = 15_000_000_000L + random.nextLong(1_000_000_000L);
  }

  /** Writes the next {@code count} events as one batch. */
  public Batch nextBatch(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    Batch batch = new Batch(count);
    touchedInBatch.clear();
    for (int i = 0; i < count; i++) {
      StringBuilder out = batch.beginEvent();
      newBargain = false;
      EventType type = appendNextEvent(out);
      batch.endEvent(type, newBargain);
    }
    return batch.close();
  }

  /**
   * Writes one event that takes the live sell listing {@code listingId} out of being a deal, as a
   * test asks for when it needs a deal to close on demand: with {@code delete}, a {@code
   * listing-delete} (the seller archived it; it is never re-published), otherwise a {@code
   * listing-update} repricing it a fifth over every value (the suggested price) and buy order of
   * what traders price as one thing with it ({@code Catalog.Item#tradedAs}). Either way the
   * market's own random changes never touch the listing again, so that it stays closed for as long
   * as a test looks: a repriced listing stays live but no longer counts among {@link
   * #activeListings()}.
   *
   * @throws NoSuchElementException when no live listing the market still changes has that id
   * @throws IllegalArgumentException when the listing is a buy order
   * @throws IllegalStateException when the listing cannot be priced over its item's best buy (a
   *     key, whose price stays within 6 % of its value)
   */
  public Batch closeDeal(String listingId, boolean delete) {
    Listing listing = null;
    for (Listing candidate : active) {
      if (candidate.id.equals(listingId)) {
        listing = candidate;
        break;
      }
    }
    if (listing == null) {
      throw new NoSuchElementException("no live listing " + listingId + " in the market");
    }
    if (!listing.sell) {
      throw new IllegalArgumentException(listingId + " is a buy order, not a sell listing");
    }
    long raised = 0;
    if (!delete) {
      // Over every value and buy order of what traders price as one thing with it, so that no
      // consumer keying items as issue #21 says sees a deal in it any more.
      long over = 0;
      for (Catalog.Item[] items : List.of(catalog.items, catalog.cs2Items)) {
        for (Catalog.Item same : items) {
          if (same.tradedAs().equals(listing.item.tradedAs())) {
            over = Math.max(over, Math.max(same.valueHundredths(), bestBuyHundredths(same)));
          }
        }
      }
      // a fifth over, and a scrap more, since the price is rounded to the nearest scrap
      over = over * 6 / 5 + SCRAP_HUNDREDTHS;
      raised = listing.item.appid() == 730 ? over : keyPriced(listing.item, over);
      if (raised < over) {
        throw new IllegalStateException(
            listingId + " cannot be priced over its item's value and best buy order");
      }
    }
    touchedInBatch.clear();
    Batch batch = new Batch(1);
    StringBuilder out = batch.beginEvent();
    now = clock.nextEventSeconds();
    newBargain = false;
    removeFrom(active, listing);
    EventType type;
    if (delete) {
      // not archived: the market never re-publishes it
      goesAway(listing);
      type = write(out, EventType.LISTING_DELETE, listing, "active");
    } else {
      if (listing.item.appid() == 730) {
        listing.usdCents = raised;
      } else {
        setPrice(listing, raised);
      }
      listing.bumpedAt = now;
      type = write(out, EventType.LISTING_UPDATE, listing, "active");
    }
    batch.endEvent(type);
    return batch.close();
  }

  /** The number of listings currently live. */
  public int activeListings() {
    return active.size();
  }

  private EventType appendNextEvent(StringBuilder out) {
    now = clock.nextEventSeconds();
    double roll = random.nextDouble();
    if (!touchedInBatch.isEmpty() && roll < 0.04) {
      // the same listing again in one frame: upstream sends both, the later one wins
      Listing again = touchedInBatch.get(random.nextInt(touchedInBatch.size()));
      if (!again.live) {
        return republish(out, again);
      }
      return random.nextInt(4) == 0 ? delete(out, again) : reprice(out, again);
    }
    if (roll < 0.05) {
      return deleteNeverAnnounced(out);
    }
    double createShare = active.size() < TARGET_ACTIVE ? 0.45 : 0.2;
    double choice = random.nextDouble();
    if (active.isEmpty() || choice < createShare) {
      return create(out);
    }
    if (choice < createShare + 0.35) {
      return reprice(out, active.get(random.nextInt(active.size())));
    }
    if (choice < createShare + 0.43 && !archived.isEmpty()) {
      return republish(out, archived.get(random.nextInt(archived.size())));
    }
    return delete(out, active.get(random.nextInt(active.size())));
  }

  private EventType create(StringBuilder out) {
    Listing listing = newListing();
    Listing existing = buyOrders.get(listing.id);
    if (existing != null) {
      // a buy order for this item by this trader exists: re-listing it updates it
      return existing.live ? reprice(out, existing) : republish(out, existing);
    }
    if (!listing.sell) {
      buyOrders.put(listing.id, listing);
    }
    listing.listedAt = now;
    listing.bumpedAt = random.nextInt(16) == 0 ? now - 1 - random.nextInt(900) : now;
    addTo(active, listing);
    goesLive(listing);
    touch(listing);
    newBargain = listing.bargain;
    return write(out, EventType.LISTING_UPDATE, listing, "active");
  }

  private EventType reprice(StringBuilder out, Listing listing) {
    int percent = 1 + random.nextInt(10);
    boolean up = random.nextBoolean();
    if (listing.item.appid() == 730) {
      long delta = Math.max(1, listing.usdCents * percent / 100);
      listing.usdCents = Math.max(3, listing.usdCents + (up ? delta : -delta));
    } else {
      long value = listing.keys * Catalog.KEY_PRICE_HUNDREDTHS + listing.metalHundredths;
      long delta = Math.max(11, value * percent / 100);
      setPrice(listing, Math.max(11, keyPriced(listing.item, value + (up ? delta : -delta))));
    }
    listing.bumpedAt = now;
    touch(listing);
    return write(out, EventType.LISTING_UPDATE, listing, "active");
  }

  private EventType delete(StringBuilder out, Listing listing) {
    removeFrom(active, listing);
    goesAway(listing);
    addTo(archived, listing);
    if (archived.size() > MAX_ARCHIVED) {
      Listing forgotten = archived.get(random.nextInt(archived.size()));
      removeFrom(archived, forgotten);
      buyOrders.remove(forgotten.id, forgotten);
    }
    touch(listing);
    // the payload is the whole listing, usually still saying "active"
    return write(out, EventType.LISTING_DELETE, listing, deleteStatus());
  }

  private EventType republish(StringBuilder out, Listing listing) {
    if (listing.slot < archived.size() && archived.get(listing.slot) == listing) {
      removeFrom(archived, listing);
    }
    if (!listing.sell) {
      buyOrders.putIfAbsent(listing.id, listing);
    }
    goesLive(listing);
    addTo(active, listing);
    // re-published listings keep their old bump time, so listedAt ends up later than bumpedAt
    listing.listedAt = now;
    touch(listing);
    return write(out, EventType.LISTING_UPDATE, listing, "active");
  }

  /** A delete for a listing this stream never announced (created before anyone was listening). */
  private EventType deleteNeverAnnounced(StringBuilder out) {
    Listing listing = newListing();
    if (buyOrders.containsKey(listing.id)) {
      return reprice(out, buyOrders.get(listing.id));
    }
    listing.bumpedAt = now - 60 - random.nextInt(86_400 * 30);
    listing.listedAt = listing.bumpedAt - random.nextInt(86_400);
    return write(out, EventType.LISTING_DELETE, listing, deleteStatus());
  }

  private String deleteStatus() {
    return random.nextInt(5) == 0 ? "archived" : "active";
  }

  private Listing newListing() {
    Catalog.User user = catalog.users[random.nextInt(catalog.users.length)];
    boolean cs2 = random.nextInt(30) == 0;
    Listing listing;
    if (cs2) {
      Catalog.Item item = catalog.cs2Items[random.nextInt(catalog.cs2Items.length)];
      String assetId = Long.toString(30_000_000_000L + (nextAssetId += 1 + random.nextInt(40)));
      listing = new Listing("730_" + assetId, user, item, true, assetId, assetId);
      long spread = Math.max(1, item.valueHundredths() / 5);
      listing.usdCents = Math.max(3, item.valueHundredths() - spread / 2 + random.nextLong(spread));
    } else {
      Catalog.Item item =
          catalog
              .items[
              random.nextInt(
                  random.nextBoolean()
                      ? Math.min(POPULAR_ITEMS, catalog.items.length)
                      : catalog.items.length)];
      if (random.nextBoolean()) {
        String assetId = Long.toString(nextAssetId += 1 + random.nextInt(40));
        String originalId =
            random.nextInt(3) == 0
                ? assetId
                : Long.toString(nextAssetId - 1 - random.nextLong(nextAssetId / 2));
        listing = new Listing("440_" + assetId, user, item, true, assetId, originalId);
      } else {
        String id = "440_" + user.steamid() + "_" + item.skuHash();
        listing = new Listing(id, user, item, false, "", "");
      }
      long value = item.valueHundredths();
      long spread = Math.max(11, value / 5);
      // Sellers ask the value to 20% over it; buyers offer 2 to 20% under it, so that books cross
      // only where a seller undercuts (below) or prices drift, as on the real site.
      long price =
          listing.sell
              ? value + random.nextLong(spread)
              : value - spread + random.nextLong(Math.max(1, spread * 9 / 10));
      if (listing.sell) {
        int roll = random.nextInt(100);
        long bestBuy = bestBuyHundredths(item);
        if (roll < BARGAIN_PERCENT) {
          // 12 to 35% under the value, which is the suggested price: under it, and usually under
          // the buy orders too (they start at most 10% under the value).
          price = value - value * (12 + random.nextInt(24)) / 100;
          listing.bargain = !item.name().equals(KEY_NAME);
        } else if (roll < BARGAIN_PERCENT + UNDERCUT_PERCENT && bestBuy > 2 * SCRAP_HUNDREDTHS) {
          price = bestBuy - SCRAP_HUNDREDTHS;
        }
      }
      setPrice(listing, Math.max(11, keyPriced(item, price)));
    }
    listing.tradeOffersPreferred = random.nextInt(4) != 0;
    listing.buyoutOnly = random.nextInt(3) != 0;
    listing.count = listing.sell || random.nextInt(4) != 0 ? 1 : 2 + random.nextInt(9);
    listing.detailsJson = detailsJson(listing);
    return listing;
  }

  /**
   * Keys trade within a few percent of their price on the real site (traders price everything else
   * in them): a key listing is kept within 6 % of the key's value, where other items' prices drift
   * with each reprice. Other items' prices are returned as they are.
   */
  private static long keyPriced(Catalog.Item item, long priceHundredths) {
    if (!item.name().equals(KEY_NAME)) {
      return priceHundredths;
    }
    long value = item.valueHundredths();
    return Math.max(value * 94 / 100, Math.min(value * 106 / 100, priceHundredths));
  }

  /**
   * Splits a value in hundredths of refined into keys and metal that is a whole number of scrap.
   */
  private static void setPrice(Listing listing, long valueHundredths) {
    long keys = valueHundredths / Catalog.KEY_PRICE_HUNDREDTHS;
    long rest = valueHundredths - keys * Catalog.KEY_PRICE_HUNDREDTHS;
    long scrap = Math.round(rest / 11.0);
    long metal = scrap / SCRAP_PER_REF * 100 + scrap % SCRAP_PER_REF * 11;
    if (metal >= Catalog.KEY_PRICE_HUNDREDTHS) {
      keys++;
      metal = 0;
    }
    listing.keys = keys;
    listing.metalHundredths = metal;
  }

  private String detailsJson(Listing listing) {
    String template = catalog.details[random.nextInt(catalog.details.length)];
    StringBuilder price = new StringBuilder(24);
    appendLongValue(price, listing);
    String text = template.replace("{item}", listing.item.name()).replace("{price}", price);
    return JsonText.quote(text);
  }

  private EventType write(StringBuilder out, EventType type, Listing listing, String status) {
    out.append("{\"id\":\"");
    ids.appendNext(out, now);
    out.append("\",\"event\":\"").append(type.wireName()).append("\",\"payload\":{\"id\":\"");
    out.append(listing.id).append("\",\"steamid\":\"").append(listing.user.steamid());
    out.append("\",\"appid\":").append(listing.item.appid()).append(",\"currencies\":{");
    if (listing.item.appid() == 730) {
      out.append("\"usd\":");
      JsonText.appendHundredths(out, listing.usdCents);
    } else if (listing.keys == 0) {
      out.append("\"metal\":");
      JsonText.appendHundredths(out, listing.metalHundredths);
    } else {
      out.append("\"keys\":").append(listing.keys);
      if (listing.metalHundredths != 0) {
        out.append(",\"metal\":");
        JsonText.appendHundredths(out, listing.metalHundredths);
      }
    }
    out.append("},\"value\":{\"raw\":");
    JsonText.appendHundredths(out, valueHundredths(listing));
    out.append(",\"short\":\"");
    appendShortValue(out, listing);
    out.append("\",\"long\":\"");
    appendLongValue(out, listing);
    out.append("\"},\"tradeOffersPreferred\":").append(listing.tradeOffersPreferred);
    out.append(",\"buyoutOnly\":").append(listing.buyoutOnly);
    out.append(",\"details\":").append(listing.detailsJson);
    out.append(",\"listedAt\":").append(listing.listedAt);
    out.append(",\"bumpedAt\":").append(listing.bumpedAt);
    out.append(",\"intent\":\"").append(listing.sell ? "sell" : "buy");
    out.append("\",\"count\":").append(listing.count);
    out.append(",\"status\":\"").append(status).append('"');
    String client = listing.user.userAgentClient();
    if (client != null) {
      out.append(",\"source\":\"userAgent\"");
    }
    Catalog.Item item = listing.item;
    out.append(",\"item\":").append(item.beforeId()).append(listing.assetId);
    out.append(item.betweenIds()).append(listing.originalId).append(item.afterOriginalId());
    if (client != null) {
      out.append(",\"userAgent\":{\"client\":\"").append(client);
      out.append("\",\"lastPulse\":").append(now - random.nextInt(120)).append('}');
    }
    out.append(",\"user\":").append(listing.user.userJson()).append("}}");
    return type;
  }

  private static long valueHundredths(Listing listing) {
    if (listing.item.appid() == 730) {
      return listing.usdCents * Catalog.KEY_PRICE_HUNDREDTHS / Catalog.KEY_PRICE_US_CENTS;
    }
    return listing.keys * Catalog.KEY_PRICE_HUNDREDTHS + listing.metalHundredths;
  }

  private static void appendShortValue(StringBuilder out, Listing listing) {
    if (listing.item.appid() == 730) {
      JsonText.appendHundredths(out.append('$'), listing.usdCents);
    } else if (listing.keys == 0) {
      JsonText.appendHundredths(out, listing.metalHundredths).append(" ref");
    } else {
      long keysHundredths =
          (valueHundredths(listing) * 100 + Catalog.KEY_PRICE_HUNDREDTHS / 2)
              / Catalog.KEY_PRICE_HUNDREDTHS;
      JsonText.appendHundredths(out, keysHundredths).append(" keys");
    }
  }

  private static void appendLongValue(StringBuilder out, Listing listing) {
    if (listing.item.appid() == 730) {
      JsonText.appendHundredths(out.append('$'), listing.usdCents);
    } else if (listing.keys == 0) {
      JsonText.appendHundredths(out, listing.metalHundredths).append(" ref");
    } else {
      out.append(listing.keys).append(listing.keys == 1 ? " key" : " keys");
      if (listing.metalHundredths != 0) {
        JsonText.appendHundredths(out.append(", "), listing.metalHundredths).append(" ref");
      }
    }
  }

  /** The highest live buy order of the item, in hundredths of refined; 0 when it has none. */
  private long bestBuyHundredths(Catalog.Item item) {
    long best = 0;
    for (Listing buy : liveBuys.getOrDefault(item, List.of())) {
      best = Math.max(best, valueHundredths(buy));
    }
    return best;
  }

  private void goesLive(Listing listing) {
    if (!listing.live && !listing.sell) {
      liveBuys.computeIfAbsent(listing.item, ignored -> new ArrayList<>()).add(listing);
    }
    listing.live = true;
  }

  private void goesAway(Listing listing) {
    if (listing.live && !listing.sell) {
      List<Listing> buys = liveBuys.get(listing.item);
      buys.remove(listing);
      if (buys.isEmpty()) {
        liveBuys.remove(listing.item);
      }
    }
    listing.live = false;
  }

  private void touch(Listing listing) {
    if (touchedInBatch.isEmpty() || touchedInBatch.get(touchedInBatch.size() - 1) != listing) {
      touchedInBatch.add(listing);
    }
  }

  private static void addTo(List<Listing> list, Listing listing) {
    listing.slot = list.size();
    list.add(listing);
  }

  /** Removes in O(1) by moving the last element into the freed slot. */
  private static void removeFrom(List<Listing> list, Listing listing) {
    Listing last = list.remove(list.size() - 1);
    if (last != listing) {
      list.set(listing.slot, last);
      last.slot = listing.slot;
    }
  }
}
