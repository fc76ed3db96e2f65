package org.tradewatch.web.item;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tradewatch.core.item.BookCursor;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.item.ItemParameters;
import org.tradewatch.core.item.ItemQuery;
import org.tradewatch.core.listing.InvalidListingParameterException;
import org.tradewatch.core.listing.ListingRecords;
import org.tradewatch.core.market.MarketItems;
import org.tradewatch.web.api.ApiException;
import org.tradewatch.web.market.Market;

/**
 * Items: what traders price as one thing, with the best buy order and the cheapest sell listing of
 * each, and one item's order book. Answered from the market model; the book's listings are read
 * whole from the store. Application-scoped, as it keeps no state.
 */
@Path("items")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ItemsResource {

  @Inject Market market;
  @Inject ListingRecords records;

  private volatile MarketItems items;

  private MarketItems items() {
    if (!market.built()) {
      throw new ApiException(
          Response.Status.SERVICE_UNAVAILABLE,
          "the market is loading from the database ("
              + market.loaded()
              + " listings so far); try again in a few seconds");
    }
    MarketItems held = items;
    if (held == null) {
      held = new MarketItems(market.model(), records);
      items = held;
    }
    return held;
  }

  @GET
  @Operation(
      summary = "Search items",
      description =
          "Items with live buy orders or sell listings, each with its best buy and best sell"
              + " (price and listing id), spread, counts, suggested price and last change."
              + " Values are in the item's valueUnit: bptf in refined metal, skinshark in US"
              + " dollars; sort=spread compares prices and so needs source. Bad parameters get"
              + " 400 with a message naming the parameter.")
  @APIResponse(responseCode = "200", description = "{items, total, page, limit, sort}")
  @APIResponse(responseCode = "400", description = "{message} naming the bad parameter")
  public JsonObject search(
      @Parameter(description = "case-insensitive part of the item's name") @QueryParam("q")
          String q,
      @Parameter(description = "bptf or skinshark") @QueryParam("source") String source,
      @Parameter(description = "game id, e.g. 440 or 730") @QueryParam("appid") String appid,
      @Parameter(description = "quality name (Unique, Strange, Unusual...), any case")
          @QueryParam("quality")
          String quality,
      @Parameter(
              description =
                  "listings (most live listings first, the default), spread (best sell minus best"
                      + " buy, least first: crossed books first; needs source), updated (newest"
                      + " change first) or name")
          @QueryParam("sort")
          String sort,
      @Parameter(description = "page number from 1") @QueryParam("page") String page,
      @Parameter(description = "page size 1-200, default 50") @QueryParam("limit") String limit) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("q", q);
    parameters.put("source", source);
    parameters.put("appid", appid);
    parameters.put("quality", quality);
    parameters.put("sort", sort);
    parameters.put("page", page);
    parameters.put("limit", limit);
    ItemQuery query;
    try {
      query = ItemParameters.query(parameters::get);
    } catch (InvalidListingParameterException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    return ItemJson.page(items().search(query), query, market.model().keyPrice());
  }

  @GET
  @Path("{key}")
  @Operation(
      summary = "One item's order book",
      description =
          "Buy orders highest first and sell listings cheapest first, limit of each (default 50),"
              + " each with the listing's fields, its price as traders write it and its age;"
              + " buysNext and sellsNext are the cursors of the next pages (buysAfter=,"
              + " sellsAfter=), null at the end. history: the item's hours of the last 7 days"
              + " that had events, oldest first, each with the best buy, best sell and median"
              + " sell of the hour's listing events (see docs/api.md).")
  @APIResponse(
      responseCode = "200",
      description = "{item, history, buys, sells, buysNext, sellsNext}")
  @APIResponse(responseCode = "400", description = "{message} naming the bad parameter")
  @APIResponse(responseCode = "404", description = "no listing of the item was ever seen")
  public JsonObject book(
      @Parameter(description = "the itemKey, as /api/items gives it") @PathParam("key") String key,
      @Parameter(description = "entries per side, 1-200, default 50") @QueryParam("limit")
          String limit,
      @Parameter(description = "buysNext of the previous page") @QueryParam("buysAfter")
          String buysAfter,
      @Parameter(description = "sellsNext of the previous page") @QueryParam("sellsAfter")
          String sellsAfter) {
    ItemKey item;
    int entries;
    BookCursor buys;
    BookCursor sells;
    try {
      item = ItemParameters.key(key);
      entries = ItemParameters.bookLimit(limit);
      buys = ItemParameters.cursor("buysAfter", buysAfter);
      sells = ItemParameters.cursor("sellsAfter", sellsAfter);
    } catch (InvalidListingParameterException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    Instant now = Clock.systemUTC().instant();
    return items()
        .book(item, entries, buys, sells)
        .map(
            book ->
                ItemJson.book(
                    book, market.model().priceHistory(item, now), now, market.model().keyPrice()))
        .orElseThrow(() -> ApiException.notFound("no item " + item.id()));
  }
}
