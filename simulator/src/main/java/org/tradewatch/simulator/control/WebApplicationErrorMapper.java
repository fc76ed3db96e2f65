package org.tradewatch.simulator.control;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Gives the runtime's own errors (unknown path, wrong method) the same JSON shape. */
@Provider
public class WebApplicationErrorMapper implements ExceptionMapper<WebApplicationException> {
  @Override
  public Response toResponse(WebApplicationException exception) {
    Response original = exception.getResponse();
    String message =
        exception.getMessage() != null
            ? exception.getMessage()
            : original.getStatusInfo().getReasonPhrase();
    return ErrorBodies.of(original.getStatus(), message);
  }
}
