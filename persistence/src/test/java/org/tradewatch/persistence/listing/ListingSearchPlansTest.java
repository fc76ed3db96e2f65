package org.tradewatch.persistence.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.persistence.listing.Fixtures.T0;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingPage;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.TestDatabase;

/**
 * Every way {@link ListingSearch} can answer (a name looked up by index and sorted, a common name
 * walked along the sort's index, a text matching too many names, the plain filters; counted to the
 * end or stopped at the cap) gives the page and the total that filtering and sorting every listing
 * in Java gives. The caps are small here so that 300 listings reach all of them.
 */
class ListingSearchPlansTest {

  private static final int COUNT_CAP = 40;
  private static final int NAME_PROBE_CAP = 25;
  private static final int MAX_NAMES = 3;

  private static final String[] NAMES = {
    "Team Captain", "Strange Team Captain", "Burning Flames Team Captain", "Bill's Hat",
    "Strange Bill's Hat", "AK-47 | Redline (Field-Tested)", "100% Off_Sale", "Rare Thing"
  };

  private static TestDatabase db;
  private static JpaListingStore store;
  private static final List<Listing> all = new ArrayList<>();

  @BeforeAll
  static void fill() {
    db = new TestDatabase();
    store =
        new JpaListingStore(
            db.factory(), new ListingSearch.Limits(COUNT_CAP, NAME_PROBE_CAP, MAX_NAMES));
    Random random = new Random(6);
    for (int i = 0; i < 300; i++) {
      // "Rare Thing" only a few times; the rest spread over the other names.
      String name = i % 100 == 7 ? "Rare Thing" : NAMES[random.nextInt(NAMES.length - 1)];
      ListingKey key =
          new ListingKey(random.nextInt(4) == 0 ? Source.SKINSHARK : Source.BPTF, "id" + i);
      String value = random.nextInt(10) == 0 ? null : Integer.toString(random.nextInt(50));
      var snapshot =
          Fixtures.snapshot(key, name, value)
              .intent(random.nextBoolean() ? Intent.BUY : Intent.SELL)
              .quality(random.nextBoolean() ? "Unusual" : "Unique")
              .build();
      // Some listings share an update time, so the key has to break ties.
      var at = T0.plusSeconds(random.nextInt(120));
      boolean deleted = random.nextInt(8) == 0;
      all.add(new Listing(snapshot, at, deleted ? at : null, "e" + i, at));
    }
    for (int from = 0; from < all.size(); from += 100) {
      Fixtures.put(store, all.subList(from, from + 100));
    }
  }

  @AfterAll
  static void close() {
    db.close();
  }

  static Stream<Arguments> queries() {
    List<Arguments> queries = new ArrayList<>();
    String[] texts = {null, "rare thing", "bill's", "team captain", "a", "100%", "off_", "nothing"};
    for (String text : texts) {
      for (ListingSort sort : ListingSort.values()) {
        for (int page : new int[] {1, 2, 9}) {
          queries.add(
              Arguments.of(
                  new ListingQuery(text, null, null, null, null, null, false, sort, page, 10)));
        }
      }
      queries.add(
          Arguments.of(
              new ListingQuery(
                  text,
                  Source.BPTF,
                  Intent.SELL,
                  "unusual",
                  440,
                  new BigDecimal("5"),
                  new BigDecimal("40"),
                  false,
                  ListingSort.VALUE_DESC,
                  1,
                  7,
                  null)));
      // A quality alone, in another case than stored, past the first page: counted along the
      // quality's own index.
      queries.add(
          Arguments.of(
              new ListingQuery(
                  text,
                  null,
                  null,
                  "UNIQUE",
                  null,
                  null,
                  null,
                  false,
                  ListingSort.VALUE_ASC,
                  2,
                  10,
                  null)));
      queries.add(
          Arguments.of(
              new ListingQuery(
                  text, null, null, null, null, null, true, ListingSort.UPDATED_DESC, 1, 500)));
    }
    return queries.stream();
  }

  @ParameterizedTest
  @MethodSource("queries")
  void answersAsFilteringAndSortingEveryListingWould(ListingQuery query) {
    List<Listing> expected = all.stream().filter(query::matches).sorted(order(query)).toList();
    int from = (int) Math.min(expected.size(), query.offset());
    int to = Math.min(expected.size(), from + query.limit());

    ListingPage page = store.search(query);

    assertEquals(keys(expected.subList(from, to)), keys(page.items()), query.toString());
    if (page.totalExact()) {
      assertEquals(expected.size(), page.total(), "the exact total of " + query);
    } else {
      assertTrue(
          expected.size() > page.total() && page.total() >= Math.min(COUNT_CAP, NAME_PROBE_CAP),
          "more than " + page.total() + " of " + expected.size() + " for " + query);
    }
  }

  @Test
  void aSmallResultIsCountedExactlyAndALargeOneOnlyToTheCap() {
    ListingPage rare =
        store.search(
            new ListingQuery(
                "rare", null, null, null, null, null, true, ListingSort.UPDATED_DESC, 1, 1));
    assertTrue(rare.totalExact());
    assertEquals(3, rare.total());

    ListingPage every =
        store.search(
            new ListingQuery(
                null, null, null, null, null, null, true, ListingSort.UPDATED_DESC, 1, 10));
    assertFalse(every.totalExact());
    assertEquals(COUNT_CAP, every.total(), "more than the cap");
    ListingPage deep =
        store.search(
            new ListingQuery(
                null, null, null, null, null, null, true, ListingSort.UPDATED_DESC, 6, 10));
    assertEquals(60, deep.total(), "more than the listings up to this page");
  }

  @Test
  void aNameStoredByIngestIsFoundAtOnce() {
    // A database of its own, so that the other tests' expectations hold.
    try (TestDatabase own = new TestDatabase()) {
      JpaListingStore store = new JpaListingStore(own.factory());
      store.search(ListingQuery.all());
      aNewNameIsFound(store);
    }
  }

  private static void aNewNameIsFound(JpaListingStore store) {
    ListingKey key = new ListingKey(Source.BPTF, "fresh");
    Listing fresh =
        new Listing(Fixtures.snapshot(key, "Brand New Hat", "1").build(), T0, null, "ef", T0);
    Fixtures.put(store, List.of(fresh));
    ListingPage found =
        store.search(
            new ListingQuery(
                "new hat", null, null, null, null, null, false, ListingSort.UPDATED_DESC, 1, 10));
    assertEquals(List.of(key), keys(found.items()));
  }

  private static Comparator<Listing> order(ListingQuery query) {
    Comparator<Listing> byKey =
        Comparator.comparing((Listing l) -> l.key().source().id()).thenComparing(l -> l.key().id());
    Comparator<Listing> byValue =
        Comparator.comparing(
            (Listing l) -> l.snapshot().value(), Comparator.nullsLast(Comparator.naturalOrder()));
    Comparator<Listing> byValueDesc =
        Comparator.comparing(
            (Listing l) -> l.snapshot().value(),
            Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder().reversed()));
    return switch (query.sort()) {
      case KEY -> byKey;
      case UPDATED_ASC -> Comparator.comparing(Listing::updatedAt).thenComparing(byKey);
      case UPDATED_DESC -> Comparator.comparing(Listing::updatedAt).thenComparing(byKey).reversed();
      case VALUE_ASC -> byValue.thenComparing(byKey);
      case VALUE_DESC -> byValueDesc.thenComparing(byKey.reversed());
    };
  }

  private static List<ListingKey> keys(List<Listing> listings) {
    return listings.stream().map(Listing::key).toList();
  }
}
