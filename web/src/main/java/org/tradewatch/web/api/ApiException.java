package org.tradewatch.web.api;

import jakarta.ws.rs.core.Response;

/** A request Tradewatch refuses, with the status and the message the client gets as JSON. */
public class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  public ApiException(Response.Status status, String message) {
    this(status.getStatusCode(), message);
  }

  public ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(Response.Status.BAD_REQUEST, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(Response.Status.NOT_FOUND, message);
  }

  public int status() {
    return status;
  }
}
