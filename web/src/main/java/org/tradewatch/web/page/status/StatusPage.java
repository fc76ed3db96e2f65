package org.tradewatch.web.page.status;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.tradewatch.web.page.Pages;
import org.tradewatch.web.stream.ConsumerLeases;
import org.tradewatch.web.stream.StreamRegistry;

/**
 * {@code /status}: each upstream stream's state and counters, from the same monitors as {@code
 * /api/streams}, and a chart of events applied per second that {@code static/status-chart.js}
 * refreshes from that API.
 */
@WebServlet("/status")
public class StatusPage extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** How often the script refreshes the table and the chart. */
  static final int REFRESH_MILLIS = 3000;

  @Inject transient Pages pages;
  @Inject transient StreamRegistry registry;
  @Inject transient ConsumerLeases leases;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    pages.render(
        request,
        response,
        "status",
        Map.of(
            "streams",
            registry.all().stream()
                .map(
                    monitor ->
                        new StreamRow(monitor.view(), leases.view(monitor.source()).orElse(null)))
                .toList(),
            "refreshMillis",
            REFRESH_MILLIS));
  }
}
