package org.tradewatch.web.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {

  @Test
  void plainNumbersCarryThousandsSeparators() {
    assertEquals("95,000.5", Numbers.grouped("95000.5"));
    assertEquals("100,000", Numbers.grouped("100000"));
    assertEquals("-1,000.25", Numbers.grouped("-1000.25"));
    assertEquals("0.123456", Numbers.grouped("0.123456"), "decimals are never grouped");
    assertEquals("1E+6", Numbers.grouped("1E+6"), "not a plain number: as it was");
    assertEquals(null, Numbers.grouped(null));
  }
}
