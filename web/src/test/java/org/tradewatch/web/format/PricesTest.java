package org.tradewatch.web.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.item.KeyPrice;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;

/** Prices as traders write them. */
class PricesTest {

  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

  private static ListingSnapshot.Builder bptf() {
    return ListingSnapshot.builder(new ListingKey(Source.BPTF, "440_1"));
  }

  private static ListingSnapshot.Builder skinshark() {
    return ListingSnapshot.builder(new ListingKey(Source.SKINSHARK, "ss-1"));
  }

  private static Map<String, BigDecimal> currencies(Object... nameAmount) {
    Map<String, BigDecimal> map = new LinkedHashMap<>();
    for (int i = 0; i < nameAmount.length; i += 2) {
      map.put((String) nameAmount[i], new BigDecimal(nameAmount[i + 1].toString()));
    }
    return map;
  }

  private static String bptfPrice(Object... nameAmount) {
    return Prices.priceText(bptf().currencies(currencies(nameAmount)).build());
  }

  @Test
  void refinedMetalIsWrittenInKeysAndRefAtTheStreamsKeyPrice() {
    KeyPrice key = new KeyPrice(new BigDecimal("58.83"), true);
    assertEquals("2 keys, 11.33 ref", Prices.amount(new BigDecimal("128.99"), "ref", key));
    assertEquals("1 key", Prices.amount(new BigDecimal("58.83"), "ref", key));
    assertEquals("1 key", Prices.amount(new BigDecimal("58.834"), "ref", key));
    assertEquals("58.82 ref", Prices.amount(new BigDecimal("58.82"), "ref", key));
    assertEquals("-1 key, 1.17 ref", Prices.amount(new BigDecimal("-60"), "ref", key));
    assertEquals("1,700 keys", Prices.amount(new BigDecimal("100011"), "ref", key));
    // Dollars are never written in keys; nothing is still nothing.
    assertEquals("$128.99", Prices.amount(new BigDecimal("128.99"), "USD", key));
    assertEquals(Prices.NONE, Prices.amount(null, "ref", key));
    assertEquals(
        "2 keys, 8.99 ref", Prices.amount(new BigDecimal("128.99"), "ref", KeyPrice.DEFAULT));
  }

  @Test
  void backpackTfPricesReadAsKeysAndRef() {
    assertEquals("2 keys, 11.33 ref", bptfPrice("keys", 2, "metal", "11.33"));
    assertEquals("2 keys, 11.33 ref", bptfPrice("metal", "11.33", "keys", 2), "keys first");
    assertEquals("1 key", bptfPrice("keys", 1));
    assertEquals("1,975 keys", bptfPrice("keys", 1975));
    assertEquals("1.5 keys", bptfPrice("keys", "1.50"));
    assertEquals("5 ref", bptfPrice("metal", "5.00"));
    assertEquals("0.11 ref", bptfPrice("metal", "0.11"));
  }

  @Test
  void zeroPartsAreLeftOut() {
    assertEquals("3 keys", bptfPrice("keys", 3, "metal", 0));
    assertEquals("7.22 ref", bptfPrice("keys", 0, "metal", "7.22"));
    assertEquals("0 ref", bptfPrice("keys", 0, "metal", 0));
  }

  @Test
  void refIsCutToTwoDecimalsAsScrapIsWritten() {
    // 5 scrap and 8 scrap as exact ninths: traders write 0.55 and 0.88
    assertEquals("0.55 ref", bptfPrice("metal", "0.5555555556"));
    assertEquals("1.88 ref", bptfPrice("metal", "1.8888888889"));
    assertEquals("2 keys, 1.33 ref", bptfPrice("keys", 2, "metal", "1.333"));
  }

  @Test
  void backpackTfCashListingsReadAsDollars() {
    assertEquals("$600.00", bptfPrice("usd", 600));
    assertEquals("1 key, $3.50", bptfPrice("keys", 1, "usd", "3.5"));
  }

  @Test
  void backpackTfWithoutCurrenciesFallsBackToTheValue() {
    ListingSnapshot snapshot = bptf().value(new BigDecimal("102.21")).valueUnit("ref").build();
    assertEquals("102.21 ref", Prices.priceText(snapshot));
    assertEquals(Prices.NONE, Prices.priceText(bptf().build()));
  }

  @Test
  void skinsharkPricesReadAsMoney() {
    ListingSnapshot snapshot =
        skinshark()
            .currencies(currencies("usd", "12.34"))
            .value(new BigDecimal("12.34"))
            .valueUnit("USD")
            .build();
    assertEquals("$12.34", Prices.priceText(snapshot));
    assertEquals(
        "$0.30",
        Prices.priceText(skinshark().value(new BigDecimal("0.3")).valueUnit("USD").build()));
    assertEquals(
        "$1.01",
        Prices.priceText(skinshark().value(new BigDecimal("1.005")).valueUnit("usd").build()));
    assertEquals("€3.50", Prices.amount(new BigDecimal("3.5"), "EUR"));
    assertEquals("12.00 PLN", Prices.amount(new BigDecimal("12"), "PLN"));
    assertEquals("7 gems", Prices.amount(new BigDecimal("7"), "gems"));
    assertEquals(Prices.NONE, Prices.amount(null, "USD"));
  }

  @Test
  void amountsNeverUseExponents() {
    assertEquals("1,000,000 ref", Prices.amount(new BigDecimal("1E+6"), "ref"));
    assertEquals("$1,000,000.00", Prices.amount(new BigDecimal("1E+6"), "USD"));
  }

  @Test
  void largeAmountsCarryThousandsSeparators() {
    assertEquals("1,628 keys, 12.44 ref", bptfPrice("keys", 1628, "metal", "12.44"));
    assertEquals("95,776.22 ref", Prices.amount(new BigDecimal("95776.229"), "ref"));
    assertEquals("$12,345.60", Prices.amount(new BigDecimal("12345.6"), "USD"));
    assertEquals("1,234.50 PLN", Prices.amount(new BigDecimal("1234.5"), "PLN"));
    assertEquals("999 ref", Prices.amount(new BigDecimal("999"), "ref"));
    assertEquals("-1,000 ref", Prices.amount(new BigDecimal("-1000"), "ref"));
  }
}
