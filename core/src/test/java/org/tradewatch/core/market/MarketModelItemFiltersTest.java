package org.tradewatch.core.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tradewatch.core.market.States.T0;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.item.Wear;
import org.tradewatch.core.listing.EventDigest;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ItemFilter;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;

/**
 * The item filters (effect, killstreak, craftable, australium, wear) on a market whose counts are
 * known by construction: exact totals, alone and with the other filters, with each way the model
 * finds pages, and after listings change their item.
 */
class MarketModelItemFiltersTest {

  private static final String[] EFFECTS = {"Burning Flames", "Sunbeams", "Hearts"};
  private static final String[] SKINS = {
    "AK-47 | Redline (Field-Tested)",
    "AWP | Asiimov (Battle-Scarred)",
    "M4A4 | Neo-Noir (Factory New)",
    "\u2605 Karambit"
  };

  /** Listings of each source; bptf listing i is described by {@link #bptfItem}. */
  private static final int COUNT = 6_000;

  private long seq;

  private ListingState state(ListingKey key, ItemKey item, int value, boolean deleted) {
    return new ListingState(
        key,
        key.source() == Source.BPTF ? 440 : 730,
        item == null ? null : item.name(),
        null,
        value % 2 == 0 ? Intent.SELL : Intent.BUY,
        BigDecimal.valueOf(value),
        T0.plusSeconds(value),
        deleted ? T0.plusSeconds(value + 1) : null,
        EventDigest.of("e" + seq),
        T0,
        ++seq,
        item,
        null);
  }

  /**
   * Listing i: unusual (effect i % 3) when i % 4 == 0, killstreak tier i % 5 when under 4 (else
   * none), not craftable when i % 7 == 0, australium when i % 11 == 0; every 13th names no item.
   */
  private static ItemKey bptfItem(int i) {
    if (i % 13 == 0) {
      return null;
    }
    return new ItemKey(
        Source.BPTF,
        440,
        "Item " + (i % 50),
        i % 4 == 0 ? "Unusual" : "Unique",
        i % 4 == 0 ? EFFECTS[i % 3] : null,
        i % 7 != 0,
        i % 5 < 4 ? i % 5 : 0,
        i % 11 == 0,
        false);
  }

  private static ItemKey skin(int i) {
    return new ItemKey(Source.SKINSHARK, 730, SKINS[i % 4], null, null, true, 0, false, false);
  }

