package org.tradewatch.core.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.core.market.States.T0;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.item.BookCursor;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.item.ItemPage;
import org.tradewatch.core.item.ItemQuery;
import org.tradewatch.core.item.ItemSort;
import org.tradewatch.core.item.ItemSummary;
import org.tradewatch.core.item.OrderBook;
import org.tradewatch.core.listing.EventDigest;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;

/**
 * Items kept by the model against a naive oracle: random batches of new listings, reprices, moves
 * between items and sides, deletes, revivals, replays and out-of-order states; after each batch
 * every item's book (whole, and walked page by page with cursors, also from cursors of listings
 * that are gone), its best prices, counts, suggested price and last change, and random item
 * searches must be what the oracle computes from the held states by sorting them.
 */
class MarketModelItemsTest {

  private static final ItemKey[] ITEMS = {
    new ItemKey(Source.BPTF, 440, "Team Captain", "Unique", null, true, 0, false, false),
    new ItemKey(Source.BPTF, 440, "Team Captain", "Unique", null, false, 0, false, false),
    new ItemKey(
        Source.BPTF,
        440,
        "Burning Team Captain",
        "Unusual",
        "Burning Flames",
        true,
        0,
        false,
        false),
    new ItemKey(
        Source.BPTF, 730, "AK-47 | Redline (Field-Tested)", null, null, true, 0, false, false),
    new ItemKey(Source.BPTF, 440, "Rocket Launcher", "Strange", null, true, 3, true, true),
    new ItemKey(
        Source.SKINSHARK,
        730,
        "StatTrak\u2122 AK-47 | Redline (Field-Tested)",
        null,
        null,
        true,
        0,
        false,
        false),
    new ItemKey(
        Source.SKINSHARK, 730, "\u2605 Karambit | Doppler", null, null, true, 0, false, false),
  };

  private static final String[] VALUES = {
    null,
    "0",
    "1",
    "1.00",
    "0.11",
    "2.5",
    "2.50",
    "3",
    "10",
    "58.83",
    "1E+3",
    "1000",
    "100000000000000000.000000000001",
    "100000000000000000",
    "12345678901234567890123456.1234"
  };

  private static final String[] TEXTS = {"team", "CAPTAIN", "ak-47", "burning", "karambit", "zz"};

  private final SplittableRandom random = new SplittableRandom(20261208L);
  private final Map<ListingKey, ListingState> held = new HashMap<>();
  private final Map<ItemKey, Instant> lastChange = new HashMap<>();
  private final Map<ItemKey, ListingState> suggestedBy = new HashMap<>();
  private final List<ListingState> applied = new ArrayList<>();
  private final MarketModel model = new MarketModel();
  private String[] ids;
  private long seq;

  @Test
  void itemsAnswerAsTheOracleDoes() {
    run(40, 500, 25);
  }

  @Test
  void itemsWithManyListingsAnswerAsTheOracleDoes() {
    run(3_000, 150, 200);
  }

  private void run(int keys, int batches, int size) {
    ids = new String[keys];
    for (int i = 0; i < keys; i++) {
      ids[i] = i % 3 == 0 ? "440_" + i : "k" + i;
    }
    for (int batch = 0; batch < batches; batch++) {
      List<ListingState> states = new ArrayList<>();
      int count = 1 + random.nextInt(size);
      for (int i = 0; i < count; i++) {
        states.add(next());
      }
      applyToOracle(states);
      model.apply(states);
      if (batch % 10 == 0 || batch == batches - 1) {
        checkBooks();
      }
      for (int q = 0; q < 4; q++) {
        ItemQuery query = randomQuery();
        ItemPage page = model.items(query);
        List<ItemSummary> truth = searchOracle(query);
        assertEquals(truth.size(), page.total(), () -> "total of " + query);
        int from = Math.min(truth.size(), (query.page() - 1) * query.limit());
        assertEquals(
            truth.subList(from, Math.min(truth.size(), from + query.limit())),
            page.items(),
            () -> "page of " + query);
      }
    }
  }

