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
 * deals it has and one listing more; a deal whose listing, best buy and suggested price the batch
 * left alone is recognised as unchanged from slots alone, without building it again.
 *
 * <p>Changed only in the model's write section ({@link #update}); read under its read lock.
 */
final class DealBook {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** Newest first; distinct deals are distinct listings, so the key breaks every tie. */
  private static final Comparator<Held> NEWEST_FIRST =
      (a, b) -> {
        int byTime = b.deal.openedAt().compareTo(a.deal.openedAt());
        return byTime != 0 ? byTime : ListingTable.compareKeys(a.deal.listing(), b.deal.listing());
      };

  /** An open deal, with what tells from slots alone whether a batch changed it. */
  private static final class Held {
    final Deal deal;
    final int slot;
    final int item;

    /** The best buy's slot, -1 for a deal under the suggested price. */
    final int bestSlot;

    final BigDecimal profit;

    /** The discount as a double, to screen searches by it (exact near the bound). */
    final double discount;

    /** The update that last found it. */
    long seen;

    Held(Deal deal, int slot, int item, int bestSlot) {
      this.deal = deal;
      this.slot = slot;
      this.item = item;
      this.bestSlot = bestSlot;
      this.profit = deal.profit();
      this.discount = profit.doubleValue() * 100 / deal.reference().doubleValue();
    }
  }

  private final ListingTable table;
  private final ItemIndex items;
  private final DealRules rules;

  private final Map<Integer, Held> bySlot = new HashMap<>();
  private final Map<Integer, List<Held>> byItem = new HashMap<>();
  private final TreeSet<Held> newestFirst = new TreeSet<>(NEWEST_FIRST);
  private long round;

  DealBook(ListingTable table, ItemIndex items, DealRules rules) {
    this.table = table;
    this.items = items;
    this.rules = rules;
  }

  DealRules rules() {
    return rules;
  }

  /** A listing that is a deal now and was not, or not on these figures. */
  private record Found(int slot, int item, int bestSlot, Deal deal) {}

  /**
   * Re-reads the deals of the items a batch touched, each with the latest time of its changes in
   * the batch, and returns what changed, per item: at most one change per listing, under the item
   * of the deal it opened (or, for a close, of the deal it closed). {@code touchedSlots} holds the
   * listings the batch changed. Runs in the write section, after the batch's rows and books are
   * stored.
   */
  Map<Integer, List<DealChange>> update(Map<Integer, Instant> touched, SlotMap touchedSlots) {
    round++;
    Map<Integer, Found> found = new LinkedHashMap<>();
    for (Map.Entry<Integer, Instant> item : touched.entrySet()) {
      read(item.getKey(), item.getValue(), touchedSlots, found);
    }
    Map<Integer, List<DealChange>> changes = new LinkedHashMap<>();
    // Closes first, so that a listing that moved to another item is met once, as a change.
    for (Map.Entry<Integer, Instant> item : touched.entrySet()) {
      int id = item.getKey();
      List<Held> open = byItem.get(id);
      if (open == null) {
        continue;
      }
      for (Iterator<Held> deals = open.iterator(); deals.hasNext(); ) {
        Held held = deals.next();
        if (held.seen == round || found.containsKey(held.slot)) {
          continue;
        }
        deals.remove();
        bySlot.remove(held.slot);
        newestFirst.remove(held);
        changes
            .computeIfAbsent(id, ignored -> new ArrayList<>())
            .add(new DealChange(held.deal, null, item.getValue()));
      }
      if (open.isEmpty()) {
        byItem.remove(id);
      }
    }
    for (Found now : found.values()) {
      Held was = bySlot.get(now.slot);
      Deal deal = now.deal;
      if (was != null) {
        if (was.deal.sameFigures(deal)) {
          was.seen = round;
          continue;
        }
        // Still a deal, on other figures: it stays open since it opened.
        deal = deal.openedAt(was.deal.openedAt());
        newestFirst.remove(was);
        List<Held> old = byItem.get(was.item);
        old.remove(was);
        if (old.isEmpty()) {
          byItem.remove(was.item);
        }
      }
      Held held = new Held(deal, now.slot, now.item, now.bestSlot);
      held.seen = round;
      bySlot.put(now.slot, held);
      byItem.computeIfAbsent(now.item, ignored -> new ArrayList<>(2)).add(held);
      newestFirst.add(held);
      changes
          .computeIfAbsent(now.item, ignored -> new ArrayList<>())
          .add(new DealChange(was == null ? null : was.deal, deal, touched.get(now.item)));
    }
    return changes;
  }

