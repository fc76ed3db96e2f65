package org.tradewatch.core.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.core.market.States.T0;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.deal.Deal;
import org.tradewatch.core.deal.DealChange;
import org.tradewatch.core.deal.DealPage;
import org.tradewatch.core.deal.DealQuery;
import org.tradewatch.core.deal.DealReason;
import org.tradewatch.core.deal.DealRules;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.PriceUnit;
import org.tradewatch.core.listing.Source;

/**
 * Deals kept by the model against a naive oracle: random batches of listings appearing, repriced,
 * moved between items, sides and units, deleted and revived, with suggested prices coming and
 * going; after each batch the open deals must be those the oracle finds by looking at every held
 * listing, and the deal changes the batch reported, replayed on the previous open deals, must give
 * the open deals now (one change per listing, each starting from the deal that was open).
 */
class MarketModelDealsOracleTest {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private static final ItemKey[] ITEMS = {
    MarketModelDealsTest.CAPTAIN,
    MarketModelDealsTest.EARBUDS,
    new ItemKey(
        Source.BPTF, 730, "AK-47 | Redline (Field-Tested)", null, null, true, 0, false, false),
    MarketModelDealsTest.KARAMBIT,
  };

  private static final String[] VALUES = {
    null,
    "0",
    "1",
    "1.00",
    "2.5",
    "4",
    "4.5",
    "5",
    "9",
    "9.99",
    "10",
    "10.0",
    "11",
    "20",
    "100000000000000000",
    "100000000000000000.000000000001"
  };

  private static final String[] SUGGESTED = {
    null, null, null, "0", "5", "10", "11.12", "20", "111111111111111111.2"
  };

  private SplittableRandom random = new SplittableRandom(20261209L);
  private final DealRules rules = new DealRules(new BigDecimal("12.5"));
  private MarketModel model = new MarketModel(rules);
  private final Map<ListingKey, ListingState> held = new HashMap<>();
  private final Map<ItemKey, ListingState> suggestedBy = new HashMap<>();
  private final Map<ListingKey, Deal> replayed = new HashMap<>();
  private long seq;

  @Test
  void dealsAreWhatTheOracleFindsAndTheChangesReplayToThem() {
    run(30, 600, 12);
  }

  @Test
  void dealsOfCrowdedItemsAreWhatTheOracleFinds() {
    run(400, 120, 80);
  }

  /** Other markets drawn the same way: the rules must hold whatever the draw. */
  @Test
  void dealsAreWhatTheOracleFindsInOtherDraws() {
    for (long seed = 1; seed <= 6; seed++) {
      random = new SplittableRandom(seed);
      model = new MarketModel(rules);
      held.clear();
      suggestedBy.clear();
      replayed.clear();
      run(60, 150, 30);
    }
  }

  private void run(int keys, int batches, int size) {
    int checked = 0;
    for (int batch = 0; batch < batches; batch++) {
      Map<ListingKey, ListingState> last = new LinkedHashMap<>();
      int count = 1 + random.nextInt(size);
      for (int i = 0; i < count; i++) {
        ListingState state = next(keys, batch);
        last.put(state.key(), state);
      }
      List<MarketChange> changes = model.apply(new ArrayList<>(last.values()));
      for (ListingState state : last.values()) {
        held.put(state.key(), state);
        if (state.item() != null && state.suggested() != null) {
          ListingState was = suggestedBy.get(state.item());
          if (was == null || was.seq() < state.seq()) {
            suggestedBy.put(state.item(), state);
          }
        }
      }
      Set<ListingKey> changed = new HashSet<>();
      for (MarketChange change : changes) {
        for (DealChange deal : change.deals()) {
          assertTrue(changed.add(deal.listing()), "one change a listing: " + deal);
          assertEquals(replayed.get(deal.listing()), deal.before(), "from the deal that was open");
          if (deal.closed()) {
            replayed.remove(deal.listing());
          } else {
            replayed.put(deal.listing(), deal.after());
          }
        }
      }
      Map<ListingKey, Deal> open = open();
      Map<ListingKey, Deal> expected = oracle();
      assertEquals(expected.keySet(), open.keySet(), "batch " + batch);
      for (Deal deal : expected.values()) {
        Deal found = open.get(deal.listing());
        assertTrue(deal.sameFigures(found), "batch " + batch + ": " + deal + " vs " + found);
      }
      assertEquals(replayed, open, "batch " + batch);
      checked += open.size();
      searchesFilterAsTheQueryDoes(open);
    }
    assertTrue(checked > batches, "deals were open along the way: " + checked);
  }

  private static final String[] DISCOUNTS = {null, "0", "12.5", "20", "50", "100"};
  private static final String[] PROFITS = {
    null, "0", "0.5", "1", "5.5", "10", "0.000000000001", "99999999999999980"
  };

