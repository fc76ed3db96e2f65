package org.tradewatch.web.page.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;

/** A listing's chart reads in the unit its price is written in. */
class ChartScaleTest {

  private static ListingSnapshot bptf(String value, Object... currencies) {
    Map<String, BigDecimal> map = new LinkedHashMap<>();
    for (int i = 0; i < currencies.length; i += 2) {
      map.put((String) currencies[i], new BigDecimal(currencies[i + 1].toString()));
    }
    return ListingSnapshot.builder(new ListingKey(Source.BPTF, "440_1"))
        .currencies(map)
        .value(new BigDecimal(value))
        .valueUnit("ref")
        .build();
  }

  @Test
  void aListingPricedInKeysIsChartedInKeysAtItsOwnKeyPrice() {
    // 1,628 keys and 12.44 ref at 58.83 ref a key: 95,787.68 ref.
    ChartScale scale = ChartScale.of(bptf("95787.68", "keys", 1628, "metal", "12.44"));
    assertEquals("keys", scale.unit());
    assertEquals("1628.21", scale.scale(new BigDecimal("95787.68"), "ref").toPlainString());
    assertEquals("1600", scale.scale(new BigDecimal("94128"), "ref").toPlainString());
    assertNull(scale.scale(new BigDecimal("12"), "USD"), "another unit has no place on the axis");
    assertNull(scale.scale(null, "ref"));
  }

  @Test
  void aListingPricedInMetalOrMoneyKeepsItsUnit() {
    ChartScale metal = ChartScale.of(bptf("11.33", "metal", "11.33"));
    assertEquals("ref", metal.unit());
    assertEquals(new BigDecimal("11.33"), metal.scale(new BigDecimal("11.33"), "ref"));
    ChartScale zeroKeys = ChartScale.of(bptf("5", "keys", 0, "metal", 5));
    assertEquals("ref", zeroKeys.unit());
    ChartScale skinshark =
        ChartScale.of(
            ListingSnapshot.builder(new ListingKey(Source.SKINSHARK, "ss_1"))
                .value(new BigDecimal("12.34"))
                .valueUnit("USD")
                .build());
    assertEquals("USD", skinshark.unit());
    assertEquals(new BigDecimal("12.34"), skinshark.scale(new BigDecimal("12.34"), "usd"));
  }
}
