package org.tradewatch.web.page.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;

/** Prices, qualities and sellers as the listing pages show them. */
class ListingViewTest {

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
    return ListingView.priceText(bptf().currencies(currencies(nameAmount)).build());
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
    assertEquals("102.21 ref", ListingView.priceText(snapshot));
    assertEquals(ListingView.NONE, ListingView.priceText(bptf().build()));
  }

  @Test
  void skinsharkPricesReadAsMoney() {
    ListingSnapshot snapshot =
        skinshark()
            .currencies(currencies("usd", "12.34"))
            .value(new BigDecimal("12.34"))
            .valueUnit("USD")
            .build();
    assertEquals("$12.34", ListingView.priceText(snapshot));
    assertEquals(
        "$0.30",
        ListingView.priceText(skinshark().value(new BigDecimal("0.3")).valueUnit("USD").build()));
    assertEquals(
        "$1.01",
        ListingView.priceText(skinshark().value(new BigDecimal("1.005")).valueUnit("usd").build()));
    assertEquals("€3.50", ListingView.amount(new BigDecimal("3.5"), "EUR"));
    assertEquals("12.00 PLN", ListingView.amount(new BigDecimal("12"), "PLN"));
    assertEquals("7 gems", ListingView.amount(new BigDecimal("7"), "gems"));
    assertEquals(ListingView.NONE, ListingView.amount(null, "USD"));
  }

  @Test
  void amountsNeverUseExponents() {
    assertEquals("1,000,000 ref", ListingView.amount(new BigDecimal("1E+6"), "ref"));
    assertEquals("$1,000,000.00", ListingView.amount(new BigDecimal("1E+6"), "USD"));
  }

  @Test
  void largeAmountsCarryThousandsSeparators() {
    assertEquals("1,628 keys, 12.44 ref", bptfPrice("keys", 1628, "metal", "12.44"));
    assertEquals("95,776.22 ref", ListingView.amount(new BigDecimal("95776.229"), "ref"));
    assertEquals("$12,345.60", ListingView.amount(new BigDecimal("12345.6"), "USD"));
    assertEquals("1,234.50 PLN", ListingView.amount(new BigDecimal("1234.5"), "PLN"));
    assertEquals("999 ref", ListingView.amount(new BigDecimal("999"), "ref"));
    assertEquals("-1,000 ref", ListingView.amount(new BigDecimal("-1000"), "ref"));
  }

  @Test
  void qualitiesMapToTheirColourClassIgnoringCase() {
    assertEquals("q-unique", ListingView.qualityClass("Unique"));
    assertEquals("q-strange", ListingView.qualityClass("strange"));
    assertEquals("q-unusual", ListingView.qualityClass("Unusual"));
    assertEquals("q-vintage", ListingView.qualityClass("Vintage"));
    assertEquals("q-genuine", ListingView.qualityClass("Genuine"));
    assertEquals("q-haunted", ListingView.qualityClass("Haunted"));
    assertEquals("q-collectors", ListingView.qualityClass("Collector's"));
    assertEquals("q-decorated", ListingView.qualityClass("Decorated Weapon"));
    assertEquals("q-self-made", ListingView.qualityClass("Self-Made"));
    assertEquals("q-normal", ListingView.qualityClass("Normal"));
    assertEquals("q-covert", ListingView.qualityClass("Covert"), "skinshark rarity");
    assertEquals("q-mil-spec", ListingView.qualityClass("Mil-Spec"));
    assertEquals("q-other", ListingView.qualityClass("<b>x</b>"), "unknown: a fixed class");
    assertEquals("q-other", ListingView.qualityClass(null));
  }

  @Test
  void aRowShowsWhatTheSnapshotCarries() {
    Listing listing =
        new Listing(
            bptf()
                .itemName("Burning Flames Team Captain")
                .quality("Unusual")
                .particle("Burning Flames")
                .intent(Intent.SELL)
                .currencies(currencies("keys", 120))
                .value(new BigDecimal("6600"))
                .valueUnit("ref")
                .sellerId("76561198000000001")
                .sellerName("<script>alert(1)</script>")
                .build(),
            T,
            null,
            "e1",
            T);
    ListingView view = new ListingView(listing);

    assertEquals("bptf", view.getSource());
    assertEquals("440_1", view.getId());
    assertEquals("q-unusual", view.getQualityClass());
    assertEquals("Burning Flames", view.getParticle());
    assertEquals("120 keys", view.getPrice());
    assertEquals("6,600 ref", view.getValue());
    assertEquals("sell", view.getIntent());
    assertEquals("<script>alert(1)</script>", view.getSeller(), "escaped by the template");
    assertEquals(T, view.getUpdatedAt());
    assertFalse(view.isDeleted());
  }

  @Test
  void missingFieldsHaveReadableStandIns() {
    ListingView view = new ListingView(new Listing(skinshark().build(), T, T, "e1", T));

    assertEquals("(unnamed item)", view.getItemName());
    assertEquals("q-other", view.getQualityClass());
    assertNull(view.getSeller());
    assertNull(view.getIntent());
    assertEquals(ListingView.NONE, view.getPrice());
    assertTrue(view.isDeleted());
    assertEquals(
        "76561198000000009",
        new ListingView(new Listing(bptf().sellerId("76561198000000009").build(), T, null, "e", T))
            .getSeller(),
        "no name: the id");
  }
}
