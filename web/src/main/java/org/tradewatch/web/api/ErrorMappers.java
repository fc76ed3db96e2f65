package org.tradewatch.web.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every failure that reaches JAX-RS into a JSON {"message": ...} with the right status. */
public final class ErrorMappers {

  private ErrorMappers() {}

  /** Requests Tradewatch refused on purpose: their message is meant for the client. */
  @Provider
  public static class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException e) {
      return ErrorResponses.of(e.status(), e.getMessage());
    }
  }

  /** JAX-RS's own refusals (unknown path, wrong method, unacceptable media type). */
  @Provider
  public static class WebApplicationExceptionMapper
      implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response.StatusType status = e.getResponse().getStatusInfo();
      return ErrorResponses.of(status.getStatusCode(), status.getReasonPhrase());
    }
  }

  /** Anything else is our fault: log it, and tell the client no more than that. */
  @Provider
  public static class UnexpectedExceptionMapper implements ExceptionMapper<RuntimeException> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException e) {
      LOG.log(Level.SEVERE, "Unexpected error answering a request", e);
      return ErrorResponses.of(500, "internal error; the server log has the details");
    }
  }
}
