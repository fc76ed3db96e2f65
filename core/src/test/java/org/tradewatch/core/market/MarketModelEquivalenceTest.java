package org.tradewatch.core.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tradewatch.core.market.States.T0;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
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
 * Thousands of random applies (new listings, reprices, renames, deletes, revivals, replays and
 * out-of-order states, items changing with names), then random queries (the item filters among
 * them), on the model and on a naive oracle: a map of states, filtered with {@link
 * ListingQuery#matches(ListingState)} and sorted by the SQL order written out below. Every page,
 * total and change must be the same, for each way the model finds pages.
 */
class MarketModelEquivalenceTest {

  private static final String[] IDS = {
    "1",
    "2",
    "10",
    "9",
    "a",
    "A",
    "b",
    "440_10000104729",
    "440_9",
    "ss_1aa",
    "Ключ-1",
    "\uD83D\uDD11-key",
    "lone-\uD800",
    "é",
    "zz",
    "x".repeat(ListingKey.MAX_ID_LENGTH)
  };

  private static final String[] NAMES = {
    "Team Captain",
    "TEAM CAPTAIN",
    "Strange Team Captain",
    "Burning Flames Team Captain",
    "Earbuds",
    "100% Pure",
    "snake_case",
    "Ключ от ящика",
    "ΚΛΕΙΔΊ",
    "AK-47 | Redline (Field-Tested)",
    "M4A4 | Neo-Noir (minimal wear)",
    null
  };

  private static final String[] EFFECTS = {
    null, null, "Burning Flames", "burning flames", "Sunbeams", "Ключ"
  };

  private static final String[] EFFECT_QUERIES = {"BURNING FLAMES", "sunbeams", "ключ", "Hearts"};

  private static final String[] TEXTS = {
    "team",
    "TEAM CAP",
    "captain",
    "flames",
    "%",
    "_",
    "e_c",
    "ключ",
    "κλειδί",
    "ak-47 |",
    "x",
    "buds",
    "zzz",
    "a"
  };

  private static final String[] QUALITIES = {
    "Unique", "unique", "Strange", "Ünïque", "Collector's", null
  };

  private static final String[] QUALITY_QUERIES = {
    "unique", " STRANGE ", "ünïque", "Normal", "collector's"
  };

  private static final String[] VALUES = {
    null,
    "0",
    "1",
    "1.00",
    "1.000000000000",
    "1.0000000000000001",
    "0.11",
    "2.5",
    "2.50",
    "3",
    "10",
    "58.83",
    "1E+3",
    "1000",
    "100000000000000000",
    "100000000000000000.000000000001",
    "12345678901234567890123456.123456789012"
  };

  private final SplittableRandom random = new SplittableRandom(20261207L);
  private String[] ids = IDS;
  private final Map<ListingKey, ListingState> oracle = new HashMap<>();
  private final List<ListingState> applied = new ArrayList<>();
  private final List<MarketModel> models =
      List.of(
          new MarketModel(Search.Paging.CHEAPEST),
          new MarketModel(Search.Paging.WALK),
          new MarketModel(Search.Paging.SELECT));
  private long seq;

  @Test
  void theModelAnswersAsTheOracleDoes() {
    run(600, 40, 12, 6);
  }

  /** Thousands of keys: the kept orders split, shrink and merge their blocks. */
  @Test
  void theModelAnswersAsTheOracleDoesAcrossManyBlocks() {
    ids = new String[3_000];
    System.arraycopy(IDS, 0, ids, 0, IDS.length);
    for (int i = IDS.length; i < ids.length; i++) {
      ids[i] = "k" + random.nextInt(1_000_000);
    }
    run(300, 400, 60, 2);
  }

  /**
   * Applies {@code batches} random batches (the first fifty up to {@code firstSize} states, then up
   * to {@code size}), asking {@code queries} random queries after each, then checks every read.
   */
  private void run(int batches, int firstSize, int size, int queries) {
    for (int batch = 0; batch < batches; batch++) {
      List<ListingState> states = new ArrayList<>();
      int count = 1 + random.nextInt(batch < 50 ? firstSize : size);
      for (int i = 0; i < count; i++) {
        states.add(next());
      }
      List<MarketChange> expected = applyToOracle(states);
      for (MarketModel model : models) {
        // Deals ride on the changes; MarketModelDealsOracleTest checks them against an oracle.
        List<MarketChange> listingChanges =
            model.apply(states).stream().map(c -> new MarketChange(c.before(), c.after())).toList();
        assertEquals(expected, listingChanges, "changes of batch " + batch);
      }
      for (int q = 0; q < queries; q++) {
        ListingQuery query = randomQuery();
        MarketPage truth = answer(query);
        for (MarketModel model : models) {
          MarketPage page = model.search(query);
          assertEquals(truth.total(), page.total(), () -> "total of " + query);
          assertEquals(keys(truth), keys(page), () -> "keys of " + query);
          assertEquals(truth.rows(), page.rows(), () -> "rows of " + query);
        }
      }
    }
    for (MarketModel model : models) {
      assertEquals(oracle.size(), model.size());
      assertEquals(oracle, model.states(oracle.keySet()));
      for (Source source : Source.values()) {
        long after = random.nextLong(seq);
        assertEquals(
            new HashSet<>(
                oracle.values().stream()
                    .filter(s -> s.key().source() == source && s.seq() > after)
                    .toList()),
            new HashSet<>(model.changedSince(source, after)));
        Instant before = T0.plusSeconds(random.nextInt(30));
        assertEquals(
            new HashSet<>(
                oracle.values().stream()
                    .filter(
                        s ->
                            s.key().source() == source
                                && !s.deleted()
                                && s.lastEventAt().isBefore(before))
                    .map(ListingState::key)
                    .toList()),
            new HashSet<>(model.liveBefore(source, before)));
      }
    }
  }

  private List<MarketChange> applyToOracle(List<ListingState> states) {
    List<MarketChange> changes = new ArrayList<>();
    for (ListingState state : states) {
      ListingState held = oracle.get(state.key());
      if (held == null || state.seq() > held.seq()) {
        oracle.put(state.key(), state);
        changes.add(new MarketChange(held, state));
      }
    }
    return changes;
  }

  /** A new listing, a change to a held one, or an old state again. */
  private ListingState next() {
    int kind = random.nextInt(100);
    if (kind < 8 && !applied.isEmpty()) {
      // A replay, or a state that arrives after a newer one: its seq is not newer.
      return applied.get(random.nextInt(applied.size()));
    }
    Source source = random.nextInt(4) == 0 ? Source.SKINSHARK : Source.BPTF;
    ListingKey key = new ListingKey(source, pick(ids));
    ListingState held = oracle.get(key);
    ListingState state;
    if (held == null || kind < 30) {
      state = fresh(key);
    } else if (kind < 55) {
      state = with(held, value(), held.itemName(), held.quality(), held.deletedAt());
    } else if (kind < 70) {
      String name = pick(NAMES);
      state = with(held, held.value(), name, pick(QUALITIES), held.deletedAt(), item(key, name));
    } else if (kind < 85) {
      state = with(held, held.value(), held.itemName(), held.quality(), time());
    } else {
      state = with(held, held.value(), held.itemName(), held.quality(), null);
    }
    applied.add(state);
    return state;
  }

  private ListingState fresh(ListingKey key) {
    Intent[] intents = {null, Intent.BUY, Intent.SELL};
    Integer[] appids = {null, 440, 730};
    String name = pick(NAMES);
    return new ListingState(
        key,
        appids[random.nextInt(3)],
        name,
        pick(QUALITIES),
        intents[random.nextInt(3)],
        value(),
        time(),
        random.nextInt(5) == 0 ? time() : null,
        EventDigest.of("e" + random.nextInt(1000)),
        time(),
        ++seq,
        item(key, name),
        null);
  }

  private ListingState with(
      ListingState held, BigDecimal value, String name, String quality, Instant deletedAt) {
    return with(held, value, name, quality, deletedAt, held.item());
  }

  private ListingState with(
      ListingState held,
      BigDecimal value,
      String name,
      String quality,
      Instant deletedAt,
      ItemKey item) {
    return new ListingState(
        held.key(),
        held.appid(),
        name,
        quality,
        held.intent(),
        value,
        time(),
        deletedAt,
        EventDigest.of("e" + random.nextInt(1000)),
        time(),
        ++seq,
        item,
        null);
  }

  /** A random item of that name (none for no name): effect, killstreak, craftable, australium. */
  private ItemKey item(ListingKey key, String name) {
    if (name == null || random.nextInt(6) == 0) {
      return null;
    }
    return new ItemKey(
        key.source(),
        440,
        name,
        null,
        pick(EFFECTS),
        random.nextInt(4) != 0,
        random.nextInt(3) == 0 ? random.nextInt(4) : 0,
        random.nextInt(4) == 0,
        false);
  }

  /** No item filter most of the time; else one to five of them. */
  private ItemFilter itemFilter() {
    if (random.nextInt(3) != 0) {
      return ItemFilter.ANY;
    }
    Boolean[] bools = {null, null, true, false};
    Integer[] tiers = {null, null, null, 0, 1, 2, 3};
    Wear[] wears = {null, null, Wear.FIELD_TESTED, Wear.MINIMAL_WEAR, Wear.FACTORY_NEW};
    return new ItemFilter(
        random.nextInt(3) == 0 ? pick(EFFECT_QUERIES) : null,
        pick(tiers),
        pick(bools),
        pick(bools),
        pick(wears));
  }

  private BigDecimal value() {
    String value = pick(VALUES);
    return value == null ? null : new BigDecimal(value);
  }

  /** A time among few, so that updated times often tie; now and then with nanoseconds. */
  private Instant time() {
    Instant time = T0.plusSeconds(random.nextInt(25));
    return random.nextInt(8) == 0 ? time.plusNanos(random.nextInt(1_000_000_000)) : time;
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private ListingQuery randomQuery() {
    ListingSort sort = pick(ListingSort.values());
    boolean cursor = sort == ListingSort.KEY && random.nextBoolean();
    BigDecimal min = random.nextInt(4) == 0 ? value() : null;
    BigDecimal max = random.nextInt(4) == 0 ? value() : null;
    if (min != null && max != null && min.compareTo(max) > 0) {
      BigDecimal swap = min;
      min = max;
      max = swap;
    }
    Integer[] appids = {null, null, null, 440, 730};
    return new ListingQuery(
        random.nextInt(3) == 0 ? pick(TEXTS) : null,
        random.nextInt(3) == 0 ? pick(Source.values()) : null,
        random.nextInt(4) == 0 ? pick(Intent.values()) : null,
        random.nextInt(5) == 0 ? pick(QUALITY_QUERIES) : null,
        pick(appids),
        min,
        max,
        random.nextInt(3) == 0,
        sort,
        cursor ? 1 : 1 + random.nextInt(4),
        1 + random.nextInt(12),
        cursor ? new ListingKey(pick(Source.values()), pick(ids)) : null,
        itemFilter());
  }

  /** The oracle's page: every held state filtered one by one, sorted as the SQL says. */
  private MarketPage answer(ListingQuery query) {
    Comparator<ListingState> order = sqlOrder(query.sort());
    List<ListingState> matching =
        oracle.values().stream().filter(query::matches).sorted(order).toList();
    List<ListingState> rest = matching;
    if (query.after() != null) {
      ListingState afterKey =
          new ListingState(
              query.after(), null, null, null, null, null, T0, null, EventDigest.of(""), T0, 0);
      rest = matching.stream().filter(s -> KEY.compare(s, afterKey) > 0).toList();
    }
    List<ListingState> page = rest.stream().skip(query.offset()).limit(query.limit()).toList();
    return new MarketPage(page, matching.size());
  }

  private static final Comparator<ListingState> KEY =
      Comparator.<ListingState, String>comparing(s -> s.key().source().id())
          .thenComparing(s -> s.key().id());

  /**
   * The SQL store's ORDER BY: value ASC NULLS LAST, source ASC, listing_id ASC; value DESC NULLS
   * LAST, source DESC, listing_id DESC; updated_at ASC, source ASC, listing_id ASC; updated_at
   * DESC, source DESC, listing_id DESC; source ASC, listing_id ASC.
   */
  private static Comparator<ListingState> sqlOrder(ListingSort sort) {
    return switch (sort) {
      case VALUE_ASC ->
          Comparator.comparing(
                  ListingState::value, Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder()))
              .thenComparing(KEY);
      case VALUE_DESC ->
          Comparator.comparing(
                  ListingState::value, Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
              .thenComparing(KEY.reversed());
      case UPDATED_ASC -> Comparator.comparing(ListingState::updatedAt).thenComparing(KEY);
      case UPDATED_DESC ->
          Comparator.comparing(ListingState::updatedAt, Comparator.reverseOrder())
              .thenComparing(KEY.reversed());
      case KEY -> KEY;
    };
  }

  private static List<String> keys(MarketPage page) {
    return page.rows().stream().map(s -> s.key().toString()).toList();
  }
}
