package org.tradewatch.web.page.deal;

import java.math.BigDecimal;
import java.time.Instant;
import org.tradewatch.core.deal.Deal;
import org.tradewatch.web.format.Prices;

/**
 * One deal as the page shows it: prices written as traders write them, in the deal's unit.
 * static/deals-live.js renders live rows with the same rules; a change here belongs there too.
 */
public final class DealView {

  private final Deal deal;

  public DealView(Deal deal) {
    this.deal = deal;
  }

  public String getSource() {
    return deal.listing().source().id();
  }

  public String getListingId() {
    return deal.listing().id();
  }

  public String getItemName() {
    return deal.item().displayName();
  }

  public String getItemKey() {
    return deal.item().id();
  }

  public String getReason() {
    return deal.reason().id();
  }

  /** What the price is measured against, in words. */
  public String getReasonText() {
    return switch (deal.reason()) {
      case BELOW_BEST_BUY -> "below the best buy";
      case UNDER_SUGGESTED -> "under suggested";
      case UNDER_MEDIAN -> "under 7-day median";
    };
  }

  public String getPrice() {
    return amount(deal.price());
  }

  /** The best buy, the suggested price or the 7-day median sell. */
  public String getReference() {
    return amount(deal.reference());
  }

  public String getProfit() {
    return amount(deal.profit());
  }

  public String getDiscount() {
    return deal.discountPercent().toPlainString() + "%";
  }

  public Instant getOpenedAt() {
    return deal.openedAt();
  }

  private String amount(BigDecimal value) {
    return Prices.amount(value, deal.unit());
  }
}
