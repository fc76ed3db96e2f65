package org.tradewatch.core.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tradewatch.core.deal.Deal;
import org.tradewatch.core.deal.DealChange;
import org.tradewatch.core.deal.DealPage;
import org.tradewatch.core.deal.DealQuery;
import org.tradewatch.core.deal.DealReason;
import org.tradewatch.core.deal.DealRules;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.PriceUnit;

/**
 * The open deals, kept as the model changes so that none is found by scanning listings: a sell
 * listing is a deal when it is priced below the best buy order of its item in its own price unit,
 * or at least {@link DealRules#minDiscount()} percent under the item's suggested price (in the
 * suggested price's unit).
 *
 * <p>A batch re-reads the deals of each item it touched, from the item's book: its sell listings
 * are sorted cheapest first, so the deals are a prefix of them, and reading stops at the first
 * listing priced at or above both the top buy order and the suggested bound. An item costs the
 * deals it has and one listing more.
 *
 * <p>Changed only in the model's write section ({@link #update}); read under its read lock.
 */
final class DealBook {

  /** Newest first; distinct deals are distinct listings, so the key breaks every tie. */
  private static final Comparator<Deal> NEWEST_FIRST =
      (a, b) -> {
        int byTime = b.openedAt().compareTo(a.openedAt());
        return byTime != 0 ? byTime : ListingTable.compareKeys(a.listing(), b.listing());
      };

  private final ListingTable table;
  private final ItemIndex items;
  private final DealRules rules;

  private final Map<Integer, Deal> bySlot = new HashMap<>();
  private final Map<Integer, List<Integer>> slotsByItem = new HashMap<>();
  private final TreeSet<Deal> newestFirst = new TreeSet<>(NEWEST_FIRST);

  DealBook(ListingTable table, ItemIndex items, DealRules rules) {
    this.table = table;
    this.items = items;
    this.rules = rules;
  }

  DealRules rules() {
    return rules;
  }

  /**
   * Re-reads the deals of the items a batch touched, each with the latest time of its changes in
   * the batch, and returns what changed, per item: at most one change per listing, under the item
   * of the deal it opened (or, for a close, of the deal it closed). Runs in the write section,
   * after the batch's rows and books are stored.
   */
  Map<Integer, List<DealChange>> update(Map<Integer, Instant> touched) {
    Map<Integer, Found> found = new LinkedHashMap<>();
    for (Map.Entry<Integer, Instant> item : touched.entrySet()) {
      read(item.getKey(), item.getValue(), found);
    }
    Map<Integer, List<DealChange>> changes = new LinkedHashMap<>();
    // Closes first, so that a listing that moved to another item is met once, as a change.
    for (Map.Entry<Integer, Instant> item : touched.entrySet()) {
      int id = item.getKey();
      List<Integer> open = slotsByItem.get(id);
      if (open == null) {
        continue;
      }
      for (Iterator<Integer> slots = open.iterator(); slots.hasNext(); ) {
        int slot = slots.next();
        if (found.containsKey(slot)) {
          continue;
        }
        slots.remove();
        Deal was = bySlot.remove(slot);
        newestFirst.remove(was);
        changes
            .computeIfAbsent(id, ignored -> new ArrayList<>())
            .add(new DealChange(was, null, item.getValue()));
      }
      if (open.isEmpty()) {
        slotsByItem.remove(id);
      }
    }
    for (Map.Entry<Integer, Found> entry : found.entrySet()) {
      int slot = entry.getKey();
      Found now = entry.getValue();
      Deal was = bySlot.get(slot);
      Deal deal = now.deal;
      if (was != null) {
        if (was.sameFigures(deal)) {
          continue;
        }
        // Still a deal, on other figures: it stays open since it opened.
        deal = deal.openedAt(was.openedAt());
        newestFirst.remove(was);
        int wasItem = items.find(was.item());
        if (wasItem != now.item) {
          List<Integer> old = slotsByItem.get(wasItem);
          old.remove((Integer) slot);
          if (old.isEmpty()) {
            slotsByItem.remove(wasItem);
          }
          slotsByItem.computeIfAbsent(now.item, ignored -> new ArrayList<>(2)).add(slot);
        }
      } else {
        slotsByItem.computeIfAbsent(now.item, ignored -> new ArrayList<>(2)).add(slot);
      }
      bySlot.put(slot, deal);
      newestFirst.add(deal);
      changes
          .computeIfAbsent(now.item, ignored -> new ArrayList<>())
          .add(new DealChange(was, deal, now.at));
    }
    return changes;
  }

  /** A listing found a deal now, and its item. */
  private record Found(Deal deal, int item, Instant at) {}

