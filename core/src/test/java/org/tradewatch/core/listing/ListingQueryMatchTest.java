package org.tradewatch.core.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.item.Wear;

/** One-by-one matching agrees with the store's filters. */
class ListingQueryMatchTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private static Listing listing(String name, Intent intent, String value, Instant deletedAt) {
    ListingSnapshot snapshot =
        ListingSnapshot.builder(new ListingKey(Source.BPTF, "440_1"))
            .appid(440)
            .itemName(name)
            .intent(intent)
            .value(value == null ? null : new BigDecimal(value))
            .valueUnit("ref")
            .build();
    return new Listing(snapshot, T, deletedAt, "e1", T);
  }

  private static ListingQuery query(
      String text, Source source, Intent intent, Integer appid, String min, String max) {
    return new ListingQuery(
        text,
        source,
        intent,
        appid,
        min == null ? null : new BigDecimal(min),
        max == null ? null : new BigDecimal(max),
        false,
        ListingSort.UPDATED_DESC,
        1,
        100);
  }

  @Test
  void everyFilterNarrows() {
    Listing hat = listing("Unusual Team Captain", Intent.SELL, "100.50", null);
    assertTrue(ListingQuery.all().matches(hat));
    assertTrue(query("team CAPT", null, null, null, null, null).matches(hat));
    assertFalse(query("knife", null, null, null, null, null).matches(hat));
    assertTrue(query(null, Source.BPTF, Intent.SELL, 440, null, null).matches(hat));
    assertFalse(query(null, Source.SKINSHARK, null, null, null, null).matches(hat));
    assertFalse(query(null, null, Intent.BUY, null, null, null).matches(hat));
    assertFalse(query(null, null, null, 730, null, null).matches(hat));
    assertTrue(query(null, null, null, null, "100.5", "100.5").matches(hat), "bounds inclusive");
    assertFalse(query(null, null, null, null, "100.51", null).matches(hat));
    assertFalse(query(null, null, null, null, null, "100.49").matches(hat));
  }

  private static ListingQuery quality(String quality) {
    return new ListingQuery(
        null, null, null, quality, null, null, null, false, ListingSort.UPDATED_DESC, 1, 100, null);
  }

  @Test
  void qualityMatchesTheNameIgnoringCaseAndBlankMeansAny() {
    Listing strange =
        new Listing(
            ListingSnapshot.builder(new ListingKey(Source.BPTF, "440_2"))
                .itemName("Strange Shotgun")
                .quality("Strange")
                .build(),
            T,
            null,
            "e2",
            T);
    Listing unknown = listing("Mystery", Intent.SELL, "1", null);

    assertTrue(quality("Strange").matches(strange));
    assertTrue(quality(" sTRANGE ").matches(strange), "trimmed, any case");
    assertFalse(quality("Unique").matches(strange));
    assertFalse(quality("Strange").matches(unknown), "no quality never matches a quality filter");
    assertNull(quality("  ").quality());
    assertTrue(quality("  ").matches(unknown));
  }

  @Test
  void noValueNeverMatchesAPriceRangeAndDeletedOnlyWhenAsked() {
    assertFalse(
        query(null, null, null, null, "0", null).matches(listing("A", Intent.BUY, null, null)));
    Listing gone = listing("A", Intent.BUY, "1", T);
    assertFalse(ListingQuery.all().matches(gone));
    assertTrue(
        new ListingQuery(null, null, null, null, null, null, true, ListingSort.UPDATED_DESC, 1, 100)
            .matches(gone));
  }

  @Test
  void aStateMatchesExactlyWhenItsListingDoes() {
    List<Listing> listings = new ArrayList<>();
    for (String name : new String[] {"Unusual Team Captain", "ΚΛΕΙΔΊ", null}) {
      for (String value : new String[] {"100.50", "5", null}) {
        for (Intent intent : new Intent[] {Intent.SELL, Intent.BUY, null}) {
          for (Instant deletedAt : new Instant[] {null, T}) {
            ListingSnapshot snapshot =
                ListingSnapshot.builder(new ListingKey(Source.SKINSHARK, "s1"))
                    .appid(value == null ? null : 730)
                    .itemName(name)
                    .quality(intent == null ? null : "Strange")
                    .intent(intent)
                    .value(value == null ? null : new BigDecimal(value))
                    .build();
            listings.add(new Listing(snapshot, T, deletedAt, "e1", T));
          }
        }
      }
    }
    List<ListingQuery> queries = new ArrayList<>();
    for (String text : new String[] {null, "team", "κλειδί", "x"}) {
      for (Source source : new Source[] {null, Source.SKINSHARK, Source.BPTF}) {
        for (String quality : new String[] {null, "STRANGE", "Unique"}) {
          for (String min : new String[] {null, "5", "5.01"}) {
            queries.add(
                new ListingQuery(
                    text,
                    source,
                    Intent.SELL,
                    quality,
                    730,
                    min == null ? null : new BigDecimal(min),
                    null,
                    false,
                    ListingSort.UPDATED_DESC,
                    1,
                    100,
                    null));
            queries.add(
                new ListingQuery(
                    text,
                    source,
                    null,
                    quality,
                    null,
                    null,
                    min == null ? null : new BigDecimal(min),
                    true,
                    ListingSort.UPDATED_DESC,
                    1,
                    100,
                    null));
          }
        }
      }
    }
    int matched = 0;
    for (ListingQuery query : queries) {
      for (Listing listing : listings) {
        boolean matches = query.matches(listing);
        assertEquals(matches, query.matches(ListingState.of(listing, 1)), query + " " + listing);
        matched += matches ? 1 : 0;
      }
    }
    assertTrue(matched > 100 && matched < queries.size() * listings.size() / 2, "" + matched);
  }

  private static Listing item(ListingSnapshot.Builder parts) {
    ListingSnapshot snapshot = parts.build();
    return new Listing(snapshot, T, null, "e-" + snapshot.key().id(), T);
  }

  private static ListingSnapshot.Builder parts(Source source, String id, String name) {
    return ListingSnapshot.builder(new ListingKey(source, id))
        .appid(source == Source.BPTF ? 440 : 730)
        .itemName(name)
        .intent(Intent.SELL);
  }

  private static boolean passes(ItemFilter filter, Listing listing) {
    boolean byListing = ListingQuery.all().withItemFilter(filter).matches(listing);
    assertEquals(
        byListing,
        ListingQuery.all().withItemFilter(filter).matches(ListingState.of(listing, 1)),
        "a state matches as its listing does: " + filter + " " + listing.key());
    return byListing;
  }

  @Test
  void theItemFiltersReadTheItemAsItsKeyDoes() {
    Listing unusual =
        item(
            parts(Source.BPTF, "440_1", "Burning Flames Team Captain")
                .quality("Unusual")
                .particle("Burning Flames")
                .killstreakTier(2)
                .craftable(false));
    Listing australium =
        item(parts(Source.BPTF, "440_2", "Strange Australium Rocket Launcher").australium(true));
    Listing warPaint =
        item(
            parts(Source.BPTF, "440_3", "Strange Autumn Shotgun (Factory New)")
                .wear("Factory New"));
    Listing skin =
        item(parts(Source.SKINSHARK, "ss_1", "AK-47 | Redline").wear("Field-Tested (0.2345)"));
    Listing nameless = item(parts(Source.BPTF, "440_4", null).craftable(false));

    assertTrue(passes(new ItemFilter("burning flames", null, null, null, null), unusual));
    assertFalse(passes(new ItemFilter("Sunbeams", null, null, null, null), unusual));
    assertFalse(passes(new ItemFilter("Burning Flames", null, null, null, null), skin));
    assertTrue(passes(new ItemFilter(null, 2, false, false, null), unusual));
    assertFalse(passes(new ItemFilter(null, 0, null, null, null), unusual));
    assertTrue(passes(new ItemFilter(null, 0, true, null, null), australium), "absent: none");
    assertTrue(passes(new ItemFilter(null, null, null, true, null), australium));
    assertFalse(passes(new ItemFilter(null, null, null, true, null), unusual));
    assertTrue(passes(new ItemFilter(null, null, null, null, Wear.FACTORY_NEW), warPaint));
    assertFalse(passes(new ItemFilter(null, null, null, null, Wear.FACTORY_NEW), skin));
    assertTrue(passes(new ItemFilter(null, null, null, null, Wear.FIELD_TESTED), skin));
    assertFalse(passes(new ItemFilter(null, null, null, null, Wear.FIELD_TESTED), unusual));
    assertTrue(passes(new ItemFilter(null, 0, true, false, null), skin), "skins: plain items");
    // No name, no item: what is known of it is what an item without parts is.
    assertTrue(passes(new ItemFilter(null, 0, true, false, null), nameless));
    assertFalse(passes(new ItemFilter(null, null, false, null, null), nameless));
    for (Listing listing : List.of(unusual, australium, warPaint, skin, nameless)) {
      assertTrue(passes(ItemFilter.ANY, listing));
    }
  }
}
