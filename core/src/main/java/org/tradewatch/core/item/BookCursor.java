package org.tradewatch.core.item;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Where a page of one side of an order book ended: the last entry's value and listing id. The next
 * page starts after that place in the side's order, wherever the listing itself has gone since.
 * Written {@code <value>/<listing id>} ({@code none} for a listing without a value).
 *
 * @param value the last entry's value, or null when it had none
 * @param listingId the last entry's upstream listing id
 */
public record BookCursor(BigDecimal value, String listingId) {

  public BookCursor {
    Objects.requireNonNull(listingId, "listingId");
    if (listingId.isEmpty()) {
      throw new IllegalArgumentException("a cursor's listing id must not be empty");
    }
  }

  /**
   * Reads a cursor written by {@link #toString()}.
   *
   * @throws IllegalArgumentException when the text is not one
   */
  public static BookCursor parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException("expected <value>/<listing id>");
    }
    String value = text.substring(0, slash);
    BigDecimal parsed = null;
    if (!value.equals("none")) {
      try {
        parsed = new BigDecimal(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("the value before / is not a number");
      }
    }
    return new BookCursor(parsed, text.substring(slash + 1));
  }

  @Override
  public String toString() {
    return (value == null ? "none" : value.toPlainString()) + "/" + listingId;
  }
}
