package org.tradewatch.persistence.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tradewatch.persistence.listing.Fixtures.T0;
import static org.tradewatch.persistence.listing.Fixtures.bptf;
import static org.tradewatch.persistence.listing.Fixtures.listing;
import static org.tradewatch.persistence.listing.Fixtures.put;
import static org.tradewatch.persistence.listing.Fixtures.skinshark;
import static org.tradewatch.persistence.listing.Fixtures.snapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingPage;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.TestDatabase;

class JpaListingStoreSearchTest {

  private TestDatabase db;
  private JpaListingStore store;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    store = new JpaListingStore(db.factory());
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static Listing at(ListingKey key, String name, String value, int second) {
    return listing(key, name, value, "e-" + key, T0.plusSeconds(second));
  }

  private static Listing deleted(Listing listing) {
    Instant at = listing.updatedAt().plusSeconds(1);
    return new Listing(listing.snapshot(), at, at, listing.lastEventId() + "-d", at);
  }

  private static ListingQuery query(String text) {
    return new ListingQuery(
        text, null, null, null, null, null, false, ListingSort.VALUE_ASC, 1, 100);
  }

  private List<String> ids(ListingQuery query) {
    return store.search(query).items().stream().map(l -> l.key().toString()).toList();
  }

  @Test
  void textMatchesAnywhereInTheNameIgnoringCase() {
    put(
        store,
        at(bptf("1"), "Strange Team Captain", "1", 0),
        at(bptf("2"), "TEAM CAPTAIN", "2", 0),
        at(bptf("3"), "Mann Co. Supply Crate Key", "3", 0),
        at(bptf("4"), null, "4", 0));

    assertEquals(List.of("bptf/1", "bptf/2"), ids(query("team cap")));
    assertEquals(List.of("bptf/1", "bptf/2"), ids(query("tEaM")));
    assertEquals(List.of("bptf/3"), ids(query("co. supply")));
  }

  @Test
  void likeWildcardsInTheTextAreLiteral() {
    put(
        store,
        at(bptf("1"), "100% Pure", "1", 0),
        at(bptf("2"), "1000 Pure", "2", 0),
        at(bptf("3"), "snake_case", "3", 0),
        at(bptf("4"), "snakeXcase", "4", 0),
        at(bptf("5"), "back\\slash", "5", 0),
        at(bptf("6"), "backslash", "6", 0));

    assertEquals(List.of("bptf/1"), ids(query("0%")));
    assertEquals(List.of("bptf/1"), ids(query("%")));
    assertEquals(List.of("bptf/3"), ids(query("e_c")));
    assertEquals(List.of("bptf/5"), ids(query("k\\s")));
    assertEquals(List.of(), ids(query("' OR 1=1 --")));
  }

  @Test
  void textMatchesNonLatinScriptsIgnoringCase() {
    put(
        store,
        at(bptf("1"), "Ключ от ящика", "1", 0),
        at(bptf("2"), "ΚΛΕΙΔΊ", "2", 0),
        at(bptf("3"), "鍵 \uD83D\uDD11 Schlüssel", "3", 0));

    assertEquals(List.of("bptf/1"), ids(query("КЛЮЧ")));
    assertEquals(List.of("bptf/2"), ids(query("κλειδί")));
    assertEquals(List.of("bptf/3"), ids(query("\uD83D\uDD11 schlÜssel")));
    assertEquals(List.of("bptf/3"), ids(query("鍵")));
  }

