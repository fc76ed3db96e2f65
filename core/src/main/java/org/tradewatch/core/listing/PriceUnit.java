package org.tradewatch.core.listing;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Objects;

/**
 * The unit a listing's price is written in, as far as prices are compared with one another (deals
 * compare a sell listing with buy orders and a suggested price): two prices compare only when their
 * units are equal.
 *
 * <p>On backpack.tf, {@code value.raw} converts every price to refined metal, but a price in
 * dollars converted to metal is not one a trader can pay or be paid in metal: only prices in keys
 * and metal are {@value #REF}, and the rest have no unit (they compare with nothing). Skinshark
 * prices are in the listing's own currency.
 */
public final class PriceUnit {

  /** Keys and metal, counted in refined metal ({@code value.raw}, {@code suggested.raw}). */
  public static final String REF = "ref";

  /** Skinshark's usual currency, assumed where a skinshark state names none. */
  public static final String USD = "USD";

  private PriceUnit() {}

  /**
   * The unit of a listing's price, or null when it has no price or one in no unit that compares.
   *
   * @param currencies the names of the currencies upstream wrote the price in
   * @param value the listing's value, null when it has none
   * @param valueUnit the unit of the value as the decoder gave it (skinshark's currency)
   */
  public static String of(
      Source source, Collection<String> currencies, BigDecimal value, String valueUnit) {
    Objects.requireNonNull(source, "source");
    if (value == null) {
      return null;
    }
    return switch (source) {
      case BPTF -> inKeysAndMetal(currencies) ? REF : null;
      case SKINSHARK -> valueUnit;
    };
  }

  /**
   * The unit of a price whose currencies are not known: the source's usual one (keys and metal on
   * backpack.tf, US dollars on skinshark), or null without a value.
   */
  public static String usual(Source source, BigDecimal value) {
    Objects.requireNonNull(source, "source");
    if (value == null) {
      return null;
    }
    return source == Source.BPTF ? REF : USD;
  }

  /**
   * The unit of upstream's suggested price for an item of the source: backpack.tf's {@code
   * item.price.suggested.raw} is in refined metal; skinshark suggests none.
   */
  public static String ofSuggested(Source source) {
    Objects.requireNonNull(source, "source");
    return source == Source.BPTF ? REF : null;
  }

  private static boolean inKeysAndMetal(Collection<String> currencies) {
    if (currencies == null || currencies.isEmpty()) {
      return false;
    }
    for (String currency : currencies) {
      if (!"keys".equals(currency) && !"metal".equals(currency)) {
        return false;
      }
    }
    return true;
  }
}
