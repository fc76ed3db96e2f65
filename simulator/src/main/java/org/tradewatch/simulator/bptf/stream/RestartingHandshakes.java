package org.tradewatch.simulator.bptf.stream;

import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses the events socket's handshakes while the stream plays a restart, before the upgrade, as
 * the front of a restarting server answers: 503 with a JSON message. The WebSocket API has no
 * portable way to refuse an upgrade with a status of one's choosing; a filter on the path does.
 */
@WebFilter(urlPatterns = "/events")
public class RestartingHandshakes implements Filter {

  @Inject BptfStreamService service;

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (service.stream().refusingHandshakes() && response instanceof HttpServletResponse http) {
      http.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      http.setContentType("application/json");
      http.setCharacterEncoding("UTF-8");
      http.getWriter().write("{\"message\":\"service restarting\"}");
      return;
    }
    chain.doFilter(request, response);
  }
}
