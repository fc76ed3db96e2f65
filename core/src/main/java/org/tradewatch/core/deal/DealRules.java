package org.tradewatch.core.deal;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What makes a sell listing a deal besides a best buy above its price: being at least {@code
 * minDiscount} percent under its item's suggested price.
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
    return suggested.multiply(HUNDRED.subtract(minDiscount)).movePointLeft(2);
  }
}