  private MarketModel market(Search.Paging paging) {
    MarketModel model = new MarketModel(paging);
    List<ListingState> states = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      states.add(state(new ListingKey(Source.BPTF, "440_" + i), bptfItem(i), i, false));
      states.add(state(new ListingKey(Source.SKINSHARK, "ss_" + i), skin(i), i, false));
      if (states.size() >= 500) {
        model.apply(states);
        states.clear();
      }
    }
    model.apply(states);
    return model;
  }

  private static ListingQuery query(ItemFilter filter) {
    return ListingQuery.all().withItemFilter(filter);
  }

  /** Bptf listings i in [0, COUNT) passing {@code test}, counted one by one. */
  private static long bptfCount(java.util.function.IntPredicate test) {
    return java.util.stream.IntStream.range(0, COUNT).filter(test).count();
  }

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void eachItemFilterCountsExactly(Search.Paging paging) {
    MarketModel model = market(paging);
    assertEquals(
        bptfCount(i -> i % 13 != 0 && i % 4 == 0 && i % 3 == 0),
        model.search(query(new ItemFilter("burning FLAMES", null, null, null, null))).total());
    assertEquals(
        bptfCount(i -> i % 13 != 0 && i % 4 == 0 && i % 3 == 1),
        model.search(query(new ItemFilter("Sunbeams", null, null, null, null))).total());
    assertEquals(
        0, model.search(query(new ItemFilter("Vivid Plasma", null, null, null, null))).total());
    for (int tier = 1; tier <= 3; tier++) {
      int wanted = tier;
      assertEquals(
          bptfCount(i -> i % 13 != 0 && i % 5 == wanted),
          model.search(query(new ItemFilter(null, tier, null, null, null))).total());
    }
    // No killstreak: bptf listings without a tier or an item, and every skin.
    assertEquals(
        bptfCount(i -> i % 13 == 0 || i % 5 == 0 || i % 5 == 4) + COUNT,
        model.search(query(new ItemFilter(null, 0, null, null, null))).total());
    assertEquals(
        bptfCount(i -> i % 13 != 0 && i % 7 == 0),
        model.search(query(new ItemFilter(null, null, false, null, null))).total());
    assertEquals(
        bptfCount(i -> i % 13 == 0 || i % 7 != 0) + COUNT,
        model.search(query(new ItemFilter(null, null, true, null, null))).total());
    assertEquals(
        bptfCount(i -> i % 13 != 0 && i % 11 == 0),
        model.search(query(new ItemFilter(null, null, null, true, null))).total());
    assertEquals(
        COUNT / 4,
        model.search(query(new ItemFilter(null, null, null, null, Wear.FIELD_TESTED))).total());
    assertEquals(
        0, model.search(query(new ItemFilter(null, null, null, null, Wear.WELL_WORN))).total());
    // All at once.
    assertEquals(
        bptfCount(
            i ->
                i % 13 != 0 && i % 4 == 0 && i % 3 == 2 && i % 5 == 2 && i % 7 == 0 && i % 11 != 0),
        model.search(query(new ItemFilter("hearts", 2, false, false, null))).total());
  }

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void itemFiltersCombineWithTheOthersAndPagesHoldOnlyMatches(Search.Paging paging) {
    MarketModel model = market(paging);
    ItemFilter specialized = new ItemFilter(null, 2, null, null, null);
    ListingQuery query =
        new ListingQuery(
            null,
            Source.BPTF,
            Intent.SELL,
            null,
            440,
            new BigDecimal("1000"),
            new BigDecimal("3999"),
            false,
            ListingSort.VALUE_ASC,
            2,
            25,
            null,
            specialized);
    List<Integer> expected =
        java.util.stream.IntStream.range(1000, 4000)
            .filter(i -> i % 2 == 0 && i % 13 != 0 && i % 5 == 2)
            .boxed()
            .toList();
    MarketPage page = model.search(query);
    assertEquals(expected.size(), page.total());
    assertEquals(
        expected.subList(25, 50).stream().map(i -> "bptf/440_" + i).toList(),
        page.rows().stream().map(s -> s.key().toString()).toList());

    ListingQuery skins =
        new ListingQuery(
            "redline",
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            ListingSort.UPDATED_DESC,
            1,
            500,
            null,
            new ItemFilter(null, null, null, null, Wear.FIELD_TESTED));
    assertEquals(COUNT / 4, model.search(skins).total());
    assertEquals(
        0,
        model
            .search(skins.withItemFilter(new ItemFilter(null, null, null, null, Wear.FACTORY_NEW)))
            .total());
  }

  @ParameterizedTest
  @EnumSource(Search.Paging.class)
  void aListingThatChangesItsItemOrIsDeletedMovesBetweenTheFilters(Search.Paging paging) {
    MarketModel model = market(paging);
    ItemFilter burning = new ItemFilter("Burning Flames", null, null, null, null);
    long before = model.search(query(burning)).total();
    // 440_12 is a Burning Flames unusual: deleted, it leaves; 440_1 becomes one.
    ListingKey first = new ListingKey(Source.BPTF, "440_12");
    ListingKey second = new ListingKey(Source.BPTF, "440_1");
    ItemKey flames =
        new ItemKey(Source.BPTF, 440, "Item 1", "Unusual", "Burning Flames", true, 0, false, false);
    model.apply(List.of(state(first, bptfItem(12), 12, true), state(second, flames, 1, false)));
    ListingQuery byKey =
        new ListingQuery(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            ListingSort.KEY,
            1,
            500,
            null,
            burning);
    MarketPage live = model.search(byKey);
    assertEquals(before, live.total());
    Set<String> keys = new HashSet<>();
    live.rows().forEach(s -> keys.add(s.key().id()));
    assertEquals(before, keys.size());
    assertEquals(true, keys.contains("440_1"));
    assertEquals(false, keys.contains("440_12"));
    ListingQuery withDeleted =
        new ListingQuery(
            null, null, null, null, null, null, null, true, ListingSort.KEY, 1, 500, null, burning);
    assertEquals(before + 1, model.search(withDeleted).total());
    // Its killstreak tier gone, 440_2 (Specialized) leaves that filter.
    ItemFilter tier2 = new ItemFilter(null, 2, null, null, null);
    long specialized = model.search(query(tier2)).total();
    model.apply(
        List.of(
            state(
                new ListingKey(Source.BPTF, "440_2"),
                new ItemKey(Source.BPTF, 440, "Item 2", "Unique", null, true, 0, false, false),
                2,
                false)));
    assertEquals(specialized - 1, model.search(query(tier2)).total());
  }

  /**
   * More distinct effects than a 16-bit code holds (junk upstream text, never real effects): those
   * beyond are read from the item, and still counted exactly.
   */
  @Test
  void effectsBeyondTheCodesAreStillFoundExactly() {
    MarketModel model = new MarketModel();
    int count = ListingTable.EFFECT_OVERFLOW + 10;
    List<ListingState> states = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ItemKey item =
          new ItemKey(Source.BPTF, 440, "Hat", "Unusual", "Effect " + i, true, 0, false, false);
      states.add(state(new ListingKey(Source.BPTF, "440_" + i), item, i, false));
      if (states.size() == 10_000) {
        model.apply(states);
        states.clear();
      }
    }
    model.apply(states);
    for (int i : new int[] {0, 1, count / 2, count - 11, count - 10, count - 1}) {
      ItemFilter effect = new ItemFilter("EFFECT " + i, null, null, null, null);
      MarketPage page = model.search(query(effect));
      assertEquals(1, page.total(), "Effect " + i);
      assertEquals("440_" + i, page.rows().get(0).key().id());
    }
    assertEquals(
        0, model.search(query(new ItemFilter("Effect " + count, null, null, null, null))).total());
  }
}
