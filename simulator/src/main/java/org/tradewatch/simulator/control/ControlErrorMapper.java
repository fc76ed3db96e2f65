package org.tradewatch.simulator.control;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Writes a {@link ControlException} as its status with a JSON message. */
@Provider
public class ControlErrorMapper implements ExceptionMapper<ControlException> {
  @Override
  public Response toResponse(ControlException exception) {
    return ErrorBodies.of(exception.status(), exception.getMessage());
  }
}
