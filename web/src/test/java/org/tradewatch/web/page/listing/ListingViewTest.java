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
import org.tradewatch.web.format.Prices;

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
    assertEquals(Prices.NONE, view.getPrice());
    assertTrue(view.isDeleted());
    assertEquals(
        "76561198000000009",
        new ListingView(new Listing(bptf().sellerId("76561198000000009").build(), T, null, "e", T))
            .getSeller(),
        "no name: the id");
  }
}
