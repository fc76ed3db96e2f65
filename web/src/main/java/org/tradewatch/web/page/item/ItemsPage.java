package org.tradewatch.web.page.item;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tradewatch.core.item.ItemPage;
import org.tradewatch.core.item.ItemParameters;
import org.tradewatch.core.item.ItemQuery;
import org.tradewatch.core.item.KeyPrice;
import org.tradewatch.core.listing.InvalidListingParameterException;
import org.tradewatch.web.market.Market;
import org.tradewatch.web.page.Pages;

/**
 * {@code /items}: items with live listings, searched by name, source, game and quality, in the
 * API's sorts, a page at a time. Complete without JavaScript; {@code static/items-live.js} keeps
 * the shown items' best prices current over the live socket ({@code items=true}).
 */
@WebServlet("/items")
public class ItemsPage extends HttpServlet {

  private static final long serialVersionUID = 1L;

  static final int PAGE_SIZE = 50;

  private static final List<String> FILTERS = List.of("q", "source", "appid", "quality", "sort");

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
    Map<String, Object> model = new HashMap<>(given);
    // The socket filters item updates by source and game, as the search does.
    StringBuilder live = new StringBuilder("items=true&listings=false");
    for (String name : List.of("source", "appid")) {
      if (given.get(name) != null) {
        live.append('&').append(name).append('=').append(encode(given.get(name)));
      }
    }
    model.put("liveQuery", live.toString());
    model.put("rows", List.of());
    model.put("keyPrice", null);
    model.put("total", 0L);
    model.put("page", 1);
    model.put("previous", null);
    model.put("next", null);
    ItemQuery query;
    try {
      Map<String, String> asked = new HashMap<>(given);
      asked.put("page", request.getParameter("page"));
      asked.put("limit", Integer.toString(PAGE_SIZE));
      query = ItemParameters.query(asked::get);
    } catch (InvalidListingParameterException e) {
      model.put("error", e.getMessage());
      pages.render(request, response, HttpServletResponse.SC_BAD_REQUEST, "items", model);
      return;
    }
    if (!market.built()) {
      model.put("error", "the market is still loading; try again in a few seconds");
      pages.render(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "items", model);
      return;
    }
    ItemPage found = market.model().items(query);
    KeyPrice key = market.model().keyPrice();
    model.put("keyPrice", key.ref().toPlainString());
    model.put("rows", found.items().stream().map(item -> new ItemRow(item, key)).toList());
    model.put("total", (long) found.total());
    model.put("page", query.page());
    String filters = query(given);
    String prefix = filters.isEmpty() ? "?" : "?" + filters + "&";
    model.put("previous", query.page() > 1 ? prefix + "page=" + (query.page() - 1) : null);
    model.put(
        "next",
        (long) query.page() * PAGE_SIZE < found.total()
            ? prefix + "page=" + (query.page() + 1)
            : null);
    pages.render(request, response, "items", model);
  }

  private static String query(Map<String, String> given) {
    StringBuilder query = new StringBuilder();
    for (String name : FILTERS) {
      String value = given.get(name);
      if (value != null) {
        if (query.length() > 0) {
          query.append('&');
        }
        query.append(name).append('=').append(encode(value));
      }
    }
    return query.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
