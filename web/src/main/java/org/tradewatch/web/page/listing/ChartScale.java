package org.tradewatch.web.page.listing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;

/**
 * The unit a listing's price chart is drawn in: the one its price is written in. A backpack.tf
 * listing priced in keys is charted in keys (a 1,628-key listing reads 1,628, not 95,776 ref); its
 * history holds values in refined metal, converted at the key price its own price implies (its
 * value less its metal, per key). Anything else is charted in its value's own unit.
 *
 * @param unit the chart's unit ({@code keys}, {@code ref}, {@code USD} ...), or null
 * @param valueUnit the unit the history's values are in, or null
 * @param perUnit how many of {@code valueUnit} make one chart unit (1 when they are the same)
 */
public record ChartScale(String unit, String valueUnit, BigDecimal perUnit) {

  static ChartScale of(ListingSnapshot snapshot) {
    BigDecimal keys = snapshot.currencies().get("keys");
    BigDecimal value = snapshot.value();
    if (snapshot.key().source() == Source.BPTF
        && keys != null
        && keys.signum() > 0
        && value != null
        && "ref".equalsIgnoreCase(snapshot.valueUnit())) {
      BigDecimal metal = snapshot.currencies().getOrDefault("metal", BigDecimal.ZERO);
      BigDecimal keyPrice = value.subtract(metal).divide(keys, MathContext.DECIMAL64);
      if (keyPrice.signum() > 0) {
        return new ChartScale("keys", snapshot.valueUnit(), keyPrice);
      }
    }
    return new ChartScale(snapshot.valueUnit(), snapshot.valueUnit(), BigDecimal.ONE);
  }

  /**
   * {@code value} in the chart's unit, to two decimals; null for none, or for a value in another
   * unit than {@code valueUnit} (it cannot be placed on the same axis).
   */
  BigDecimal scale(BigDecimal value, String unit) {
    boolean same = unit == null ? valueUnit == null : unit.equalsIgnoreCase(valueUnit);
    if (value == null || !same) {
      return null;
    }
    return value.divide(perUnit, 2, RoundingMode.HALF_UP).stripTrailingZeros();
  }
}
