package org.tradewatch.web.listing;

import static org.tradewatch.web.api.JsonOrNull.add;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingPage;
import org.tradewatch.core.listing.ListingSnapshot;

/**
 * The JSON form of listings in the REST API and the live socket. Times are ISO-8601 UTC; absent
 * values are null.
 */
public final class ListingJson {

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  private ListingJson() {}

  /**
   * A page of listings; with a cursor sort, {@code next} is the cursor of the following page, or
   * null when this page is the last.
   */
  static JsonObject page(ListingPage page, boolean withCursor) {
    JsonArrayBuilder items = JSON.createArrayBuilder();
    for (Listing listing : page.items()) {
      items.add(listing(listing));
    }
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("items", items)
            .add("total", page.total())
            .add("totalExact", page.totalExact())
            .add("page", page.page())
            .add("limit", page.limit());
    if (withCursor) {
      List<Listing> listed = page.items();
      if (listed.size() < page.limit()) {
        json.addNull("next");
      } else {
        json.add("next", listed.get(listed.size() - 1).key().toString());
      }
    }
    return json.build();
  }

  static JsonObject detail(Listing listing, List<HistoryEntry> history) {
    JsonArrayBuilder events = JSON.createArrayBuilder();
    for (HistoryEntry entry : history) {
      JsonObjectBuilder event =
          JSON.createObjectBuilder()
              .add("eventId", entry.eventId())
              .add("type", entry.type().id())
              .add("at", entry.eventAt().toString());
      add(event, "value", entry.value());
      add(event, "valueUnit", entry.valueUnit());
      events.add(event);
    }
    return listing(listing).add("history", events).build();
  }

  static JsonObjectBuilder listing(Listing listing) {
    return fields(listing).add("payload", payload(listing.snapshot().payload()));
  }

  /** A listing without upstream's payload: what the live socket sends, to keep deltas small. */
  public static JsonObjectBuilder summary(Listing listing) {
    return fields(listing);
  }

  private static JsonObjectBuilder fields(Listing listing) {
    ListingSnapshot s = listing.snapshot();
    JsonObjectBuilder json =
        JSON.createObjectBuilder().add("source", s.key().source().id()).add("id", s.key().id());
    add(json, "appid", s.appid());
    add(json, "itemName", s.itemName());
    ItemKey item = ItemKey.of(s);
    add(json, "itemKey", item == null ? null : item.id());
    add(json, "quality", s.quality());
    add(json, "qualityColor", s.qualityColor());
    add(json, "particle", s.particle());
    add(json, "wear", s.wear());
    add(json, "imageUrl", s.imageUrl());
    add(json, "intent", s.intent() == null ? null : s.intent().id());
    JsonObjectBuilder currencies = JSON.createObjectBuilder();
    for (Map.Entry<String, BigDecimal> currency : s.currencies().entrySet()) {
      currencies.add(currency.getKey(), currency.getValue());
    }
    json.add("currencies", currencies);
    add(json, "value", s.value());
    add(json, "valueUnit", s.valueUnit());
    add(json, "sellerId", s.sellerId());
    add(json, "sellerName", s.sellerName());
    add(json, "details", s.details());
    add(json, "listedAt", s.listedAt());
    add(json, "bumpedAt", s.bumpedAt());
    add(json, "updatedAt", listing.updatedAt());
    add(json, "deletedAt", listing.deletedAt());
    add(json, "lastEventId", listing.lastEventId());
    add(json, "lastEventAt", listing.lastEventAt());
    json.add("links", links(ListingLinks.of(s, LinkRules.current())));
    return json;
  }

  /**
   * Where a trader goes from the listing, each link checked (see {@link ListingLinks}): what the
   * pages link to, and what the live rows are drawn with. {@code image} is the icon when it is on a
   * configured image host; {@code imageUrl} above stays upstream's text as received.
   */
  private static JsonObjectBuilder links(ListingLinks links) {
    JsonObjectBuilder json = JSON.createObjectBuilder();
    add(json, "listing", links.listing());
    add(json, "sellerProfile", links.sellerProfile());
    add(json, "sellerSteam", links.sellerSteam());
    add(json, "tradeOffer", links.tradeOffer());
    add(json, "marketplace", links.marketplace());
    add(json, "marketplaceName", links.marketplaceName());
    add(json, "image", links.image());
    return json;
  }

  /** The upstream object as received; stored text that is somehow not JSON comes back as text. */
  private static JsonValue payload(String text) {
    try (JsonReader reader = JSON.createReader(new StringReader(text))) {
      return reader.readValue();
    } catch (JsonParsingException e) {
      return JSON.createValue(text);
    }
  }
}
