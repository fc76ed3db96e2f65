package org.tradewatch.simulator.skinshark;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.tradewatch.simulator.skinshark.live.MarketRequestException;
import org.tradewatch.simulator.skinshark.live.SkinsharkService;

/** {@code GET /market}: a page of the curated feed, cheapest first, with the viewer's fee. */
@Path("market")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SkinsharkMarketResource {

  @Inject SkinsharkService service;

  @GET
  public String market(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("On-Behalf-Of") String subUser,
      @QueryParam("page") @DefaultValue("1") String page,
      @QueryParam("limit") @DefaultValue("100") String limit) {
    return service
        .market()
        .market(
            ApiKeys.bearer(authorization), subUser, integer("page", page), integer("limit", limit))
        .json();
  }

  static int integer(String name, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new MarketRequestException(400, name + " must be an integer");
    }
  }
}
