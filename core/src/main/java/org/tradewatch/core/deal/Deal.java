package org.tradewatch.core.deal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.ListingKey;

/**
 * A live sell listing that is a deal, with the figures that make it one. Prices are in {@code
 * unit}, the listing's price unit, which the best buy order (or the suggested price) shares.
 *
 * @param listing the sell listing
 * @param item its item
 * @param reason why it is a deal: {@link DealReason#BELOW_BEST_BUY} when both hold
 * @param unit the unit of the prices ({@code ref}, or a currency)
 * @param price the listing's price
 * @param bestBuy the best buy order's price, for a deal below it; else null
 * @param bestBuyListing the best buy order, for a deal below it; else null
 * @param suggested the item's suggested price, for a deal under it; else null
 * @param medianSell the item's 7-day median sell, for a deal under it ({@link
 *     DealReason#UNDER_MEDIAN}); else null
 * @param openedAt when the listing last became a deal: the time of the change that made it one (as
 *     Tradewatch applied it)
 */
public record Deal(
    ListingKey listing,
    ItemKey item,
    DealReason reason,
    String unit,
    BigDecimal price,
    BigDecimal bestBuy,
    ListingKey bestBuyListing,
    BigDecimal suggested,
    BigDecimal medianSell,
    Instant openedAt) {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** A deal below the best buy or under the suggested price, as before the median reason. */
  public Deal(
      ListingKey listing,
      ItemKey item,
      DealReason reason,
      String unit,
      BigDecimal price,
      BigDecimal bestBuy,
      ListingKey bestBuyListing,
      BigDecimal suggested,
      Instant openedAt) {
    this(listing, item, reason, unit, price, bestBuy, bestBuyListing, suggested, null, openedAt);
  }

  public Deal {
    Objects.requireNonNull(listing, "listing");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(openedAt, "openedAt");
    if (reason == DealReason.BELOW_BEST_BUY) {
      Objects.requireNonNull(bestBuy, "bestBuy");
      Objects.requireNonNull(bestBuyListing, "bestBuyListing");
      if (bestBuy.compareTo(price) <= 0) {
        throw new IllegalArgumentException("a deal below the best buy is priced below it");
      }
    } else if (reason == DealReason.UNDER_SUGGESTED) {
      Objects.requireNonNull(suggested, "suggested");
      if (suggested.compareTo(price) <= 0) {
        throw new IllegalArgumentException("a deal under the suggested price is priced under it");
      }
    } else {
      Objects.requireNonNull(medianSell, "medianSell");
      if (medianSell.compareTo(price) <= 0) {
        throw new IllegalArgumentException("a deal under the median sell is priced under it");
      }
    }
  }

  /** What the price is measured against: the best buy, the suggested price or the median sell. */
  public BigDecimal reference() {
    return switch (reason) {
      case BELOW_BEST_BUY -> bestBuy;
      case UNDER_SUGGESTED -> suggested;
      case UNDER_MEDIAN -> medianSell;
    };
  }

  /**
   * The reference less the price: what reselling at the best buy, at the suggestion or at the
   * median earns.
   */
  public BigDecimal profit() {
    return reference().subtract(price);
  }

  /** The profit as a percentage of the reference, to two decimals. */
  public BigDecimal discountPercent() {
    return profit().multiply(HUNDRED).divide(reference(), 2, RoundingMode.HALF_EVEN);
  }

  /** Whether the price is at least {@code percent} percent under the reference, exactly. */
  public boolean atLeastPercentUnder(BigDecimal percent) {
    return profit().multiply(HUNDRED).compareTo(percent.multiply(reference())) >= 0;
  }

  /** The same deal opened at another time. */
  public Deal openedAt(Instant at) {
    return new Deal(
        listing, item, reason, unit, price, bestBuy, bestBuyListing, suggested, medianSell, at);
  }

  /** Whether the other deal says the same as this one, whenever each opened. */
  public boolean sameFigures(Deal other) {
    return listing.equals(other.listing)
        && item.equals(other.item)
        && reason == other.reason
        && unit.equals(other.unit)
        && price.compareTo(other.price) == 0
        && same(bestBuy, other.bestBuy)
        && Objects.equals(bestBuyListing, other.bestBuyListing)
        && same(suggested, other.suggested)
        && same(medianSell, other.medianSell);
  }

  private static boolean same(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? a == b : a.compareTo(b) == 0;
  }
}
