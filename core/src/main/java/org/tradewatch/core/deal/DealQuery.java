package org.tradewatch.core.deal;

import java.math.BigDecimal;
import java.util.Objects;
import org.tradewatch.core.listing.Source;

/**
 * A search of open deals, newest first: filters and a page. The live socket uses the filters alone.
 *
 * @param source only this source's deals, or null; required with {@code minProfit}, whose amount is
 *     in one unit only within a source
 * @param appid only this game's deals, or null
 * @param minProfit only deals earning at least this much (in the deal's unit), or null
 * @param minDiscount only deals at least this many percent under their reference (best buy or
 *     suggested price), or null
 * @param page the page, from 1
 * @param limit deals per page, 1 to {@link #MAX_LIMIT}
 */
public record DealQuery(
    Source source,
    Integer appid,
    BigDecimal minProfit,
    BigDecimal minDiscount,
    int page,
    int limit) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  /** Every open deal, the first page. */
  public static final DealQuery ALL = new DealQuery(null, null, null, null, 1, DEFAULT_LIMIT);

  public DealQuery {
    if (minProfit != null && source == null) {
      throw new IllegalArgumentException(
          "minProfit compares prices, which share a unit only within a source");
    }
    if (page < 1) {
      throw new IllegalArgumentException("page must be 1 or more, was " + page);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** Whether the deal passes the filters. */
  public boolean matches(Deal deal) {
    Objects.requireNonNull(deal, "deal");
    return (source == null || deal.listing().source() == source)
        && (appid == null || appid.equals(deal.item().appid()))
        && (minProfit == null || deal.profit().compareTo(minProfit) >= 0)
        && (minDiscount == null || deal.atLeastPercentUnder(minDiscount));
  }
}
