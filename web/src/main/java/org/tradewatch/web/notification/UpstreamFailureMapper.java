package org.tradewatch.web.notification;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.tradewatch.core.notification.UpstreamFailure;
import org.tradewatch.web.api.ErrorResponses;

/**
 * Answers an upstream failure with its status, a JSON message and, when known, {@code Retry-After}.
 * Nothing is logged: the failure is upstream's, and the message says it all.
 */
@Provider
public class UpstreamFailureMapper implements ExceptionMapper<UpstreamFailure> {
  @Override
  public Response toResponse(UpstreamFailure failure) {
    Response response = ErrorResponses.of(failure.clientStatus(), failure.getMessage());
    return failure.retryAfterSeconds() == null
        ? response
        : Response.fromResponse(response)
            .header("Retry-After", failure.retryAfterSeconds())
            .build();
  }
}