  @Test
  void filtersBySourceIntentAppidAndValueRange() {
    put(
        store,
        listing(snapshot(bptf("1"), "A", "1").intent(Intent.BUY).appid(440).build(), "e1", T0),
        listing(snapshot(bptf("2"), "B", "5").intent(Intent.SELL).appid(730).build(), "e2", T0),
        listing(
            snapshot(skinshark("3"), "C", "10").intent(Intent.SELL).appid(730).build(), "e3", T0),
        listing(snapshot(skinshark("4"), "D", null).intent(null).appid(null).build(), "e4", T0));

    assertEquals(
        List.of("bptf/1", "bptf/2"),
        ids(
            new ListingQuery(
                null, Source.BPTF, null, null, null, null, false, ListingSort.VALUE_ASC, 1, 100)));
    assertEquals(
        List.of("bptf/2", "skinshark/3"),
        ids(
            new ListingQuery(
                null, null, Intent.SELL, null, null, null, false, ListingSort.VALUE_ASC, 1, 100)));
    assertEquals(
        List.of("bptf/1"),
        ids(
            new ListingQuery(
                null, null, Intent.BUY, null, null, null, false, ListingSort.VALUE_ASC, 1, 100)));
    assertEquals(
        List.of("bptf/2", "skinshark/3"),
        ids(
            new ListingQuery(
                null, null, null, 730, null, null, false, ListingSort.VALUE_ASC, 1, 100)));
    assertEquals(
        List.of("bptf/2", "skinshark/3"),
        ids(
            new ListingQuery(
                null,
                null,
                null,
                null,
                new BigDecimal("5"),
                null,
                false,
                ListingSort.VALUE_ASC,
                1,
                100)));
    assertEquals(
        List.of("bptf/1", "bptf/2"),
        ids(
            new ListingQuery(
                null,
                null,
                null,
                null,
                null,
                new BigDecimal("5.00"),
                false,
                ListingSort.VALUE_ASC,
                1,
                100)));
    assertEquals(
        List.of("bptf/2"),
        ids(
            new ListingQuery(
                null,
                null,
                null,
                null,
                new BigDecimal("1.0000001"),
                new BigDecimal("9.99"),
                false,
                ListingSort.VALUE_ASC,
                1,
                100)));
    assertEquals(
        List.of("skinshark/3"),
        ids(
            new ListingQuery(
                "c",
                Source.SKINSHARK,
                Intent.SELL,
                730,
                BigDecimal.ONE,
                BigDecimal.TEN,
                false,
                ListingSort.VALUE_ASC,
                1,
                100)));
  }

  private static ListingQuery ofQuality(String quality) {
    return new ListingQuery(
        null, null, null, quality, null, null, null, false, ListingSort.VALUE_ASC, 1, 100, null);
  }

  @Test
  void filtersByQualityIgnoringCaseAndAgreesWithOneByOneMatching() {
    List<Listing> listings =
        List.of(
            listing(snapshot(bptf("1"), "A", "1").quality("Strange").build(), "e1", T0),
            listing(snapshot(bptf("2"), "B", "2").quality("Unique").build(), "e2", T0),
            listing(snapshot(bptf("3"), "C", "3").quality("Collector's").build(), "e3", T0),
            listing(snapshot(skinshark("4"), "D", "4").quality("Covert").build(), "e4", T0),
            listing(snapshot(bptf("5"), "E", "5").quality(null).build(), "e5", T0));
    put(store, listings);

    for (String quality : List.of("strange", "UNIQUE", "collector's", "Covert", "Normal")) {
      ListingQuery query = ofQuality(quality);
      List<String> expected =
          listings.stream().filter(query::matches).map(l -> l.key().toString()).toList();
      assertEquals(expected, ids(query), quality);
    }
    assertEquals(List.of("bptf/1"), ids(ofQuality(" strange ")));
    assertEquals(List.of(), ids(ofQuality("Strange%")), "no wildcards: an exact name");
    assertEquals(5, store.search(ofQuality(" ")).total(), "blank is no filter");
  }

  @Test
  void deletedListingsAreFoundOnlyWhenAskedFor() {
    Listing live = at(bptf("1"), "A", "1", 0);
    Listing gone = at(bptf("2"), "A", "2", 0);
    put(store, live, gone);
    put(store, deleted(gone));

    assertEquals(List.of("bptf/1"), ids(query(null)));
    assertEquals(
        List.of("bptf/1", "bptf/2"),
        ids(
            new ListingQuery(
                null, null, null, null, null, null, true, ListingSort.VALUE_ASC, 1, 100)));
    assertEquals(1, store.search(ListingQuery.all()).total());
  }

  @Test
  void valueSortsBreakTiesByKeyAndPutMissingValuesLast() {
    put(
        store,
        at(bptf("b"), "x", "2", 0),
        at(bptf("a"), "x", "2", 0),
        at(skinshark("a"), "x", "2.000", 0),
        at(bptf("c"), "x", "1.5", 0),
        at(bptf("d"), "x", null, 0),
        at(bptf("e"), "x", "10", 0));

    assertEquals(
        List.of("bptf/c", "bptf/a", "bptf/b", "skinshark/a", "bptf/e", "bptf/d"),
        ids(sorted(ListingSort.VALUE_ASC)));
    assertEquals(
        List.of("bptf/e", "skinshark/a", "bptf/b", "bptf/a", "bptf/c", "bptf/d"),
        ids(sorted(ListingSort.VALUE_DESC)));
  }

