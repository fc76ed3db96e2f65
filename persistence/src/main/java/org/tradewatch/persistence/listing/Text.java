package org.tradewatch.persistence.listing;

import java.math.BigDecimal;

/** Small conversions between domain values and what fits in the columns. */
final class Text {

  private Text() {}

  /**
   * {@code text} cut to at most {@code max} chars, never between the two halves of a surrogate pair
   * (an emoji cut in half would be stored as an unpaired surrogate).
   */
  static String fit(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }

  /**
   * A decimal read from a fixed-scale column without the padding zeros the column added, so 1.33
   * stored reads back as 1.33 and not 1.330000000000.
   */
  static BigDecimal plain(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
