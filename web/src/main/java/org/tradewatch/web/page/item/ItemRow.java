package org.tradewatch.web.page.item;

import java.math.BigDecimal;
import java.time.Instant;
import org.tradewatch.core.item.ItemSummary;
import org.tradewatch.core.item.KeyPrice;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.web.format.Prices;

/**
 * One item as the pages show it: its best prices written in its unit. static/items-live.js fills
 * rows from item.update with the same rules; a change here belongs there too.
 */
public final class ItemRow {

  private final ItemSummary item;
  private final KeyPrice keyPrice;

  /** {@code keyPrice}: the rate at which refined metal is written in keys and ref. */
  public ItemRow(ItemSummary item, KeyPrice keyPrice) {
    this.item = item;
    this.keyPrice = keyPrice;
  }

  public String getKey() {
    return item.key().id();
  }

  public String getName() {
    return item.key().displayName();
  }

  public String getSource() {
    return item.key().source().id();
  }

  public String getQuality() {
    return item.key().quality();
  }

  public String getUnit() {
    return item.valueUnit();
  }

  public String getBestBuy() {
    return amount(value(item.bestBuy()));
  }

  public String getBestSell() {
    return amount(value(item.bestSell()));
  }

  public String getBestBuyId() {
    return item.bestBuy() == null ? null : item.bestBuy().key().id();
  }

  public String getBestSellId() {
    return item.bestSell() == null ? null : item.bestSell().key().id();
  }

  /** In the unit alone: a spread is usually a fraction of a key, and reads best in metal. */
  public String getSpread() {
    return Prices.amount(item.spread(), item.valueUnit());
  }

  /** A crossed book: someone sells under what someone else buys for. */
  public boolean isCrossed() {
    return item.spread() != null && item.spread().signum() < 0;
  }

  public int getBuyCount() {
    return item.buyCount();
  }

  public int getSellCount() {
    return item.sellCount();
  }

  public String getSuggested() {
    return amount(item.suggested());
  }

  public Instant getLastChange() {
    return item.lastChange();
  }

  private static BigDecimal value(ListingState state) {
    return state == null ? null : state.value();
  }

  private String amount(BigDecimal value) {
    return Prices.amount(value, item.valueUnit(), keyPrice);
  }
}
