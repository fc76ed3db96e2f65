package org.tradewatch.core.deal;

/** Why a sell listing is a deal. */
public enum DealReason {
  /** Priced below the item's best buy order: bought, it can be resold at once for a profit. */
  BELOW_BEST_BUY("belowBestBuy"),

  /** Priced at least the rules' discount under the item's suggested price. */
  UNDER_SUGGESTED("underSuggested");

  private final String id;

  DealReason(String id) {
    this.id = id;
  }

  /** The name in JSON and on the pages. */
  public String id() {
    return id;
  }
}