  @Test
  void updatedSortsBreakTiesByKey() {
    put(
        store,
        at(bptf("b"), "x", "1", 5),
        at(bptf("a"), "x", "1", 5),
        at(skinshark("a"), "x", "1", 5),
        at(bptf("old"), "x", "1", 1),
        at(bptf("new"), "x", "1", 9));

    assertEquals(
        List.of("bptf/old", "bptf/a", "bptf/b", "skinshark/a", "bptf/new"),
        ids(sorted(ListingSort.UPDATED_ASC)));
    assertEquals(
        List.of("bptf/new", "skinshark/a", "bptf/b", "bptf/a", "bptf/old"),
        ids(sorted(ListingSort.UPDATED_DESC)));
    assertEquals(ids(sorted(ListingSort.UPDATED_DESC)), ids(ListingQuery.all()));
  }

  @Test
  void pagesAreContiguousAndCarryTheTotal() {
    List<Listing> listings = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      // Many equal values, so only the key tiebreak keeps pages apart.
      listings.add(at(bptf(String.format("%02d", i)), "Key", Integer.toString(i % 3), i % 4));
    }
    put(store, listings);

    List<String> all = ids(sorted(ListingSort.VALUE_DESC));
    List<String> paged = new ArrayList<>();
    for (int page = 1; page <= 3; page++) {
      ListingPage result =
          store.search(
              new ListingQuery(
                  null, null, null, null, null, null, false, ListingSort.VALUE_DESC, page, 10));
      assertEquals(25, result.total());
      assertEquals(page, result.page());
      assertEquals(10, result.limit());
      paged.addAll(result.items().stream().map(l -> l.key().toString()).toList());
    }
    assertEquals(all, paged);
    assertEquals(
        5,
        store
            .search(
                new ListingQuery(
                    null, null, null, null, null, null, false, ListingSort.VALUE_DESC, 3, 10))
            .items()
            .size());

    ListingPage past =
        store.search(
            new ListingQuery(
                null, null, null, null, null, null, false, ListingSort.VALUE_DESC, 4, 10));
    assertEquals(List.of(), past.items());
    assertEquals(25, past.total());
  }

  @Test
  void searchReturnsWholeListings() {
    Listing listing =
        listing(
            snapshot(bptf("1"), "Key", "1.33")
                .sellerName("<b>Zoë</b> \uD83D\uDE00")
                .details("&lt;")
                .build(),
            "e1",
            T0);
    put(store, listing);

    assertEquals(List.of(listing), store.search(ListingQuery.all()).items());
  }

  private static ListingQuery sorted(ListingSort sort) {
    return new ListingQuery(null, null, null, null, null, null, false, sort, 1, 100);
  }

  private static ListingQuery byKey(int limit, ListingKey after) {
    return new ListingQuery(
        null, null, null, null, null, null, false, ListingSort.KEY, 1, limit, after);
  }

  @Test
  void aCursorWalksEveryListingOnceInKeyOrderWhileOthersChange() {
    put(
        store,
        at(skinshark("s1"), "S", "1", 0),
        at(bptf("b3"), "B3", "1", 0),
        at(bptf("b1"), "B1", "1", 0),
        at(bptf("b2"), "B2", "1", 0),
        at(bptf("b4"), "B4", "1", 0));

    ListingPage first = store.search(byKey(2, null));
    assertEquals(
        List.of("bptf/b1", "bptf/b2"),
        first.items().stream().map(l -> l.key().toString()).toList());
    assertEquals(5, first.total());

    // A listing already read is deleted and another is updated: with offsets the next page would
    // shift; after a key it cannot.
    put(store, deleted(at(bptf("b1"), "B1", "1", 0)));
    put(store, listing(bptf("b2"), "B2", "7", "e-b2-again", T0.plusSeconds(5)));

    ListingPage second = store.search(byKey(2, first.items().get(1).key()));
    assertEquals(
        List.of("bptf/b3", "bptf/b4"),
        second.items().stream().map(l -> l.key().toString()).toList());
    assertEquals(4, second.total(), "the total counts every match, not what is left");
    ListingPage third = store.search(byKey(2, second.items().get(1).key()));
    assertEquals(
        List.of("skinshark/s1"), third.items().stream().map(l -> l.key().toString()).toList());
  }
}
