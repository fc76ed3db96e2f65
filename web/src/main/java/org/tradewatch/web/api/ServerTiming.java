package org.tradewatch.web.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

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
      response.getHeaders().add(HEADER, value(System.nanoTime() - started));
    }
  }

  /**
   * {@code app;dur=} and the milliseconds rounded to a tenth. Not String.format: it parses its
   * pattern at every call, 3% of the server time of a search answered from the stored copy.
   */
  static String value(long nanos) {
    long tenths = (Math.max(0, nanos) + 50_000) / 100_000;
    return "app;dur=" + tenths / 10 + "." + tenths % 10;
  }
}
