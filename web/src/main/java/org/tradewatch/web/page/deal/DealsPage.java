package org.tradewatch.web.page.deal;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tradewatch.core.deal.DealPage;
import org.tradewatch.core.deal.DealParameters;
import org.tradewatch.core.deal.DealQuery;
import org.tradewatch.core.listing.InvalidListingParameterException;
import org.tradewatch.web.market.Market;
import org.tradewatch.web.page.Pages;

/**
 * The open deals, newest first, with the search's filters (source, least profit, least discount)
 * and pages. Complete without JavaScript; {@code static/deals-live.js} opens new deals at the top
 * of the first page and takes closed ones away, over the live socket with the same filters.
 */
@WebServlet("/deals")
public class DealsPage extends HttpServlet {

  private static final long serialVersionUID = 1L;

  static final int PAGE_SIZE = 50;

  private static final List<String> FILTERS = List.of("source", "minProfit", "minDiscount");

  @Inject transient Pages pages;
  @Inject transient Market market;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Map<String, String> given = new HashMap<>();
    for (String name : FILTERS) {
      String value = request.getParameter(name);
      given.put(name, value == null || value.isBlank() ? null : value.trim());
    }
    Map<String, Object> model = new HashMap<>();
    model.put("source", given.get("source"));
    model.put("minProfit", given.get("minProfit"));
    model.put("minDiscount", given.get("minDiscount"));
    String filters = query(given);
    model.put("liveQuery", "deals=true&listings=false" + (filters.isEmpty() ? "" : "&" + filters));
    model.put("rows", List.of());
    model.put("total", 0L);
    model.put("page", 1);
    model.put("previous", null);
    model.put("next", null);
    DealQuery query;
    try {
      Map<String, String> asked = new HashMap<>(given);
      asked.put("page", request.getParameter("page"));
      asked.put("limit", Integer.toString(PAGE_SIZE));
      query = DealParameters.query(asked::get);
    } catch (InvalidListingParameterException e) {
      model.put("error", e.getMessage());
      pages.render(request, response, HttpServletResponse.SC_BAD_REQUEST, "deals", model);
      return;
    }
    if (!market.built()) {
      model.put("error", "the market is still loading; try again in a few seconds");
      pages.render(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "deals", model);
      return;
    }
    DealPage found = market.model().deals(query);
    model.put("rows", found.deals().stream().map(DealView::new).toList());
    model.put("total", found.total());
    // Deals opened after this are not in the total: the page's script counts them in as they come.
    model.put("countedAt", Instant.now().toString());
    model.put("page", query.page());
    String prefix = filters.isEmpty() ? "?" : "?" + filters + "&";
    model.put("previous", query.page() > 1 ? prefix + "page=" + (query.page() - 1) : null);
    model.put(
        "next",
        (long) query.page() * PAGE_SIZE < found.total()
            ? prefix + "page=" + (query.page() + 1)
            : null);
    pages.render(request, response, "deals", model);
  }

  /** The given filters as a query string, in a fixed order. */
  private static String query(Map<String, String> given) {
    StringBuilder query = new StringBuilder();
    for (String name : FILTERS) {
      String value = given.get(name);
      if (value != null) {
        if (query.length() > 0) {
          query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
    return query.toString();
  }
}