  private void checkBooks() {
    for (ItemKey item : ITEMS) {
      List<ListingState> buys = side(item, Intent.BUY);
      List<ListingState> sells = side(item, Intent.SELL);
      OrderBook book = model.orderBook(item, 1_000_000, null, null).orElse(null);
      if (lastChange.get(item) == null) {
        assertNull(book, "an item never seen");
        continue;
      }
      assertEquals(buys, book.buys(), () -> "buys of " + item);
      assertEquals(sells, book.sells(), () -> "sells of " + item);
      assertNull(book.buysNext());
      assertNull(book.sellsNext());
      assertEquals(summary(item), book.summary(), () -> "summary of " + item);
      int limit = 1 + random.nextInt(7);
      assertEquals(buys, walk(item, Intent.BUY, limit), () -> "buys page by page of " + item);
      assertEquals(sells, walk(item, Intent.SELL, limit), () -> "sells page by page of " + item);
      for (Intent intent : Intent.values()) {
        BookCursor cursor = new BookCursor(value(), pick(ids));
        List<ListingState> all = intent == Intent.BUY ? buys : sells;
        Comparator<ListingState> order = order(intent);
        ListingState place = placeOf(item, cursor);
        List<ListingState> expected =
            all.stream().filter(s -> order.compare(s, place) > 0).limit(limit).toList();
        OrderBook page =
            model
                .orderBook(
                    item,
                    limit,
                    intent == Intent.BUY ? cursor : null,
                    intent == Intent.SELL ? cursor : null)
                .orElseThrow();
        assertEquals(
            expected, intent == Intent.BUY ? page.buys() : page.sells(), () -> "after " + cursor);
      }
    }
  }

  /** A side read page by page, each page after the cursor the last one gave. */
  private List<ListingState> walk(ItemKey item, Intent intent, int limit) {
    List<ListingState> all = new ArrayList<>();
    BookCursor cursor = null;
    do {
      OrderBook page =
          model
              .orderBook(
                  item,
                  limit,
                  intent == Intent.BUY ? cursor : null,
                  intent == Intent.SELL ? cursor : null)
              .orElseThrow();
      List<ListingState> rows = intent == Intent.BUY ? page.buys() : page.sells();
      assertTrue(rows.size() <= limit);
      all.addAll(rows);
      cursor = intent == Intent.BUY ? page.buysNext() : page.sellsNext();
    } while (cursor != null);
    return all;
  }

  /** A stand-in state at a cursor's place, for the oracle's order. */
  private static ListingState placeOf(ItemKey item, BookCursor cursor) {
    return new ListingState(
        new ListingKey(item.source(), cursor.listingId()),
        null,
        null,
        null,
        null,
        cursor.value(),
        T0,
        null,
        EventDigest.of(""),
        T0,
        0);
  }

  private List<ListingState> side(ItemKey item, Intent intent) {
    return held.values().stream()
        .filter(s -> item.equals(s.item()) && !s.deleted() && s.intent() == intent)
        .sorted(order(intent))
        .toList();
  }

  /** Sells cheapest first, buys dearest first, without a value last; then by listing id. */
  private static Comparator<ListingState> order(Intent intent) {
    Comparator<BigDecimal> values =
        intent == Intent.SELL ? Comparator.naturalOrder() : Comparator.reverseOrder();
    return Comparator.comparing(ListingState::value, Comparator.nullsLast(values))
        .thenComparing(s -> s.key().id());
  }

  private ItemSummary summary(ItemKey item) {
    List<ListingState> buys = side(item, Intent.BUY);
    List<ListingState> sells = side(item, Intent.SELL);
    ListingState suggested = suggestedBy.get(item);
    return new ItemSummary(
        item,
        buys.isEmpty() || buys.get(0).value() == null ? null : buys.get(0),
        sells.isEmpty() || sells.get(0).value() == null ? null : sells.get(0),
        buys.size(),
        sells.size(),
        suggested == null ? null : suggested.suggested(),
        lastChange.get(item));
  }

