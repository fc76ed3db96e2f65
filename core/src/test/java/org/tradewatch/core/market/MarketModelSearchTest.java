package org.tradewatch.core.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tradewatch.core.market.States.T0;
import static org.tradewatch.core.market.States.at;
import static org.tradewatch.core.market.States.bptf;
import static org.tradewatch.core.market.States.skinshark;
import static org.tradewatch.core.market.States.state;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;

/**
 * The search cases of the SQL store ({@code JpaListingStoreSearchTest}), on the model, with each of
 * its ways of finding a page: every case must hold whichever the model picks.
 */
class MarketModelSearchTest {

  private final AtomicLong seq = new AtomicLong();
  private MarketModel model;

  private void put(Search.Paging paging, ListingState... states) {
    if (model == null) {
      model = new MarketModel(paging);
    }
    List<ListingState> batch = new ArrayList<>();
    for (ListingState state : states) {
      batch.add(withSeq(state, seq.incrementAndGet()));
    }
    model.apply(batch);
  }

  private static ListingState withSeq(ListingState s, long seq) {
    return new ListingState(
        s.key(),
        s.appid(),
        s.itemName(),
        s.quality(),
        s.intent(),
        s.value(),
        s.updatedAt(),
        s.deletedAt(),
        s.lastEvent(),
        s.lastEventAt(),
        seq);
  }

  private static ListingState at(ListingKey key, String name, String value, int second) {
    return States.at(key, name, value, second, 0);
  }

  private static ListingState deleted(ListingState state) {
    Instant at = state.updatedAt().plusSeconds(1);
    return state.buried("deleted-" + state.key(), at, at, at, 0);
  }

  private static ListingQuery query(String text) {
    return new ListingQuery(
        text, null, null, null, null, null, false, ListingSort.VALUE_ASC, 1, 100);
  }

