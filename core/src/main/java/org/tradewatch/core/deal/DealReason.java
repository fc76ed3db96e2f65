package org.tradewatch.core.deal;

/** Why a sell listing is a deal. */
public enum DealReason {
  /** Priced below the item's best buy order: bought, it can be resold at once for a profit. */
  BELOW_BEST_BUY("belowBestBuy"),

  /** Priced at least the rules' discount under the item's suggested price. */
  UNDER_SUGGESTED("underSuggested"),

  /**
   * Priced at least the rules' discount under the item's 7-day median sell: the median of the sell
   * prices the item's price history sampled in the 168 hours before the hour of its latest change
   * (see {@code PriceHistory}), in the source's usual unit. Chosen over {@link #UNDER_SUGGESTED}
   * when the item has no suggested price, or when the median is the higher reference (the larger
   * discount); a listing below the best buy is {@link #BELOW_BEST_BUY} first.
   */
  UNDER_MEDIAN("underMedian");

  private final String id;

  DealReason(String id) {
    this.id = id;
  }

  /** The name in JSON and on the pages. */
  public String id() {
    return id;
  }
}
