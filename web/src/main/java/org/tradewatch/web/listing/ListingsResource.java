package org.tradewatch.web.listing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tradewatch.core.listing.InvalidListingParameterException;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingParameters;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingReader;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.core.listing.Source;
import org.tradewatch.web.api.ApiException;

/**
 * Search the stored listings, and read one with its recent events. Application-scoped, as it keeps
 * no state: a request-scoped resource would be created and injected on every request.
 */
@Path("listings")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ListingsResource {

  /** Events shown with one listing, by the REST API and its page. */
  public static final int HISTORY_LIMIT = 100;

  @Inject ListingReader listings;

  @GET
  @Operation(
      summary = "Search listings",
      description =
          "Live listings by default; every filter is optional. Bad parameters get 400 with a"
              + " message naming the parameter.")
  @APIResponse(
      responseCode = "200",
      description = "{items, total, page, limit}, and next (the cursor) with sort=key")
  @APIResponse(responseCode = "400", description = "{message} naming the bad parameter")
  public JsonObject search(
      @Parameter(description = "case-insensitive part of the item name") @QueryParam("q") String q,
      @Parameter(description = "bptf or skinshark") @QueryParam("source") String source,
      @Parameter(description = "buy or sell") @QueryParam("intent") String intent,
      @Parameter(
              description =
                  "quality name (Unique, Strange, Unusual...) or skinshark rarity, any case")
          @QueryParam("quality")
          String quality,
      @Parameter(description = "game id, e.g. 440 or 730") @QueryParam("appid") String appid,
      @Parameter(description = "lowest value, inclusive") @QueryParam("minValue") String minValue,
      @Parameter(description = "highest value, inclusive") @QueryParam("maxValue") String maxValue,
      @Parameter(description = "unusual effect by name (e.g. Burning Flames), any case")
          @QueryParam("effect")
          String effect,
      @Parameter(
              description = "killstreak tier: none, killstreak, specialized, professional or 0-3")
          @QueryParam("killstreak")
          String killstreak,
      @Parameter(description = "true for craftable items only, false for non-craftable ones")
          @QueryParam("craftable")
          String craftable,
      @Parameter(description = "true for australium items only, false for the others")
          @QueryParam("australium")
          String australium,
      @Parameter(
              description =
                  "wear tier: Factory New, Minimal Wear, Field-Tested, Well-Worn, Battle-Scarred"
                      + " (or FN, MW, FT, WW, BS), any case")
          @QueryParam("wear")
          String wear,
      @Parameter(description = "true to include deleted listings") @QueryParam("includeDeleted")
          String includeDeleted,
      @Parameter(
              description =
                  "value, -value, updated, -updated (default), or key: by source and id, the"
                      + " stable order for walking every listing with after=")
          @QueryParam("sort")
          String sort,
      @Parameter(description = "page number from 1") @QueryParam("page") String page,
      @Parameter(description = "page size 1-500, default 100") @QueryParam("limit") String limit,
      @Parameter(
              description =
                  "with sort=key: the cursor, source/id of the last listing of the previous page"
                      + " (the response's next)")
          @QueryParam("after")
          String after) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("q", q);
    parameters.put("source", source);
    parameters.put("intent", intent);
    parameters.put("quality", quality);
    parameters.put("appid", appid);
    parameters.put("minValue", minValue);
    parameters.put("maxValue", maxValue);
    parameters.put("effect", effect);
    parameters.put("killstreak", killstreak);
    parameters.put("craftable", craftable);
    parameters.put("australium", australium);
    parameters.put("wear", wear);
    parameters.put("includeDeleted", includeDeleted);
    parameters.put("sort", sort);
    parameters.put("page", page);
    parameters.put("limit", limit);
    parameters.put("after", after);
    ListingQuery query;
    try {
      query = ListingParameters.query(parameters::get);
    } catch (InvalidListingParameterException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    return ListingJson.page(listings.search(query), query.sort() == ListingSort.KEY);
  }

  @GET
  @Path("{source}/{id}")
  @Operation(summary = "One listing, deleted or not, with its recent events newest first")
  @APIResponse(responseCode = "200", description = "the listing with history")
  @APIResponse(responseCode = "404", description = "no such listing")
  public JsonObject one(@PathParam("source") String source, @PathParam("id") String id) {
    ListingKey key;
    try {
      key = new ListingKey(Source.fromId(source), id);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("no listing " + source + "/" + id + ": " + e.getMessage());
    }
    return listings
        .detail(key, HISTORY_LIMIT)
        .map(detail -> ListingJson.detail(detail.listing(), detail.history()))
        .orElseThrow(() -> ApiException.notFound("no listing " + key));
  }
}
