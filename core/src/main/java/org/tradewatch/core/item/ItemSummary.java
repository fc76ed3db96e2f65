package org.tradewatch.core.item;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;

/**
 * An item's market at one moment.
 *
 * @param key the item
 * @param bestBuy the live buy order with the highest value, or null when there is none with a value
 * @param bestSell the live sell listing with the lowest value, or null likewise
 * @param buyCount live buy orders of the item
 * @param sellCount live sell listings of the item
 * @param suggested upstream's suggested price, from the newest of the item's events that carried
 *     one, or null
 * @param lastChange when the newest event that changed the item's listings was applied
 */
public record ItemSummary(
    ItemKey key,
    ListingState bestBuy,
    ListingState bestSell,
    int buyCount,
    int sellCount,
    BigDecimal suggested,
    Instant lastChange) {

  public ItemSummary {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastChange, "lastChange");
  }

  /** Best sell minus best buy: negative when the book is crossed; null without both. */
  public BigDecimal spread() {
    return bestBuy == null || bestSell == null ? null : bestSell.value().subtract(bestBuy.value());
  }

  /**
   * The unit of the item's values: refined metal on backpack.tf ({@code value.raw}); skinshark's
   * market prices in US dollars.
   */
  public String valueUnit() {
    return key.source() == Source.BPTF ? "ref" : "USD";
  }
}