  private List<ItemSummary> searchOracle(ItemQuery query) {
    List<ItemSummary> found = new ArrayList<>();
    Set<ItemKey> distinct = new LinkedHashSet<>(List.of(ITEMS));
    for (ItemKey item : distinct) {
      if (lastChange.get(item) == null) {
        continue;
      }
      ItemSummary summary = summary(item);
      if (summary.buyCount() + summary.sellCount() == 0
          || (query.source() != null && item.source() != query.source())
          || (query.appid() != null && !query.appid().equals(item.appid()))
          || (query.quality() != null && !query.quality().equalsIgnoreCase(item.quality()))
          || (query.q() != null && !lower(item.displayName()).contains(lower(query.q())))) {
        continue;
      }
      found.add(summary);
    }
    Comparator<ItemSummary> byName =
        Comparator.comparing((ItemSummary s) -> lower(s.key().displayName()))
            .thenComparing(s -> s.key().id());
    Comparator<ItemSummary> order =
        switch (query.sort()) {
          case NAME -> byName;
          case LISTINGS ->
              Comparator.comparingInt((ItemSummary s) -> -(s.buyCount() + s.sellCount()))
                  .thenComparing(byName);
          case UPDATED ->
              Comparator.comparing(ItemSummary::lastChange, Comparator.reverseOrder())
                  .thenComparing(byName);
          case SPREAD ->
              Comparator.comparing(
                      ItemSummary::spread, Comparator.nullsLast(Comparator.naturalOrder()))
                  .thenComparing(byName);
        };
    found.sort(order);
    return found;
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private ItemQuery randomQuery() {
    ItemSort sort = pick(ItemSort.values());
    Source source = sort.comparesPrices() || random.nextInt(3) == 0 ? pick(Source.values()) : null;
    Integer[] appids = {null, null, 440, 730};
    String[] qualities = {null, null, "unique", "UNUSUAL", "strange", "Vintage"};
    return new ItemQuery(
        random.nextInt(3) == 0 ? pick(TEXTS) : null,
        source,
        pick(appids),
        pick(qualities),
        sort,
        1 + random.nextInt(3),
        1 + random.nextInt(4));
  }

  /**
   * Applies a batch as the model does: a listing changed more than once in one batch counts as one
   * change, from its state before the batch to its last state in it (the states between are never
   * seen by a reader), so the items of those two get its last update time and suggested price.
   */
  private void applyToOracle(List<ListingState> states) {
    Map<ListingKey, ListingState> before = new LinkedHashMap<>();
    for (ListingState state : states) {
      ListingState was = held.get(state.key());
      if (was != null && state.seq() <= was.seq()) {
        continue;
      }
      if (!before.containsKey(state.key())) {
        before.put(state.key(), was);
      }
      held.put(state.key(), state);
    }
    before.forEach(
        (key, was) -> {
          ListingState state = held.get(key);
          for (ItemKey item : new ItemKey[] {was == null ? null : was.item(), state.item()}) {
            if (item != null) {
              lastChange.merge(item, state.updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
          }
          if (state.item() != null && state.suggested() != null) {
            ListingState suggesting = suggestedBy.get(state.item());
            if (suggesting == null || suggesting.seq() < state.seq()) {
              suggestedBy.put(state.item(), state);
            }
          }
        });
  }

  /** A new listing, a change to a held one, or an old state again. */
  private ListingState next() {
    int kind = random.nextInt(100);
    if (kind < 6 && !applied.isEmpty()) {
      return applied.get(random.nextInt(applied.size()));
    }
    ListingKey key =
        new ListingKey(random.nextInt(4) == 0 ? Source.SKINSHARK : Source.BPTF, pick(ids));
    ListingState was = held.get(key);
    ListingState state;
    if (was == null || kind < 25) {
      state = state(key, item(key), intent(), value(), deletedAt());
    } else if (kind < 60) {
      state = state(key, was.item(), was.intent(), value(), was.deletedAt());
    } else if (kind < 68) {
      state = state(key, item(key), was.intent(), was.value(), was.deletedAt());
    } else if (kind < 74) {
      state = state(key, was.item(), intent(), was.value(), was.deletedAt());
    } else if (kind < 88) {
      state = state(key, was.item(), was.intent(), was.value(), time());
    } else {
      state = state(key, was.item(), was.intent(), was.value(), null);
    }
    applied.add(state);
    return state;
  }

  /** An item of the key's source, or none now and then. */
  private ItemKey item(ListingKey key) {
    if (random.nextInt(12) == 0) {
      return null;
    }
    ItemKey item;
    do {
      item = pick(ITEMS);
    } while (item.source() != key.source());
    return item;
  }

  private ListingState state(
      ListingKey key, ItemKey item, Intent intent, BigDecimal value, Instant deletedAt) {
    String[] suggested = {null, null, "5", "5.50", "7"};
    String suggestion = pick(suggested);
    return new ListingState(
        key,
        item == null ? null : item.appid(),
        item == null ? null : item.name(),
        item == null ? null : item.quality(),
        intent,
        value,
        time(),
        deletedAt,
        EventDigest.of("e" + random.nextInt(1000)),
        time(),
        ++seq,
        item,
        suggestion == null ? null : new BigDecimal(suggestion));
  }

  private Intent intent() {
    Intent[] intents = {null, Intent.BUY, Intent.SELL, Intent.BUY, Intent.SELL};
    return pick(intents);
  }

  private Instant deletedAt() {
    return random.nextInt(6) == 0 ? time() : null;
  }

  private BigDecimal value() {
    String value = pick(VALUES);
    return value == null ? null : new BigDecimal(value);
  }

  private Instant time() {
    Instant time = T0.plusSeconds(random.nextInt(25));
    return random.nextInt(8) == 0 ? time.plusNanos(random.nextInt(1_000_000_000)) : time;
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  @Test
  void aPriceSortNeedsASource() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ItemQuery(null, null, null, null, ItemSort.SPREAD, 1, 10));
    assertTrue(e.getMessage().contains("source"), e.getMessage());
    assertEquals(
        0,
        model.items(new ItemQuery(null, Source.BPTF, null, null, ItemSort.SPREAD, 1, 10)).total());
  }
}
