package org.tradewatch.core.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Values come back exactly and compare as BigDecimal does, with or without the side map. */
class ValueColumnTest {

  private final ValueColumn column = new ValueColumn();

  private void set(List<BigDecimal> values) {
    column.ensure(values.size());
    for (int slot = 0; slot < values.size(); slot++) {
      column.set(slot, values.get(slot));
    }
  }

  @Test
  void everyDecimalOfAtMostFifteenDigitsIsPlainAndComesBackExactly() {
    SplittableRandom random = new SplittableRandom(3);
    List<BigDecimal> values = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      int digits = 1 + random.nextInt(15);
      long unscaled = random.nextLong((long) Math.pow(10, digits));
      int scale = random.nextInt(Math.min(digits, 12) + 1);
      BigDecimal value = BigDecimal.valueOf(unscaled, scale);
      // As a NUMERIC(38,12) column gives it back: trailing zeros up to twelve places.
      BigDecimal stored = random.nextBoolean() ? value.setScale(12) : value;
      assertTrue(ValueColumn.isPlain(stored, stored.doubleValue()), stored::toPlainString);
      values.add(stored);
    }
    set(values);
    for (int slot = 0; slot < values.size(); slot++) {
      assertEquals(values.get(slot), column.get(slot));
    }
  }

  @Test
  void longerDecimalsGoToTheSideMapAndStillComeBackExactly() {
    List<BigDecimal> values =
        List.of(
            new BigDecimal("1.0000000000000001"),
            new BigDecimal("1234567890123456"),
            new BigDecimal("12345678901234567890123456.123456789012"),
            new BigDecimal("1E+400"),
            new BigDecimal("1E-400"),
            new BigDecimal(new BigInteger("1"), -200));
    for (BigDecimal value : values) {
      assertFalse(ValueColumn.isPlain(value, value.doubleValue()), value::toString);
    }
    set(values);
    for (int slot = 0; slot < values.size(); slot++) {
      assertEquals(values.get(slot), column.get(slot));
    }
  }

  @Test
  void comparisonsAgreeWithBigDecimalOnNearAndEqualValues() {
    String[] texts = {
      "0",
      "0.000",
      "1",
      "1.0",
      "1.000000000000",
      "1.0000000000000001",
      "0.9999999999999999",
      "1.000000000000001",
      "58.83",
      "58.830000000000",
      "58.8300000000001",
      "1E+3",
      "1000",
      "999.999999999999",
      "100000000000000000",
      "100000000000000000.000000000001",
      "1E+400",
      "1E-400",
      "-1",
      "-0.5",
      "-1E+400"
    };
    List<BigDecimal> values = new ArrayList<>();
    for (String text : texts) {
      values.add(new BigDecimal(text));
    }
    values.add(null);
    set(values);
    for (int a = 0; a < values.size(); a++) {
      for (int b = 0; b < values.size(); b++) {
        BigDecimal x = values.get(a);
        BigDecimal y = values.get(b);
        int expected = x == null || y == null ? (x == y ? 0 : x == null ? 1 : -1) : x.compareTo(y);
        assertEquals(Integer.signum(expected), Integer.signum(column.compare(a, b)), x + " " + y);
        if (x != null && y != null) {
          assertEquals(
              Integer.signum(x.compareTo(y)),
              Integer.signum(column.compareTo(a, ValueColumn.Bound.of(y))),
              x + " against bound " + y);
          assertTrue(
              column.compare(a, b) >= 0 || column.primary(a) <= column.primary(b),
              "the primary never contradicts the order");
        }
      }
    }
  }
}
