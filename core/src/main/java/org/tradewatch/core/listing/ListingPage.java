package org.tradewatch.core.listing;

import java.util.List;

/**
 * One page of a listing search.
 *
 * @param items the listings on this page, in the query's order
 * @param total how many listings match the query across all pages when {@code totalExact};
 *     otherwise more than this many do (a store may stop counting a large result, as counting a
 *     million matches costs more than finding a page of them)
 * @param page the page number, from 1
 * @param limit the page size asked for
 * @param totalExact whether {@code total} is the exact count
 */
public record ListingPage(
    List<Listing> items, long total, int page, int limit, boolean totalExact) {

  public ListingPage {
    items = List.copyOf(items);
  }

  /** A page whose total is exact. */
  public ListingPage(List<Listing> items, long total, int page, int limit) {
    this(items, total, page, limit, true);
  }
}
