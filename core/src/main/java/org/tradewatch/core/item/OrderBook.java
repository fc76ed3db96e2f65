package org.tradewatch.core.item;

import java.util.List;
import java.util.Objects;
import org.tradewatch.core.listing.ListingState;

/**
 * One page of each side of an item's order book, as the market model holds it.
 *
 * @param summary the item's best prices and counts
 * @param buys live buy orders, highest value first (ties by listing id; no value last)
 * @param sells live sell listings, lowest value first (ties by listing id; no value last)
 * @param buysNext where the next page of buys starts, or null when this is the last
 * @param sellsNext where the next page of sells starts, or null when this is the last
 */
public record OrderBook(
    ItemSummary summary,
    List<ListingState> buys,
    List<ListingState> sells,
    BookCursor buysNext,
    BookCursor sellsNext) {

  public OrderBook {
    Objects.requireNonNull(summary, "summary");
    buys = List.copyOf(buys);
    sells = List.copyOf(sells);
  }
}
