package org.tradewatch.core.market;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Listing values, exactly as given and comparable fast.
 *
 * <p>Each slot keeps the value's {@code double} (NaN when there is none) and, for reading it back
 * exactly, its unscaled long and its scale; a value whose unscaled number needs more than 63 bits
 * or whose scale does not fit a byte goes whole into a side map (none of upstream's do).
 *
 * <p>Comparisons go by the doubles first. {@link BigDecimal#doubleValue()} rounds correctly, and a
 * correctly rounded conversion never reverses an order: if one decimal is less than another, its
 * double is less or equal. So unequal doubles order their decimals exactly, and only equal doubles
 * (the same price written twice, or decimals closer than a double tells apart) are compared
 * exactly, without allocating when their unscaled longs can be brought to one scale.
 */
final class ValueColumn {

  private static final byte NONE = Byte.MIN_VALUE;
  private static final byte OUTLIER = Byte.MIN_VALUE + 1;

  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private final DoubleColumn approx = new DoubleColumn();
  private final LongColumn unscaled = new LongColumn();
  private final ByteColumn scale = new ByteColumn();
  private final Map<Integer, BigDecimal> outliers = new HashMap<>();

  void ensure(int slots) {
    approx.ensure(slots);
    unscaled.ensure(slots);
    scale.ensure(slots);
  }

  void set(int slot, BigDecimal value) {
    if (scale.get(slot) == OUTLIER) {
      outliers.remove(slot);
    }
    if (value == null) {
      approx.set(slot, Double.NaN);
      scale.set(slot, NONE);
      unscaled.set(slot, 0);
      return;
    }
    approx.set(slot, value.doubleValue());
    if (value.scale() > OUTLIER
        && value.scale() <= Byte.MAX_VALUE
        && value.unscaledValue().bitLength() < 64) {
      unscaled.set(slot, value.unscaledValue().longValue());
      scale.set(slot, (byte) value.scale());
    } else {
      unscaled.set(slot, 0);
      scale.set(slot, OUTLIER);
      outliers.put(slot, value);
    }
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
    return BigDecimal.valueOf(unscaled.get(slot), s);
  }

  /** The value as a double, NaN when there is none: equal for equal values, ordered as they are. */
  double approx(int slot) {
    return approx.get(slot);
  }

  boolean isNull(int slot) {
    return scale.get(slot) == NONE;
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
      int exact = compareDecimals(unscaled.get(a), sa, unscaled.get(b), sb);
      if (exact != Integer.MIN_VALUE) {
        return exact;
      }
    }
    return get(a).compareTo(get(b));
  }

  /**
   * Orders a slot's value (which must not be missing) against a bound, exactly; {@code boundApprox}
   * is the bound's {@link BigDecimal#doubleValue()}.
   */
  int compareTo(int slot, BigDecimal bound, double boundApprox) {
    double x = approx.get(slot);
    if (x < boundApprox) {
      return -1;
    }
    if (x > boundApprox) {
      return 1;
    }
    byte s = scale.get(slot);
    if (s != OUTLIER && bound.scale() > OUTLIER && bound.scale() <= Byte.MAX_VALUE) {
      if (bound.unscaledValue().bitLength() < 64) {
        int exact =
            compareDecimals(
                unscaled.get(slot), s, bound.unscaledValue().longValue(), bound.scale());
        if (exact != Integer.MIN_VALUE) {
          return exact;
        }
      }
    }
    return get(slot).compareTo(bound);
  }

  /** Whether the slot holds exactly {@code value} (both may be missing), ignoring scale. */
  boolean sameValue(int slot, BigDecimal value) {
    if (value == null || isNull(slot)) {
      return value == null && isNull(slot);
    }
    return compareTo(slot, value, value.doubleValue()) == 0;
  }

  /**
   * Compares {@code ua * 10^-sa} with {@code ub * 10^-sb}, or returns {@link Integer#MIN_VALUE}
   * when bringing them to one scale would overflow a long.
   */
  static int compareDecimals(long ua, int sa, long ub, int sb) {
    if (sa == sb) {
      return Long.compare(ua, ub);
    }
    if (sa < sb) {
      long scaled = scaleUp(ua, sb - sa);
      return scaled == Long.MIN_VALUE ? Integer.MIN_VALUE : Long.compare(scaled, ub);
    }
    long scaled = scaleUp(ub, sa - sb);
    return scaled == Long.MIN_VALUE ? Integer.MIN_VALUE : Long.compare(ua, scaled);
  }

  /** {@code value * 10^digits}, or {@link Long#MIN_VALUE} if that overflows. */
  private static long scaleUp(long value, int digits) {
    if (digits >= POW10.length) {
      return value == 0 ? 0 : Long.MIN_VALUE;
    }
    long factor = POW10[digits];
    long limit = Long.MAX_VALUE / factor;
    if (value > limit || value < -limit) {
      return Long.MIN_VALUE;
    }
    return value * factor;
  }

  long bytes() {
    return approx.bytes() + unscaled.bytes() + scale.bytes() + outliers.size() * 120L;
  }
}
