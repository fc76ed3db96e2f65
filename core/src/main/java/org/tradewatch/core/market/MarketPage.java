package org.tradewatch.core.market;

import java.util.List;
import org.tradewatch.core.listing.ListingState;

/**
 * One page of a {@link MarketModel#search}.
 *
 * @param rows the page's listings, in the query's order
 * @param total how many listings match the query across all pages, exactly
 */
public record MarketPage(List<ListingState> rows, long total) {

  public MarketPage {
    rows = List.copyOf(rows);
  }
}
