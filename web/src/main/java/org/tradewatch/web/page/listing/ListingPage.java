package org.tradewatch.web.page.listing;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.tradewatch.core.listing.ListingDetail;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingReader;
import org.tradewatch.core.listing.Source;
import org.tradewatch.web.listing.ListingsResource;
import org.tradewatch.web.page.Pages;

/**
 * {@code /listings/{source}/{id}}: one listing, deleted or not, with its recent events and a chart
 * of its price over them ({@code static/listing-chart.js}; the events table shows the same points
 * without JavaScript).
 */
@WebServlet("/listings/*")
public class ListingPage extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient Pages pages;
  @Inject transient ListingReader listings;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<ListingKey> key = key(request.getPathInfo());
    Optional<ListingDetail> detail =
        key.flatMap(wanted -> listings.detail(wanted, ListingsResource.HISTORY_LIMIT));
    if (detail.isEmpty()) {
      pages.error(
          request,
          response,
          HttpServletResponse.SC_NOT_FOUND,
          "There is no listing at this address. It may never have been stored, or the address is"
              + " mistyped.");
      return;
    }
    ChartScale scale = ChartScale.of(detail.get().listing().snapshot());
    pages.render(
        request,
        response,
        "listing",
        Map.of(
            "listing",
            new ListingView(detail.get().listing()),
            "history",
            detail.get().history().stream()
                .map(entry -> new HistoryRow(entry, detail.get().listing(), scale))
                .toList()));
  }

  /** {@code /bptf/440_123} as a key; empty for anything else. The id is the rest of the path. */
  static Optional<ListingKey> key(String pathInfo) {
    if (pathInfo == null || !pathInfo.startsWith("/")) {
      return Optional.empty();
    }
    int slash = pathInfo.indexOf('/', 1);
    if (slash < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ListingKey(
              Source.fromId(pathInfo.substring(1, slash)), pathInfo.substring(slash + 1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
