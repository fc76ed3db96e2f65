package org.tradewatch.core.item;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One hour of an item's price history, from the listing events applied in it (see {@code
 * docs/api.md}, "Price history"): only events that left a listing live with a price in the item's
 * unit count.
 *
 * @param hour the start of the hour, UTC
 * @param bestBuy the highest price of a buy order in the hour's events, or null when none
 * @param bestSell the lowest price of a sell listing in the hour's events, or null when none
 * @param medianSell the median price of the hour's sell events, or null when none
 * @param buyEvents how many buy order events the hour had
 * @param sellEvents how many sell listing events the hour had
 */
public record HourlyPrice(
    Instant hour,
    BigDecimal bestBuy,
    BigDecimal bestSell,
    BigDecimal medianSell,
    int buyEvents,
    int sellEvents) {

  public HourlyPrice {
    Objects.requireNonNull(hour, "hour");
  }
}
