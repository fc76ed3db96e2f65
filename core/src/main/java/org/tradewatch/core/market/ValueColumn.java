package org.tradewatch.core.market;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Listing values, exactly as given, in nine bytes a slot: the value's {@code double} (NaN when
 * there is none) and its scale.
 *
 * <p>Why a double is enough. {@link BigDecimal#doubleValue()} rounds correctly, and correct
 * rounding never reverses an order: if one decimal is less than another, its double is less or
 * equal. So unequal doubles order their decimals exactly. And two different decimals of at most 15
 * significant digits never share a double (a double carries 15.95 decimal digits), so for those
 * equal doubles mean equal values, and the double with the scale gives the decimal back ({@link
 * #decode}). Upstream's prices (cents, hundredths of refined metal, a NUMERIC(38,12) column read
 * back) all have at most 15 significant digits once trailing zeros are left out. A value that does
 * not goes whole into a side map, and comparisons involving it are made exactly.
 */
final class ValueColumn {

  private static final byte NONE = Byte.MIN_VALUE;
  private static final byte OUTLIER = Byte.MIN_VALUE + 1;

  /** Significant digits that a double always tells apart. */
  private static final int DIGITS = 15;

  private static final double[] POW10 = new double[DIGITS + 1];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private final DoubleColumn approx = new DoubleColumn();
  private final ByteColumn scale = new ByteColumn();
  private final Map<Integer, BigDecimal> outliers = new HashMap<>();

  void ensure(int slots) {
    approx.ensure(slots);
    scale.ensure(slots);
  }

  void set(int slot, BigDecimal value) {
    double d = value == null ? Double.NaN : value.doubleValue();
    set(slot, value, d, code(value, d));
  }

  /** Sets a value encoded beforehand by {@link #code}; {@code approx} is its double. */
  void set(int slot, BigDecimal value, double approx, byte code) {
    if (scale.get(slot) == OUTLIER) {
      outliers.remove(slot);
    }
    this.approx.set(slot, approx);
    scale.set(slot, code);
    if (code == OUTLIER) {
      outliers.put(slot, value);
    }
  }

  /**
   * How a value is kept: its scale when its double gives it back, else a mark for the side map (or
   * for no value). {@code d} is the value's double.
   */
  static byte code(BigDecimal value, double d) {
    if (value == null) {
      return NONE;
    }
    return isPlain(value, d) ? (byte) value.scale() : OUTLIER;
  }

  /** Whether a value coded by {@link #code} compares by its double alone. */
  static boolean isPlainCode(byte code) {
    return code != NONE && code != OUTLIER;
  }

  /** Whether {@code value} comes back from its double {@code d} and its scale, exactly. */
  static boolean isPlain(BigDecimal value, double d) {
    return value.scale() > OUTLIER
        && value.scale() <= Byte.MAX_VALUE
        && value.equals(decode(d, value.scale()));
  }

  /**
   * The decimal of at most 15 significant digits whose double is {@code d}, at {@code scale}; null
   * if there is none. Tries 0, 1, 2... places: the first whose rounding of {@code d} gives back
   * {@code d} is the one (a decimal with fewer places than the value has cannot share its double).
   * Rounding {@code d * 10^k} recovers the digits exactly while they are fewer than 10^15, as the
   * product's relative error of about 2^-52 is then below a half.
   */
  static BigDecimal decode(double d, int scale) {
    if (scale > 0 && scale <= DIGITS) {
      // The common case first: the value at its own scale, found in one rounding. It is the one
      // the loop below finds (a decimal of at most 15 digits is the only one with its double).
      double scaled = d * POW10[scale];
      if (Math.abs(scaled) < POW10[DIGITS]) {
        BigDecimal candidate = BigDecimal.valueOf(Math.round(scaled), scale);
        if (candidate.doubleValue() == d) {
          return candidate;
        }
      }
    }
    int maxPlaces = Math.min(Math.max(scale, 0), DIGITS);
    for (int places = 0; places <= maxPlaces; places++) {
      double scaled = d * POW10[places];
      if (!(Math.abs(scaled) < POW10[DIGITS])) {
        return null;
      }
      BigDecimal candidate = BigDecimal.valueOf(Math.round(scaled), places);
      if (candidate.doubleValue() == d) {
        try {
          return candidate.setScale(scale);
        } catch (ArithmeticException notAtThatScale) {
          return null;
        }
      }
    }
    return null;
  }

  /** The value exactly as it was set, or null. */
  BigDecimal get(int slot) {
    byte s = scale.get(slot);
    if (s == NONE) {
      return null;
    }
    if (s == OUTLIER) {
      return outliers.get(slot);
    }
    return decode(approx.get(slot), s);
  }

  /** The value as a double, NaN when there is none: ordered as the values are. */
  double approx(int slot) {
    return approx.get(slot);
  }

  /**
   * How the slot's value is kept ({@link #code}): equal plain codes and doubles are equal values.
   */
  byte code(int slot) {
    return scale.get(slot);
  }

  boolean isNull(int slot) {
    return scale.get(slot) == NONE;
  }

  /**
   * A 32-bit digest of the value that never contradicts its order, missing values last: the bits of
   * its float (rounding to a float keeps the order too), made to sort as signed ints.
   */
  int primary(int slot) {
    return primaryOf(approx.get(slot));
  }

  /** The primary of a value by its double (NaN for none). */
  static int primaryOf(double d) {
    if (Double.isNaN(d)) {
      return Integer.MAX_VALUE;
    }
    int bits = Float.floatToIntBits((float) d);
    return bits < 0 ? bits ^ Integer.MAX_VALUE : bits;
  }

  /** Orders two slots' values exactly, a missing value after every value. */
  int compare(int a, int b) {
    double x = approx.get(a);
    double y = approx.get(b);
    if (x < y) {
      return -1;
    }
    if (x > y) {
      return 1;
    }
    byte sa = scale.get(a);
    byte sb = scale.get(b);
    if (sa == NONE || sb == NONE) {
      return sa == sb ? 0 : sa == NONE ? 1 : -1;
    }
    if (sa != OUTLIER && sb != OUTLIER) {
      return 0;
    }
    return get(a).compareTo(get(b));
  }

  /**
   * A bound of a value range, with what comparing against it fast needs.
   *
   * @param value the bound
   * @param approx its double
   * @param plain whether it is one of the decimals a double tells apart (see {@link #isPlain})
   */
  record Bound(BigDecimal value, double approx, boolean plain) {
    static Bound of(BigDecimal value) {
      if (value == null) {
        return null;
      }
      double d = value.doubleValue();
      return new Bound(value, d, isPlain(value, d));
    }
  }

  /** Orders a slot's value (which must not be missing) against a bound, exactly. */
  int compareTo(int slot, Bound bound) {
    double x = approx.get(slot);
    if (x < bound.approx()) {
      return -1;
    }
    if (x > bound.approx()) {
      return 1;
    }
    if (bound.plain() && scale.get(slot) != OUTLIER) {
      return 0;
    }
    return get(slot).compareTo(bound.value());
  }

  long bytes() {
    return approx.bytes() + scale.bytes() + outliers.size() * 120L;
  }
}
