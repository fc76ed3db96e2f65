package org.tradewatch.web.deal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tradewatch.core.deal.DealParameters;
import org.tradewatch.core.deal.DealQuery;
import org.tradewatch.core.listing.InvalidListingParameterException;
import org.tradewatch.web.api.ApiException;
import org.tradewatch.web.market.Market;

/**
 * Deals: live sell listings priced below their item's best buy order, or well under its suggested
 * price, newest first. The market model keeps them open as prices move and answers alone: nothing
 * is read from the store. Application-scoped, as it keeps no state.
 */
@Path("deals")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class DealsResource {

  @Inject Market market;

  @GET
  @Operation(
      summary = "Search open deals",
      description =
          "Sell listings that are deals, newest first: priced below the item's best buy order in"
              + " the same unit (reason belowBestBuy: buy it and resell at once; profit = best buy"
              + " - price), or at least tradewatch.deals.min-discount percent (10) under the"
              + " item's suggested price (reason underSuggested) or its 7-day median sell (reason"
              + " underMedian, figure medianSell: the median of the sells sampled in the 168 hours"
              + " before the hour of the item's latest change, recomputed hourly; the higher of"
              + " the two is taken). Each deal has its listing and"
              + " item, the figures and when it opened. Bad parameters get 400 with a message"
              + " naming the parameter.")
  @APIResponse(responseCode = "200", description = "{items, total, page, limit}")
  @APIResponse(responseCode = "400", description = "{message} naming the bad parameter")
  @APIResponse(responseCode = "503", description = "{message}: the market is still loading")
  public JsonObject search(
      @Parameter(description = "bptf or skinshark; required with minProfit") @QueryParam("source")
          String source,
      @Parameter(description = "game id, e.g. 440 or 730") @QueryParam("appid") String appid,
      @Parameter(
              description =
                  "least profit, in the deal's unit (bptf: refined metal); needs source, so that"
                      + " amounts in different units are never compared")
          @QueryParam("minProfit")
          String minProfit,
      @Parameter(
              description =
                  "least discount in percent (0-100) under the deal's reference: the best buy or"
                      + " the suggested price")
          @QueryParam("minDiscount")
          String minDiscount,
      @Parameter(description = "page number from 1") @QueryParam("page") String page,
      @Parameter(description = "page size 1-200, default 50") @QueryParam("limit") String limit) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("source", source);
    parameters.put("appid", appid);
    parameters.put("minProfit", minProfit);
    parameters.put("minDiscount", minDiscount);
    parameters.put("page", page);
    parameters.put("limit", limit);
    DealQuery query;
    try {
      query = DealParameters.query(parameters::get);
    } catch (InvalidListingParameterException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (!market.built()) {
      throw new ApiException(
          Response.Status.SERVICE_UNAVAILABLE,
          "the market is loading from the database ("
              + market.loaded()
              + " listings so far); try again in a few seconds");
    }
    return DealJson.page(market.model().deals(query), query);
  }
}
