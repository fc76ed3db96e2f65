package org.tradewatch.core.watch;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The price a watched listing must be at or under ({@link Kind#AT_MOST}, a buyer's bound) or at or
 * over ({@link Kind#AT_LEAST}, a seller's), in the unit of its source's listing values: refined
 * metal for backpack.tf, US dollars for skinshark.
 *
 * @param kind which side of {@code value} admits a price
 * @param value the bound itself, admitted; not negative
 */
public record PriceBound(Kind kind, BigDecimal value) {

  /** Which prices a bound admits. */
  public enum Kind {
    AT_MOST("atMost"),
    AT_LEAST("atLeast");

    private final String field;

    Kind(String field) {
      this.field = field;
    }

    /** The JSON field that carries a bound of this kind ({@code atMost}, {@code atLeast}). */
    public String field() {
      return field;
    }
  }

  public PriceBound {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (value.signum() < 0) {
      throw new IllegalArgumentException("a price bound is not negative, was " + value);
    }
    // Compared by value only, so 5 and 5.00 are one bound (equals and hashCode follow).
    value = value.stripTrailingZeros();
    if (value.scale() < 0) {
      value = value.setScale(0);
    }
  }

  public static PriceBound atMost(BigDecimal value) {
    return new PriceBound(Kind.AT_MOST, value);
  }

  public static PriceBound atLeast(BigDecimal value) {
    return new PriceBound(Kind.AT_LEAST, value);
  }

  /** Whether {@code price} is on the admitted side of the bound; a listing without one is not. */
  public boolean admits(BigDecimal price) {
    if (price == null) {
      return false;
    }
    int compared = price.compareTo(value);
    return kind == Kind.AT_MOST ? compared <= 0 : compared >= 0;
  }
}
