package org.tradewatch.web.item;

import static org.tradewatch.web.api.JsonOrNull.add;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.tradewatch.core.item.BookCursor;
import org.tradewatch.core.item.BookPage;
import org.tradewatch.core.item.HourlyPrice;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.item.ItemPage;
import org.tradewatch.core.item.ItemQuery;
import org.tradewatch.core.item.ItemSummary;
import org.tradewatch.core.item.KeyPrice;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.web.format.Prices;
import org.tradewatch.web.listing.ListingJson;

/**
 * The JSON form of items and order books. Values are in the item's {@code valueUnit} (backpack.tf
 * in refined metal, skinshark in US dollars); {@code price} texts are as traders write them. Times
 * are ISO-8601 UTC; absent values are null.
 */
public final class ItemJson {

  private static final JsonProvider JSON = JsonProvider.provider();

  private ItemJson() {}

  static JsonObject page(ItemPage page, ItemQuery query, KeyPrice key) {
    JsonArrayBuilder items = JSON.createArrayBuilder();
    for (ItemSummary item : page.items()) {
      items.add(item(item, key));
    }
    return JSON.createObjectBuilder()
        .add("items", items)
        .add("keyPrice", keyPrice(key))
        .add("total", page.total())
        .add("page", query.page())
        .add("limit", query.limit())
        .add("sort", query.sort().id())
        .build();
  }

  /**
   * One item with its best prices and counts, as /api/items and item.update give it; the {@code
   * price} texts are in keys and ref at {@code key}'s price.
   */
  public static JsonObjectBuilder item(ItemSummary summary, KeyPrice keyPrice) {
    ItemKey key = summary.key();
    String unit = summary.valueUnit();
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("itemKey", key.id())
            .add("name", key.displayName())
            .add("source", key.source().id());
    add(json, "appid", key.appid());
    json.add("itemName", key.name());
    add(json, "quality", key.quality());
    add(json, "effect", key.effect());
    json.add("craftable", key.craftable())
        .add("killstreakTier", key.killstreakTier())
        .add("australium", key.australium())
        .add("festivized", key.festivized())
        .add("valueUnit", unit);
    best(json, "bestBuy", summary.bestBuy(), unit, keyPrice);
    best(json, "bestSell", summary.bestSell(), unit, keyPrice);
    add(json, "spread", summary.spread());
    json.add("buyCount", summary.buyCount()).add("sellCount", summary.sellCount());
    add(json, "suggested", summary.suggested());
    json.add("lastChange", summary.lastChange().toString());
    return json;
  }

  /** The key price the price texts were written at, and whether the stream gave it. */
  public static JsonObjectBuilder keyPrice(KeyPrice key) {
    return JSON.createObjectBuilder().add("ref", key.ref()).add("fromStream", key.seen());
  }

  private static void best(
      JsonObjectBuilder json, String name, ListingState state, String unit, KeyPrice key) {
    if (state == null) {
      json.addNull(name);
      return;
    }
    json.add(
        name,
        JSON.createObjectBuilder()
            .add("listingId", state.key().id())
            .add("value", state.value())
            .add("price", Prices.amount(state.value(), unit, key)));
  }

  static JsonObject book(BookPage book, List<HourlyPrice> history, Instant now, KeyPrice key) {
    return JSON.createObjectBuilder()
        .add("item", item(book.summary(), key))
        .add("keyPrice", keyPrice(key))
        .add("history", history(history))
        .add("buys", entries(book.buys(), now))
        .add("sells", entries(book.sells(), now))
        .add("buysNext", cursor(book.buysNext()))
        .add("sellsNext", cursor(book.sellsNext()))
        .build();
  }

  /** The item's hours with events, oldest first; values in the item's valueUnit. */
  private static JsonArrayBuilder history(List<HourlyPrice> history) {
    JsonArrayBuilder hours = JSON.createArrayBuilder();
    for (HourlyPrice hour : history) {
      JsonObjectBuilder json = JSON.createObjectBuilder().add("hour", hour.hour().toString());
      add(json, "bestBuy", hour.bestBuy());
      add(json, "bestSell", hour.bestSell());
      add(json, "medianSell", hour.medianSell());
      hours.add(json.add("buyEvents", hour.buyEvents()).add("sellEvents", hour.sellEvents()));
    }
    return hours;
  }

  /** Each listing with ListingJson's fields, its price as traders write it and its age. */
  private static JsonArrayBuilder entries(List<Listing> listings, Instant now) {
    JsonArrayBuilder entries = JSON.createArrayBuilder();
    for (Listing listing : listings) {
      JsonObjectBuilder entry = ListingJson.summary(listing);
      entry.add("price", Prices.priceText(listing.snapshot()));
      Instant listed = listing.snapshot().listedAt();
      if (listed == null) {
        entry.addNull("ageSeconds");
      } else {
        entry.add("ageSeconds", Math.max(0, Duration.between(listed, now).getSeconds()));
      }
      entries.add(entry);
    }
    return entries;
  }

  private static JsonValue cursor(BookCursor cursor) {
    return cursor == null ? JsonValue.NULL : JSON.createValue(cursor.toString());
  }
}
