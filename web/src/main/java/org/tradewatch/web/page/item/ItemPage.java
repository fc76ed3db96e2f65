package org.tradewatch.web.page.item;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tradewatch.core.item.BookPage;
import org.tradewatch.core.item.HourlyPrice;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.item.KeyPrice;
import org.tradewatch.core.listing.ListingRecords;
import org.tradewatch.core.market.MarketItems;
import org.tradewatch.web.market.Market;
import org.tradewatch.web.page.Pages;
import org.tradewatch.web.page.listing.ListingView;

/**
 * {@code /items/{key}}: one item's buy orders and sell listings side by side (the best {@value
 * #BOOK_SIZE} of each), its best prices and its price history per hour (a table, and a chart drawn
 * from it by {@code static/item-chart.js}). {@code static/item-live.js} follows the item over the
 * live socket ({@code item=}) and highlights what changes; without JavaScript the page is whole.
 */
@WebServlet("/items/*")
public class ItemPage extends HttpServlet {

  private static final long serialVersionUID = 1L;

  static final int BOOK_SIZE = 50;

  @Inject transient Pages pages;
  @Inject transient Market market;
  @Inject transient ListingRecords records;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<ItemKey> key = key(request.getPathInfo());
    if (key.isEmpty()) {
      notFound(request, response);
      return;
    }
    if (!market.built()) {
      pages.error(
          request,
          response,
          HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          "The market is still loading; try again in a few seconds.");
      return;
    }
    Optional<BookPage> book =
        new MarketItems(market.model(), records).book(key.get(), BOOK_SIZE, null, null);
    if (book.isEmpty()) {
      notFound(request, response);
      return;
    }
    KeyPrice keyPrice = market.model().keyPrice();
    ItemRow item = new ItemRow(book.get().summary(), keyPrice);
    Instant now = Clock.systemUTC().instant();
    List<HourRow> hours = new ArrayList<>();
    for (HourlyPrice hour : market.model().priceHistory(key.get(), now)) {
      hours.add(new HourRow(hour, item.getUnit(), keyPrice));
    }
    // Newest first in the table, as the listing page's events; the chart sorts its points.
    java.util.Collections.reverse(hours);
    Map<String, Object> model = new HashMap<>();
    model.put("item", item);
    model.put("keyPrice", keyPrice.ref().toPlainString());
    model.put("buys", book.get().buys().stream().map(ListingView::new).toList());
    model.put("sells", book.get().sells().stream().map(ListingView::new).toList());
    model.put("moreBuys", book.get().buysNext() != null);
    model.put("moreSells", book.get().sellsNext() != null);
    model.put("history", hours);
    model.put("liveQuery", "item=" + key.get().id());
    pages.render(request, response, "item", model);
  }

  private void notFound(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    pages.error(
        request,
        response,
        HttpServletResponse.SC_NOT_FOUND,
        "There is no item at this address: no listing of it was ever seen, or the address is"
            + " mistyped.");
  }

  /** {@code /bptf.440.Team_Captain} as a key; empty for anything else. */
  static Optional<ItemKey> key(String pathInfo) {
    if (pathInfo == null || pathInfo.length() < 2 || pathInfo.indexOf('/', 1) >= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(ItemKey.parse(pathInfo.substring(1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
