package org.tradewatch.core.item;

import java.util.List;
import java.util.Objects;
import org.tradewatch.core.listing.Listing;

/**
 * One page of each side of an item's order book with the whole listings, as readers show it.
 *
 * @param summary the item's best prices and counts
 * @param buys buy orders, highest value first
 * @param sells sell listings, lowest value first
 * @param buysNext where the next page of buys starts, or null when this is the last
 * @param sellsNext where the next page of sells starts, or null when this is the last
 */
public record BookPage(
    ItemSummary summary,
    List<Listing> buys,
    List<Listing> sells,
    BookCursor buysNext,
    BookCursor sellsNext) {

  public BookPage {
    Objects.requireNonNull(summary, "summary");
    buys = List.copyOf(buys);
    sells = List.copyOf(sells);
  }
}