  private List<String> ids(ListingQuery query) {
    return model.search(query).rows().stream().map(s -> s.key().toString()).toList();
  }

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void textMatchesAnywhereInTheNameIgnoringCase(Search.Paging paging) {
    put(
        paging,
        at(bptf("1"), "Strange Team Captain", "1", 0),
        at(bptf("2"), "TEAM CAPTAIN", "2", 0),
        at(bptf("3"), "Mann Co. Supply Crate Key", "3", 0),
        at(bptf("4"), null, "4", 0));

    assertEquals(List.of("bptf/1", "bptf/2"), ids(query("team cap")));
    assertEquals(List.of("bptf/1", "bptf/2"), ids(query("tEaM")));
    assertEquals(List.of("bptf/3"), ids(query("co. supply")));
    assertEquals(2, model.search(query("team cap")).total());
  }

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void likeWildcardsInTheTextAreLiteral(Search.Paging paging) {
    put(
        paging,
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

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void textMatchesNonLatinScriptsIgnoringCase(Search.Paging paging) {
    put(
        paging,
        at(bptf("1"), "Ключ от ящика", "1", 0),
        at(bptf("2"), "ΚΛΕΙΔΊ", "2", 0),
        at(bptf("3"), "鍵 \uD83D\uDD11 Schlüssel", "3", 0));

    assertEquals(List.of("bptf/1"), ids(query("КЛЮЧ")));
    assertEquals(List.of("bptf/2"), ids(query("κλειδί")));
    assertEquals(List.of("bptf/3"), ids(query("\uD83D\uDD11 schlÜssel")));
    assertEquals(List.of("bptf/3"), ids(query("鍵")));
  }

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void filtersBySourceIntentAppidAndValueRange(Search.Paging paging) {
    put(
        paging,
        state(bptf("1")).name("A").value("1").intent(Intent.BUY).appid(440).build(),
        state(bptf("2")).name("B").value("5").intent(Intent.SELL).appid(730).build(),
        state(skinshark("3")).name("C").value("10").intent(Intent.SELL).appid(730).build(),
        state(skinshark("4")).name("D").value(null).intent(null).appid(null).build());

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
    assertEquals(List.of("bptf/2", "skinshark/3"), ids(ranged(new BigDecimal("5"), null)));
    assertEquals(List.of("bptf/1", "bptf/2"), ids(ranged(null, new BigDecimal("5.00"))));
    assertEquals(
        List.of("bptf/2"), ids(ranged(new BigDecimal("1.0000001"), new BigDecimal("9.99"))));
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

  private static ListingQuery ranged(BigDecimal min, BigDecimal max) {
    return new ListingQuery(null, null, null, null, min, max, false, ListingSort.VALUE_ASC, 1, 100);
  }

  private static ListingQuery ofQuality(String quality) {
    return new ListingQuery(
        null, null, null, quality, null, null, null, false, ListingSort.VALUE_ASC, 1, 100, null);
  }

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void filtersByQualityIgnoringCaseAndAgreesWithOneByOneMatching(Search.Paging paging) {
    List<ListingState> states =
        List.of(
            state(bptf("1")).name("A").value("1").quality("Strange").seq(1).build(),
            state(bptf("2")).name("B").value("2").quality("Unique").seq(2).build(),
            state(bptf("3")).name("C").value("3").quality("Collector's").seq(3).build(),
            state(skinshark("4")).name("D").value("4").quality("Covert").seq(4).build(),
            state(bptf("5")).name("E").value("5").quality(null).seq(5).build(),
            state(bptf("6")).name("F").value("6").quality("strange").seq(6).build());
    model = new MarketModel(paging);
    model.apply(states);

    for (String quality : List.of("strange", "UNIQUE", "collector's", "Covert", "Normal")) {
      ListingQuery query = ofQuality(quality);
      List<String> expected =
          states.stream().filter(query::matches).map(s -> s.key().toString()).toList();
      assertEquals(expected, ids(query), quality);
      assertEquals(expected.size(), model.search(query).total(), quality);
    }
    assertEquals(List.of("bptf/1", "bptf/6"), ids(ofQuality(" strange ")));
    assertEquals(List.of(), ids(ofQuality("Strange%")), "no wildcards: an exact name");
    assertEquals(6, model.search(ofQuality(" ")).total(), "blank is no filter");
  }

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void deletedListingsAreFoundOnlyWhenAskedFor(Search.Paging paging) {
    ListingState live = at(bptf("1"), "A", "1", 0);
    ListingState gone = at(bptf("2"), "A", "2", 0);
    put(paging, live, gone);
    put(paging, deleted(gone));

    assertEquals(List.of("bptf/1"), ids(query(null)));
    assertEquals(
        List.of("bptf/1", "bptf/2"),
        ids(
            new ListingQuery(
                null, null, null, null, null, null, true, ListingSort.VALUE_ASC, 1, 100)));
    assertEquals(1, model.search(ListingQuery.all()).total());
    assertEquals(1, model.search(query("a")).total());
  }

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void valueSortsBreakTiesByKeyAndPutMissingValuesLast(Search.Paging paging) {
    put(
        paging,
        at(bptf("b"), "x", "2", 0),
        at(bptf("a"), "x", "2", 0),
        at(skinshark("a"), "x", "2.000", 0),
        at(bptf("c"), "x", "1.5", 0),
        at(bptf("d"), "x", null, 0),
        at(skinshark("d"), "x", null, 0),
        at(bptf("e"), "x", "10", 0));

    assertEquals(
        List.of("bptf/c", "bptf/a", "bptf/b", "skinshark/a", "bptf/e", "bptf/d", "skinshark/d"),
        ids(sorted(ListingSort.VALUE_ASC)));
    assertEquals(
        List.of("bptf/e", "skinshark/a", "bptf/b", "bptf/a", "bptf/c", "skinshark/d", "bptf/d"),
        ids(sorted(ListingSort.VALUE_DESC)));
  }

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void updatedSortsBreakTiesByKey(Search.Paging paging) {
    put(
        paging,
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

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void updatedTimesBeyondTheNanosecondRangeSortExactly(Search.Paging paging) {
    put(
        paging,
        state(bptf("future")).updated(Instant.parse("+10000-01-01T00:00:00Z")).build(),
        state(bptf("future-later")).updated(Instant.MAX).build(),
        state(bptf("past")).updated(Instant.parse("1500-01-01T00:00:00.000000001Z")).build(),
        state(bptf("past-earlier")).updated(Instant.MIN).build(),
        state(bptf("now")).updated(T0).build(),
        state(bptf("now-a")).updated(T0).build());

    assertEquals(
        List.of(
            "bptf/past-earlier",
            "bptf/past",
            "bptf/now",
            "bptf/now-a",
            "bptf/future",
            "bptf/future-later"),
        ids(sorted(ListingSort.UPDATED_ASC)));
    assertEquals(
        List.of(
            "bptf/future-later",
            "bptf/future",
            "bptf/now-a",
            "bptf/now",
            "bptf/past",
            "bptf/past-earlier"),
        ids(sorted(ListingSort.UPDATED_DESC)));
  }

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void pagesAreContiguousAndCarryTheTotal(Search.Paging paging) {
    List<ListingState> states = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      // Many equal values, so only the key tiebreak keeps pages apart.
      states.add(at(bptf(String.format("%02d", i)), "Key", Integer.toString(i % 3), i % 4));
    }
    put(paging, states.toArray(ListingState[]::new));

    List<String> all = ids(sorted(ListingSort.VALUE_DESC));
    List<String> paged = new ArrayList<>();
    for (int page = 1; page <= 3; page++) {
      MarketPage result = model.search(valueDesc(page, 10));
      assertEquals(25, result.total());
      paged.addAll(result.rows().stream().map(s -> s.key().toString()).toList());
    }
    assertEquals(all, paged);
    assertEquals(5, model.search(valueDesc(3, 10)).rows().size());

    MarketPage past = model.search(valueDesc(4, 10));
    assertEquals(List.of(), past.rows());
    assertEquals(25, past.total());
  }

  private static ListingQuery valueDesc(int page, int limit) {
    return new ListingQuery(
        null, null, null, null, null, null, false, ListingSort.VALUE_DESC, page, limit);
  }

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void searchReturnsTheHeldStates(Search.Paging paging) {
    ListingState state =
        state(bptf("1"))
            .name("Key")
            .quality("Unique")
            .value("1.330000000000")
            .updated(Instant.parse("2026-12-01T10:00:00.123456789Z"))
            .seq(7)
            .build();
    model = new MarketModel(paging);
    model.apply(List.of(state));

    assertEquals(List.of(state), model.search(ListingQuery.all()).rows());
  }

  private static ListingQuery sorted(ListingSort sort) {
    return new ListingQuery(null, null, null, null, null, null, false, sort, 1, 100);
  }

  private static ListingQuery byKey(int limit, ListingKey after) {
    return new ListingQuery(
        null, null, null, null, null, null, false, ListingSort.KEY, 1, limit, after);
  }

  private static List<String> ids(MarketPage page) {
    return page.rows().stream().map(s -> s.key().toString()).toList();
  }

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void aCursorWalksEveryListingOnceInKeyOrderWhileOthersChange(Search.Paging paging) {
    put(
        paging,
        at(skinshark("s1"), "S", "1", 0),
        at(bptf("b3"), "B3", "1", 0),
        at(bptf("b1"), "B1", "1", 0),
        at(bptf("b2"), "B2", "1", 0),
        at(bptf("b4"), "B4", "1", 0));

    MarketPage first = model.search(byKey(2, null));
    assertEquals(List.of("bptf/b1", "bptf/b2"), ids(first));
    assertEquals(5, first.total());

    // A listing already read is deleted and another is updated: with offsets the next page would
    // shift; after a key it cannot.
    put(paging, deleted(at(bptf("b1"), "B1", "1", 0)));
    put(paging, state(bptf("b2")).name("B2").value("7").updated(T0.plusSeconds(5)).build());

    MarketPage second = model.search(byKey(2, first.rows().get(1).key()));
    assertEquals(List.of("bptf/b3", "bptf/b4"), ids(second));
    assertEquals(4, second.total(), "the total counts every match, not what is left");
    MarketPage third = model.search(byKey(2, second.rows().get(1).key()));
    assertEquals(List.of("skinshark/s1"), ids(third));
    assertEquals(List.of(), ids(model.search(byKey(2, third.rows().get(0).key()))));
    assertEquals(
        List.of("skinshark/s1"), ids(model.search(byKey(2, bptf("zzz")))), "after a key not held");
  }

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void totalsAreExactPastAThousand(Search.Paging paging) {
    List<ListingState> states = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      states.add(
          state(i % 5 == 0 ? skinshark("s" + i) : bptf("b" + i))
              .name(i % 2 == 0 ? "Team Captain" : "Earbuds")
              .quality(i % 3 == 0 ? "Strange" : "Unique")
              .value(Integer.toString(i % 100))
              .updated(T0.plusSeconds(i % 17))
              .build());
    }
    put(paging, states.toArray(ListingState[]::new));

    assertEquals(5_000, model.search(ListingQuery.all()).total());
    assertEquals(2_500, model.search(query("team")).total());
    assertEquals(1_000, bySource(Source.SKINSHARK).total());
    MarketPage deep =
        model.search(
            new ListingQuery(
                "earbuds",
                Source.BPTF,
                null,
                "strange",
                null,
                null,
                null,
                false,
                ListingSort.UPDATED_DESC,
                7,
                50,
                null));
    List<ListingState> expected =
        states.stream()
            .map(s -> model.state(s.key()).orElseThrow())
            .filter(
                s ->
                    s.key().source() == Source.BPTF
                        && s.itemName().equals("Earbuds")
                        && s.quality().equals("Strange"))
            .sorted(
                (a, b) -> {
                  int byTime = b.updatedAt().compareTo(a.updatedAt());
                  return byTime != 0 ? byTime : b.key().id().compareTo(a.key().id());
                })
            .toList();
    assertEquals(expected.size(), deep.total());
    assertEquals(expected.subList(300, 350), deep.rows());
  }

  private MarketPage bySource(Source source) {
    return model.search(
        new ListingQuery(null, source, null, null, null, null, false, ListingSort.KEY, 1, 10));
  }

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void valuesCompareExactlyBeyondWhatADoubleTells(Search.Paging paging) {
    put(
        paging,
        at(bptf("one"), "x", "1", 0),
        at(bptf("tiny-more"), "x", "1.000000000001", 0),
        at(bptf("e17"), "x", "100000000000000000.000000000001", 0),
        at(bptf("e17-less"), "x", "100000000000000000", 0),
        at(bptf("huge"), "x", "12345678901234567890123456.123456789012", 0));

    assertEquals(
        List.of("bptf/one", "bptf/tiny-more", "bptf/e17-less", "bptf/e17", "bptf/huge"),
        ids(sorted(ListingSort.VALUE_ASC)));
    // 1.0000000000000001 is 1.0 as a double: only an exact comparison leaves 1 out.
    assertEquals(
        List.of("bptf/tiny-more"),
        ids(ranged(new BigDecimal("1.0000000000000001"), new BigDecimal("2"))));
    assertEquals(
        List.of("bptf/e17", "bptf/huge"),
        ids(ranged(new BigDecimal("100000000000000000.0000000000005"), null)));
    assertEquals(
        List.of("bptf/e17-less"),
        ids(
            ranged(
                new BigDecimal("99999999999999999.9999"),
                new BigDecimal("100000000000000000.0000000000009"))));
    assertEquals(
        List.of("bptf/huge"),
        ids(ranged(new BigDecimal("12345678901234567890123456.123456789012"), null)));
  }
}
