package org.tradewatch.simulator.skinshark;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.tradewatch.simulator.json.JsonText;
import org.tradewatch.simulator.skinshark.live.MarketRequestException;

/** Writes a refused market request as its status with upstream's {@code {"message": "..."}}. */
@Provider
public class MarketErrorMapper implements ExceptionMapper<MarketRequestException> {
  @Override
  public Response toResponse(MarketRequestException exception) {
    return Response.status(exception.status())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity("{\"message\":" + JsonText.quote(exception.getMessage()) + "}")
        .build();
  }
}