  /** A search with random filters finds, newest first, the open deals its filters pass. */
  private void searchesFilterAsTheQueryDoes(Map<ListingKey, Deal> open) {
    Source source = random.nextBoolean() ? null : Source.values()[random.nextInt(2)];
    String profit = source == null ? null : PROFITS[random.nextInt(PROFITS.length)];
    String discount = DISCOUNTS[random.nextInt(DISCOUNTS.length)];
    Integer appid = random.nextInt(4) == 0 ? 730 : null;
    int limit = 1 + random.nextInt(5);
    DealQuery query =
        new DealQuery(
            source,
            appid,
            profit == null ? null : new BigDecimal(profit),
            discount == null ? null : new BigDecimal(discount),
            1 + random.nextInt(3),
            limit);
    List<Deal> expected =
        open.values().stream()
            .filter(query::matches)
            .sorted(
                (a, b) -> {
                  int byTime = b.openedAt().compareTo(a.openedAt());
                  return byTime != 0 ? byTime : ListingTable.compareKeys(a.listing(), b.listing());
                })
            .toList();
    DealPage page = model.deals(query);
    assertEquals(expected.size(), page.total(), query.toString());
    int from = Math.min(expected.size(), (query.page() - 1) * limit);
    assertEquals(
        expected.subList(from, Math.min(expected.size(), from + limit)),
        page.deals(),
        query.toString());
  }

  private ListingState next(int keys, int batch) {
    int index = random.nextInt(keys);
    // Most listings of a key stay with one item; some move to another, or name none.
    ItemKey item =
        random.nextInt(10) == 0
            ? ITEMS[random.nextInt(ITEMS.length)]
            : ITEMS[index % 7 < 3 ? 0 : index % ITEMS.length];
    if (random.nextInt(12) == 0) {
      item = null;
    }
    Source source = item == null ? Source.BPTF : item.source();
    ListingKey key = new ListingKey(source, "k" + index);
    String unit;
    if (source == Source.BPTF) {
      unit = random.nextInt(8) == 0 ? null : PriceUnit.REF;
    } else {
      unit = random.nextInt(4) == 0 ? "EUR" : PriceUnit.USD;
    }
    Intent intent =
        random.nextInt(20) == 0 ? null : random.nextInt(5) < 2 ? Intent.BUY : Intent.SELL;
    String value = VALUES[random.nextInt(VALUES.length)];
    return States.state(key)
        .name(item == null ? "Nothing" : item.displayName())
        .item(item)
        .intent(intent)
        .value(value)
        .unit(value == null ? null : unit)
        .suggested(SUGGESTED[random.nextInt(SUGGESTED.length)])
        .updated(T0.plusSeconds(batch))
        .deleted(random.nextInt(7) == 0 ? T0.plusSeconds(batch) : null)
        .seq(++seq)
        .build();
  }

  private Map<ListingKey, Deal> open() {
    Map<ListingKey, Deal> open = new HashMap<>();
    for (int page = 1; ; page++) {
      DealPage found =
          model.deals(new DealQuery(null, null, null, null, page, DealQuery.MAX_LIMIT));
      for (Deal deal : found.deals()) {
        assertNotNull(deal.openedAt());
        open.put(deal.listing(), deal);
      }
      if (found.deals().size() < DealQuery.MAX_LIMIT) {
        assertEquals(open.size(), found.total());
        return open;
      }
    }
  }

  /** The deals, found by looking at every held listing. */
  private Map<ListingKey, Deal> oracle() {
    Map<ListingKey, Deal> deals = new TreeMap<>(ListingTable::compareKeys);
    for (ListingState sell : held.values()) {
      if (sell.deleted()
          || sell.intent() != Intent.SELL
          || sell.item() == null
          || sell.value() == null
          || sell.priceUnit() == null) {
        continue;
      }
      ListingState best = null;
      for (ListingState buy : held.values()) {
        if (buy.deleted()
            || buy.intent() != Intent.BUY
            || !sell.item().equals(buy.item())
            || buy.value() == null
            || !sell.priceUnit().equals(buy.priceUnit())) {
          continue;
        }
        int c = best == null ? 1 : buy.value().compareTo(best.value());
        if (c > 0 || (c == 0 && ListingTable.compareKeys(buy.key(), best.key()) < 0)) {
          best = buy;
        }
      }
      if (best != null && sell.value().compareTo(best.value()) < 0) {
        deals.put(
            sell.key(),
            new Deal(
                sell.key(),
                sell.item(),
                DealReason.BELOW_BEST_BUY,
                sell.priceUnit(),
                sell.value(),
                best.value(),
                best.key(),
                null,
                T0));
        continue;
      }
      ListingState suggesting = suggestedBy.get(sell.item());
      BigDecimal suggested = suggesting == null ? null : suggesting.suggested();
      if (suggested != null
          && suggested.signum() > 0
          && sell.priceUnit().equals(PriceUnit.ofSuggested(sell.key().source()))
          && suggested
                  .subtract(sell.value())
                  .multiply(HUNDRED)
                  .compareTo(rules.minDiscount().multiply(suggested))
              >= 0) {
        deals.put(
            sell.key(),
            new Deal(
                sell.key(),
                sell.item(),
                DealReason.UNDER_SUGGESTED,
                sell.priceUnit(),
                sell.value(),
                null,
                null,
                suggested,
                T0));
      }
    }
    return deals;
  }
}
