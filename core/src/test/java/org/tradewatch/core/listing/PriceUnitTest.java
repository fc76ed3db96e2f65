package org.tradewatch.core.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceUnitTest {

  private static final BigDecimal VALUE = new BigDecimal("130.2");

  @Test
  void backpackTfPricesInKeysAndMetalAreInRefAndNoOthersHaveAUnit() {
    assertEquals("ref", PriceUnit.of(Source.BPTF, List.of("keys", "metal"), VALUE, "ref"));
    assertEquals("ref", PriceUnit.of(Source.BPTF, List.of("metal"), VALUE, "ref"));
    assertEquals("ref", PriceUnit.of(Source.BPTF, List.of("keys"), VALUE, "ref"));
    assertNull(PriceUnit.of(Source.BPTF, List.of("usd"), VALUE, "ref"));
    assertNull(PriceUnit.of(Source.BPTF, List.of("keys", "usd"), VALUE, "ref"));
    assertNull(PriceUnit.of(Source.BPTF, List.of(), VALUE, "ref"), "a price in nothing named");
    assertNull(PriceUnit.of(Source.BPTF, List.of("keys"), null, null), "no price");
  }

  @Test
  void skinsharkPricesAreInTheirCurrency() {
    assertEquals("USD", PriceUnit.of(Source.SKINSHARK, List.of("usd"), VALUE, "USD"));
    assertEquals("EUR", PriceUnit.of(Source.SKINSHARK, List.of("eur"), VALUE, "EUR"));
    assertNull(PriceUnit.of(Source.SKINSHARK, List.of(), null, null));
  }

  @Test
  void suggestedPricesAreInRefOnBackpackTfAndSkinsharkSuggestsNone() {
    assertEquals("ref", PriceUnit.ofSuggested(Source.BPTF));
    assertNull(PriceUnit.ofSuggested(Source.SKINSHARK));
  }

  @Test
  void aSnapshotsUnitIsReadFromItsCurrenciesAndTheStateKeepsIt() {
    Map<String, BigDecimal> currencies = new LinkedHashMap<>();
    currencies.put("usd", new BigDecimal("600"));
    ListingSnapshot cash =
        ListingSnapshot.builder(new ListingKey(Source.BPTF, "730_1"))
            .currencies(currencies)
            .value(VALUE)
            .valueUnit("ref")
            .payload("{}")
            .build();
    assertNull(cash.priceUnit());
    Listing listing =
        new Listing(
            cash,
            java.time.Instant.EPOCH,
            null,
            "69346e79aaaaaaaaaaaa0001",
            java.time.Instant.EPOCH);
    assertNull(ListingState.of(listing, 1).priceUnit());
    currencies.clear();
    currencies.put("keys", new BigDecimal("2"));
    ListingSnapshot keys = cash.toBuilder().currencies(currencies).build();
    assertEquals(
        "ref",
        ListingState.of(
                new Listing(
                    keys,
                    java.time.Instant.EPOCH,
                    null,
                    "69346e79aaaaaaaaaaaa0001",
                    java.time.Instant.EPOCH),
                1)
            .priceUnit());
  }
}
