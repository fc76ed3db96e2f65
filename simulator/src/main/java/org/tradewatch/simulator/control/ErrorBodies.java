package org.tradewatch.simulator.control;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.tradewatch.simulator.json.JsonText;

/** Error responses in the upstream APIs' shape: {@code {"message": "..."}}. */
final class ErrorBodies {
  private ErrorBodies() {}

  static Response of(int status, String message) {
    String body = "{\"message\":" + JsonText.quote(message) + "}";
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
