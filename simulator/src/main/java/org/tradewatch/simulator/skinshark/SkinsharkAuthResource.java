package org.tradewatch.simulator.skinshark;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.tradewatch.simulator.json.JsonText;
import org.tradewatch.simulator.skinshark.live.LiveMarket;
import org.tradewatch.simulator.skinshark.live.SkinsharkService;

/** {@code POST /auth/ws-token}: mints a socket ticket for the sub-user named in On-Behalf-Of. */
@Path("auth/ws-token")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SkinsharkAuthResource {

  @Inject SkinsharkService service;

  @POST
  public String mint(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("On-Behalf-Of") String subUser) {
    LiveMarket.Minted minted = service.market().mint(ApiKeys.bearer(authorization), subUser);
    return "{\"token\":"
        + JsonText.quote(minted.token())
        + ",\"expiresIn\":"
        + JsonText.quote(minted.expiresIn())
        + "}";
  }
}
