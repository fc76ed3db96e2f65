package org.tradewatch.core.listing;

import java.util.List;

/**
 * One page of a listing search.
 *
 * @param items the listings on this page, in the query's order
 * @param total how many listings match the query across all pages
 * @param page the page number, from 1
 * @param limit the page size asked for
 */
public record ListingPage(List<Listing> items, long total, int page, int limit) {

  public ListingPage {
    items = List.copyOf(items);
  }
}
