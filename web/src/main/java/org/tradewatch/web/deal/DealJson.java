package org.tradewatch.web.deal;

import static org.tradewatch.web.api.JsonOrNull.add;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import org.tradewatch.core.deal.Deal;
import org.tradewatch.core.deal.DealChange;
import org.tradewatch.core.deal.DealPage;
import org.tradewatch.core.deal.DealQuery;

/**
 * The JSON form of deals, for REST and the live socket. Prices are in the deal's {@code valueUnit}
 * (backpack.tf keys and metal in refined metal, skinshark in the listing's currency); times are
 * ISO-8601 UTC; figures that do not apply to the deal's reason are null.
 */
public final class DealJson {

  private static final JsonProvider JSON = JsonProvider.provider();

  private DealJson() {}

  static JsonObject page(DealPage page, DealQuery query) {
    JsonArrayBuilder deals = JSON.createArrayBuilder();
    for (Deal deal : page.deals()) {
      deals.add(deal(deal));
    }
    return JSON.createObjectBuilder()
        .add("items", deals)
        .add("total", page.total())
        .add("page", query.page())
        .add("limit", query.limit())
        .build();
  }

  /** One open deal. */
  public static JsonObjectBuilder deal(Deal deal) {
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("source", deal.listing().source().id())
            .add("listingId", deal.listing().id())
            .add("itemKey", deal.item().id())
            .add("itemName", deal.item().displayName());
    if (deal.item().appid() == null) {
      json.addNull("appid");
    } else {
      json.add("appid", deal.item().appid());
    }
    json.add("reason", deal.reason().id()).add("valueUnit", deal.unit()).add("price", deal.price());
    add(json, "bestBuy", deal.bestBuy());
    if (deal.bestBuyListing() == null) {
      json.addNull("bestBuyListingId");
    } else {
      json.add("bestBuyListingId", deal.bestBuyListing().id());
    }
    add(json, "suggested", deal.suggested());
    add(json, "medianSell", deal.medianSell());
    return json.add("profit", deal.profit())
        .add("discountPercent", deal.discountPercent())
        .add("openedAt", deal.openedAt().toString());
  }

  /**
   * What tells a client that a listing's deal is gone from its view: {@code closedAt} is when it
   * closed, or null when it is still open but no longer passes the client's filters.
   */
  public static JsonObjectBuilder closed(DealChange change) {
    Deal was = change.before();
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("source", was.listing().source().id())
            .add("listingId", was.listing().id())
            .add("itemKey", was.item().id());
    Instant closedAt = change.closed() ? change.at() : null;
    if (closedAt == null) {
      json.addNull("closedAt");
    } else {
      json.add("closedAt", closedAt.toString());
    }
    return json;
  }
}
