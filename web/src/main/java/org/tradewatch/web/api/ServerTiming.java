package org.tradewatch.web.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * Says in every REST answer how long the server worked on it, as a W3C {@code Server-Timing} header
 * ({@code app;dur=12.3}, in milliseconds): from the request reaching JAX-RS to its answer built,
 * the database's part included, the network and the writing of the body not. Browsers show it
 * beside the request; the query benchmark reads it to tell the server's time from the round trip's.
 * It says nothing about the request beyond a duration.
 */
@Provider
@PreMatching
public class ServerTiming implements ContainerRequestFilter, ContainerResponseFilter {

  static final String HEADER = "Server-Timing";
  private static final String STARTED = ServerTiming.class.getName() + ".started";

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(STARTED) instanceof Long started) {
      double millis = (System.nanoTime() - started) / 1e6;
      response.getHeaders().add(HEADER, String.format(Locale.ROOT, "app;dur=%.1f", millis));
    }
  }
}
