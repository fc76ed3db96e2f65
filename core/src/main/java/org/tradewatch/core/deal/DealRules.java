package org.tradewatch.core.deal;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What makes a sell listing a deal besides a best buy above its price: being at least {@code
 * minDiscount} percent under its item's suggested price or under its 7-day median sell ({@link
 * #underReference}).
 *
 * @param minDiscount percent, more than 0 and less than 100
 */
public record DealRules(BigDecimal minDiscount) {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public static final BigDecimal DEFAULT_MIN_DISCOUNT = BigDecimal.TEN;

  public static final DealRules DEFAULT = new DealRules(DEFAULT_MIN_DISCOUNT);

  public DealRules {
    Objects.requireNonNull(minDiscount, "minDiscount");
    if (minDiscount.signum() <= 0 || minDiscount.compareTo(HUNDRED) >= 0) {
      throw new IllegalArgumentException(
          "minDiscount must be more than 0 and less than 100 percent, was "
              + minDiscount.toPlainString());
    }
  }

  /** The highest price that is a deal against {@code suggested}: that many percent under it. */
  public BigDecimal underSuggestedBound(BigDecimal suggested) {
    return underBound(suggested);
  }

  /** The highest price that is a deal against a reference: {@code minDiscount} percent under it. */
  public BigDecimal underBound(BigDecimal reference) {
    return reference.multiply(HUNDRED.subtract(minDiscount)).movePointLeft(2);
  }

  /**
   * Why a sell priced {@code price} (in the references' unit) is a deal against the item's
   * suggested price and its 7-day median sell, either of which may be null (none, or not in the
   * price's unit): {@link DealReason#UNDER_SUGGESTED} or {@link DealReason#UNDER_MEDIAN} when it is
   * at least {@code minDiscount} percent under that reference, else null. When it is under both,
   * the higher reference wins, as it gives the larger discount; on a tie, the suggested price
   * (upstream's own figure). A positive reference only: a reference of zero or less makes no deal.
   * The best buy is not this rule's: a sell below it is {@link DealReason#BELOW_BEST_BUY} first.
   */
  public DealReason underReference(BigDecimal price, BigDecimal suggested, BigDecimal medianSell) {
    Objects.requireNonNull(price, "price");
    boolean underSuggested =
        suggested != null && suggested.signum() > 0 && price.compareTo(underBound(suggested)) <= 0;
    boolean underMedian =
        medianSell != null
            && medianSell.signum() > 0
            && price.compareTo(underBound(medianSell)) <= 0;
    if (underSuggested && underMedian) {
      return medianSell.compareTo(suggested) > 0
          ? DealReason.UNDER_MEDIAN
          : DealReason.UNDER_SUGGESTED;
    }
    return underSuggested
        ? DealReason.UNDER_SUGGESTED
        : underMedian ? DealReason.UNDER_MEDIAN : null;
  }
}