  /** Puts the item's deals, as its book and suggested price make them now, into {@code found}. */
  private void read(int id, Instant at, Map<Integer, Found> found) {
    if (id == ItemIndex.NONE) {
      return;
    }
    int sellCount = items.sellCount(id);
    if (sellCount == 0) {
      return;
    }
    ValueColumn values = table.values();
    int topBuy = items.buyCount(id) == 0 ? -1 : items.buySlot(id, 0);
    if (topBuy >= 0 && values.isNull(topBuy)) {
      topBuy = -1;
    }
    ItemKey key = items.key(id);
    int suggestedUnit = -1;
    double boundApprox = Double.NaN;
    ValueColumn.Bound bound = null;
    BigDecimal suggested = null;
    double suggestedApprox = items.suggestedApprox(id);
    if (suggestedApprox > 0) {
      suggestedUnit = table.unitIdOf(PriceUnit.ofSuggested(key.source()));
      if (suggestedUnit > Dictionary.NULL_ID) {
        // The double only screens: a price clearly above it is no deal, the rest are exact.
        boundApprox =
            suggestedApprox * (100 - rules.minDiscount().doubleValue()) / 100 * (1 + 1e-9);
      }
    }
    if (topBuy < 0 && Double.isNaN(boundApprox)) {
      return;
    }
    int[] bestByUnit = null;
    for (int i = 0; i < sellCount; i++) {
      int slot = items.sellSlot(id, i);
      if (values.isNull(slot)) {
        break;
      }
      boolean belowTop = topBuy >= 0 && values.compare(slot, topBuy) < 0;
      boolean underBound = false;
      if (values.approx(slot) <= boundApprox) {
        if (bound == null) {
          suggested = items.suggested(id);
          bound = ValueColumn.Bound.of(rules.underSuggestedBound(suggested));
        }
        underBound = values.compareTo(slot, bound) <= 0;
      }
      if (!belowTop && !underBound) {
        // Sells are cheapest first: none after this one is below either.
        break;
      }
      int unit = table.unitId(slot);
      if (unit == Dictionary.NULL_ID) {
        continue;
      }
      if (belowTop) {
        if (bestByUnit == null) {
          bestByUnit = new int[] {-1, -1};
        }
        int best = bestBuy(id, unit, bestByUnit);
        if (best >= 0 && values.compare(slot, best) < 0) {
          found.put(
              slot,
              new Found(
                  new Deal(
                      table.key(slot),
                      key,
                      DealReason.BELOW_BEST_BUY,
                      table.unitName(unit),
                      values.get(slot),
                      values.get(best),
                      table.key(best),
                      null,
                      at),
                  id,
                  at));
          continue;
        }
      }
      if (underBound && unit == suggestedUnit) {
        found.put(
            slot,
            new Found(
                new Deal(
                    table.key(slot),
                    key,
                    DealReason.UNDER_SUGGESTED,
                    table.unitName(unit),
                    values.get(slot),
                    null,
                    null,
                    suggested,
                    at),
                id,
                at));
      }
    }
  }

  /**
   * The item's highest buy order priced in {@code unit}, -1 if none: the first of its book in that
   * unit. {@code cache} remembers the last unit asked and its answer, as an item's sells are almost
   * always in one unit.
   */
  private int bestBuy(int id, int unit, int[] cache) {
    if (cache[0] == unit) {
      return cache[1];
    }
    int best = -1;
    int count = items.buyCount(id);
    for (int i = 0; i < count; i++) {
      int slot = items.buySlot(id, i);
      if (table.values().isNull(slot)) {
        break;
      }
      if (table.unitId(slot) == unit) {
        best = slot;
        break;
      }
    }
    cache[0] = unit;
    cache[1] = best;
    return best;
  }

  /** One page of the open deals matching the query, newest first, with the exact total. */
  DealPage search(DealQuery query) {
    long skip = (long) (query.page() - 1) * query.limit();
    List<Deal> page = new ArrayList<>(Math.min(query.limit(), newestFirst.size()));
    long total = 0;
    for (Deal deal : newestFirst) {
      if (!query.matches(deal)) {
        continue;
      }
      if (total >= skip && page.size() < query.limit()) {
        page.add(deal);
      }
      total++;
    }
    return new DealPage(page, total);
  }

  /** The open deal of the listing in the slot, or null. */
  Deal of(int slot) {
    return bySlot.get(slot);
  }

  int size() {
    return bySlot.size();
  }

  long bytes() {
    // A deal, its entries in three maps and its figures.
    return bySlot.size() * 400L + slotsByItem.size() * 80L;
  }
}
