package org.tradewatch.core.item;

import java.util.List;

/**
 * One page of an item search.
 *
 * @param items the page's items, in the query's order
 * @param total how many items match across all pages
 */
public record ItemPage(List<ItemSummary> items, long total) {

  public ItemPage {
    items = List.copyOf(items);
  }
}
