package org.tradewatch.web.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tradewatch.core.item.KeyPrice;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;

/**
 * Prices as traders write them, for the pages and the REST answers alike ({@code
 * static/listings-live.js} renders live rows with the same rules; a change here belongs there too).
 */
public final class Prices {

  /** What a missing price reads as. */
  public static final String NONE = "—";

  private Prices() {}

  /**
   * The price as traders read it: backpack.tf {@code 2 keys, 11.33 ref} (zero parts left out),
   * skinshark {@code $12.34}; {@link #NONE} when the listing has no price.
   */
  public static String priceText(ListingSnapshot snapshot) {
    if (snapshot.key().source() == Source.BPTF && !snapshot.currencies().isEmpty()) {
      return bptfPrice(snapshot.currencies());
    }
    return amount(snapshot.value(), snapshot.valueUnit());
  }

  /** backpack.tf currencies in the order traders say them: keys, then metal, then the rest. */
  static String bptfPrice(Map<String, BigDecimal> currencies) {
    List<String> parts = new ArrayList<>();
    BigDecimal keys = currencies.get("keys");
    if (keys != null && keys.signum() != 0) {
      String count = decimals(keys, RoundingMode.HALF_UP);
      parts.add(count + (count.equals("1") ? " key" : " keys"));
    }
    BigDecimal metal = currencies.get("metal");
    if (metal != null && metal.signum() != 0) {
      parts.add(ref(metal));
    }
    for (Map.Entry<String, BigDecimal> other : currencies.entrySet()) {
      String name = other.getKey();
      if (!name.equals("keys") && !name.equals("metal") && other.getValue().signum() != 0) {
        parts.add(amount(other.getValue(), name));
      }
    }
    return parts.isEmpty() ? "0 ref" : String.join(", ", parts);
  }

  /**
   * An amount in a unit: {@code ref} as refined metal, currency codes as money ({@code $12.34},
   * {@code €3.50}, {@code 12.00 PLN}), anything else as number and name; {@link #NONE} for none.
   */
  public static String amount(BigDecimal amount, String unit) {
    if (amount == null) {
      return NONE;
    }
    if (unit == null) {
      return decimals(amount, RoundingMode.HALF_UP);
    }
    String code = unit.strip().toUpperCase(Locale.ROOT);
    return switch (code) {
      case "REF", "METAL" -> ref(amount);
      case "USD" -> "$" + money(amount);
      case "EUR" -> "€" + money(amount);
      case "GBP" -> "£" + money(amount);
      default ->
          code.length() == 3 && code.chars().allMatch(Character::isLetter)
              ? money(amount) + " " + code
              : decimals(amount, RoundingMode.HALF_UP) + " " + unit;
    };
  }

  /**
   * An amount in a unit as {@link #amount(BigDecimal, String)} writes it, except that refined metal
   * of a key's price or more is written in keys and the rest in metal, as traders write prices
   * ({@code 2 keys, 11.33 ref}; {@code 1 key} when no metal is left), at the key price given.
   */
  public static String amount(BigDecimal amount, String unit, KeyPrice key) {
    if (amount == null
        || key == null
        || unit == null
        || !unit.strip().equalsIgnoreCase("ref")
        || amount.abs().compareTo(key.ref()) < 0) {
      return amount(amount, unit);
    }
    BigDecimal positive = amount.abs();
    BigDecimal keys = positive.divideToIntegralValue(key.ref());
    BigDecimal metal = positive.subtract(keys.multiply(key.ref()));
    String count = Numbers.grouped(keys.toBigInteger().toString());
    String text = count + (count.equals("1") ? " key" : " keys");
    if (metal.setScale(2, RoundingMode.DOWN).signum() != 0) {
      text += ", " + ref(metal);
    }
    return amount.signum() < 0 ? "-" + text : text;
  }

  /**
   * Refined metal with at most two decimals, cut rather than rounded: a scrap is 1/9 ref and
   * traders write 5 scrap as 0.55 and 8 scrap as 0.88, never 0.56 or 0.89.
   */
  static String ref(BigDecimal metal) {
    return decimals(metal, RoundingMode.DOWN) + " ref";
  }

  private static String money(BigDecimal amount) {
    return Numbers.grouped(amount.setScale(2, RoundingMode.HALF_UP).toPlainString());
  }

  /** At most two decimals, trailing zeros dropped, thousands separated, never in exponent form. */
  private static String decimals(BigDecimal amount, RoundingMode rounding) {
    BigDecimal scaled = amount.setScale(2, rounding).stripTrailingZeros();
    return Numbers.grouped((scaled.signum() == 0 ? BigDecimal.ZERO : scaled).toPlainString());
  }
}
