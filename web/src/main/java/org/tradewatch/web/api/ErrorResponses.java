package org.tradewatch.web.api;

import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds the error shape every endpoint uses, the same as the upstream APIs: {"message": ...}. */
public final class ErrorResponses {

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  private ErrorResponses() {}

  public static Response of(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(JSON.createObjectBuilder().add("message", message).build().toString())
        .build();
  }
}