  /**
   * Reads the item's deals as its book and suggested price make them now: marks those that stand
   * unchanged as seen, and puts the others into {@code found}.
   */
  private void read(int id, Instant at, SlotMap touchedSlots, Map<Integer, Found> found) {
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
    int suggestedUnit = Dictionary.NULL_ID;
    double boundApprox = Double.NaN;
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
    BigDecimal suggested = null;
    ValueColumn.Bound bound = null;
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
      int best = -1;
      if (belowTop) {
        if (bestByUnit == null) {
          bestByUnit = new int[] {-1, -1};
        }
        best = bestBuy(id, unit, bestByUnit);
        if (best >= 0 && values.compare(slot, best) >= 0) {
          best = -1;
        }
      }
      if (best < 0 && !(underBound && unit == suggestedUnit)) {
        continue;
      }
      Held held = bySlot.get(slot);
      if (held != null
          && held.item == id
          && held.bestSlot == best
          && touchedSlots.get(slot) < 0
          && (best >= 0
              ? touchedSlots.get(best) < 0
              : held.deal.suggested() != null && held.deal.suggested().compareTo(suggested) == 0)) {
        held.seen = round;
        continue;
      }
      Deal deal =
          best >= 0
              ? new Deal(
                  table.key(slot),
                  key,
                  DealReason.BELOW_BEST_BUY,
                  table.unitName(unit),
                  values.get(slot),
                  values.get(best),
                  table.key(best),
                  null,
                  at)
              : new Deal(
                  table.key(slot),
                  key,
                  DealReason.UNDER_SUGGESTED,
                  table.unitName(unit),
                  values.get(slot),
                  null,
                  null,
                  suggested,
                  at);
      found.put(slot, new Found(slot, id, best, deal));
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

  /**
   * One page of the open deals matching the query, newest first, with the exact total: without
   * filters, read to the page's end; with them, every open deal is looked at (filters on figures
   * screen by doubles and decide exactly only near their bound).
   */
  DealPage search(DealQuery query) {
    long skip = (long) (query.page() - 1) * query.limit();
    List<Deal> page = new ArrayList<>(Math.min(query.limit(), newestFirst.size()));
    boolean filtered =
        query.source() != null
            || query.appid() != null
            || query.minProfit() != null
            || query.minDiscount() != null;
    double minDiscount =
        query.minDiscount() == null ? Double.NaN : query.minDiscount().doubleValue();
    long total = 0;
    for (Held held : newestFirst) {
      if (filtered && !matches(held, query, minDiscount)) {
        continue;
      }
      if (total >= skip && page.size() < query.limit()) {
        page.add(held.deal);
      }
      total++;
      if (!filtered && page.size() == query.limit()) {
        total = newestFirst.size();
        break;
      }
    }
    return new DealPage(page, total);
  }

  private static boolean matches(Held held, DealQuery query, double minDiscount) {
    Deal deal = held.deal;
    if ((query.source() != null && deal.listing().source() != query.source())
        || (query.appid() != null && !query.appid().equals(deal.item().appid()))
        || (query.minProfit() != null && held.profit.compareTo(query.minProfit()) < 0)) {
      return false;
    }
    if (query.minDiscount() == null) {
      return true;
    }
    double margin = 1e-9 * Math.max(1, Math.abs(minDiscount));
    if (held.discount > minDiscount + margin) {
      return true;
    }
    if (held.discount < minDiscount - margin) {
      return false;
    }
    return held.profit.multiply(HUNDRED).compareTo(query.minDiscount().multiply(deal.reference()))
        >= 0;
  }

  int size() {
    return bySlot.size();
  }

  long bytes() {
    // A deal with its keys and figures, its holder, and its entries in two maps and the order.
    return bySlot.size() * 480L + byItem.size() * 80L;
  }
}
