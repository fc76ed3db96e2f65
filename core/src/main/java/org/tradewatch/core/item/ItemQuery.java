package org.tradewatch.core.item;

import java.util.Objects;
import org.tradewatch.core.listing.Source;

/**
 * A search of items: filters, an order and a page. Only items with live buy or sell listings are
 * found.
 *
 * @param q a part of the display name, ignoring case, or null
 * @param source only this source's items, or null; required by orders that compare prices
 * @param appid only this game's items, or null
 * @param quality only items of this quality name (ignoring case), or null
 * @param sort the order
 * @param page the page, from 1
 * @param limit items per page, 1 to {@link #MAX_LIMIT}
 */
public record ItemQuery(
    String q, Source source, Integer appid, String quality, ItemSort sort, int page, int limit) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public ItemQuery {
    Objects.requireNonNull(sort, "sort");
    if (sort.comparesPrices() && source == null) {
      throw new IllegalArgumentException(
          "sort=" + sort.id() + " compares prices, which share a unit only within a source");
    }
    if (page < 1) {
      throw new IllegalArgumentException("page must be 1 or more, was " + page);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
    q = q == null || q.isBlank() ? null : q.trim();
    quality = quality == null || quality.isBlank() ? null : quality.trim();
  }
}
