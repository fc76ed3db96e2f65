package org.tradewatch.core.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tradewatch.core.deal.Deal;
import org.tradewatch.core.deal.DealChange;
import org.tradewatch.core.deal.DealPage;
import org.tradewatch.core.deal.DealQuery;
import org.tradewatch.core.deal.DealReason;
import org.tradewatch.core.deal.DealRules;
import org.tradewatch.core.listing.Intent;
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
 * left alone is recognised as unchanged from slots alone.
 *
 * <p>A deal is held as primitives ({@link Held}: slots, ids and its two prices), about a third of
 * what a {@link Deal} with its keys and decimals takes, since a market where many sells undercut a
 * buy order (one absurd buy order makes every sell of its item a deal) may hold very many; a {@link
 * Deal} is built only for a page or a change. A deal whose figures change is changed in place,
 * keeping its place in the order.
 *
 * <p>Changed only in the model's write section ({@link #update}); read under its read lock.
 */
final class DealBook {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** An open deal as primitives: its listing's slot, item, best buy, unit, prices and time. */
  private static final class Held {
    final int slot;
    int item;

    /** The best buy's slot, -1 for a deal under the suggested price. */
    int bestSlot;

    int unit;
    Instant openedAt;
    double price;
    byte priceCode;
    BigDecimal priceOutlier;

    /** The best buy's price, or the suggested price. */
    double reference;

    byte referenceCode;
    BigDecimal referenceOutlier;

    /** The update that last found it. */
    long seen;

    /** Its place in the dense arrays that searches scan. */
    int index;

    Held(int slot) {
      this.slot = slot;
    }

    void set(Found found) {
      item = found.item;
      bestSlot = found.bestSlot;
      unit = found.unit;
      price = found.price.doubleValue();
      priceCode = ValueColumn.code(found.price, price);
      priceOutlier = ValueColumn.isPlainCode(priceCode) ? null : found.price;
      reference = found.reference.doubleValue();
      referenceCode = ValueColumn.code(found.reference, reference);
      referenceOutlier = ValueColumn.isPlainCode(referenceCode) ? null : found.reference;
    }

    BigDecimal price() {
      return priceOutlier != null ? priceOutlier : ValueColumn.decode(price, priceCode);
    }

    BigDecimal reference() {
      return referenceOutlier != null
          ? referenceOutlier
          : ValueColumn.decode(reference, referenceCode);
    }

    boolean sameAs(Found found) {
      return item == found.item
          && bestSlot == found.bestSlot
          && unit == found.unit
          && price().compareTo(found.price) == 0
          && reference().compareTo(found.reference) == 0;
    }
  }

  /** A listing that is a deal now and was not, or not on these figures. */
  private record Found(
      int slot, int item, int bestSlot, int unit, BigDecimal price, BigDecimal reference) {}

  private final ListingTable table;
  private final ItemIndex items;
  private final DealRules rules;

  private final Map<Integer, Held> bySlot = new HashMap<>();
  private final Map<Integer, List<Held>> byItem = new HashMap<>();

  /**
   * Every open deal once, in no order, with what searches filter and order by beside it as
   * primitives, so that a search scans arrays rather than objects: a closed deal's place is taken
   * by the last one.
   */
  private Held[] dense = new Held[64];

  private long[] openedNanos = new long[64];
  private byte[] sources = new byte[64];
  private int[] appids = new int[64];
  private double[] profits = new double[64];
  private double[] discounts = new double[64];
  private int size;

  private static final int NO_APPID = Integer.MIN_VALUE;

  private long round;

  DealBook(ListingTable table, ItemIndex items, DealRules rules) {
    this.table = table;
    this.items = items;
    this.rules = rules;
  }

  private void addDense(Held held) {
    if (size == dense.length) {
      int length = size * 2;
      dense = Arrays.copyOf(dense, length);
      openedNanos = Arrays.copyOf(openedNanos, length);
      sources = Arrays.copyOf(sources, length);
      appids = Arrays.copyOf(appids, length);
      profits = Arrays.copyOf(profits, length);
      discounts = Arrays.copyOf(discounts, length);
    }
    held.index = size++;
    dense[held.index] = held;
    refreshDense(held);
  }

  private void refreshDense(Held held) {
    int i = held.index;
    openedNanos[i] = nanos(held.openedAt);
    sources[i] = (byte) ListingTable.comboSource(table.combo(held.slot)).ordinal();
    Integer appid = items.key(held.item).appid();
    appids[i] = appid == null ? NO_APPID : appid;
    double profit = held.reference - held.price;
    profits[i] = profit;
    discounts[i] = profit * 100 / held.reference;
  }

  private void removeDense(Held held) {
    int i = held.index;
    int last = --size;
    if (i != last) {
      Held moved = dense[last];
      dense[i] = moved;
      moved.index = i;
      openedNanos[i] = openedNanos[last];
      sources[i] = sources[last];
      appids[i] = appids[last];
      profits[i] = profits[last];
      discounts[i] = discounts[last];
    }
    dense[last] = null;
  }

  /** An instant as epoch nanoseconds, held to the years 1677 to 2262 (as the item marks are). */
  private static long nanos(Instant at) {
    long seconds = at.getEpochSecond();
    if (seconds >= Long.MAX_VALUE / 1_000_000_000L) {
      return Long.MAX_VALUE;
    }
    if (seconds <= Long.MIN_VALUE / 1_000_000_000L) {
      return Long.MIN_VALUE + 1;
    }
    return seconds * 1_000_000_000L + at.getNano();
  }

  DealRules rules() {
    return rules;
  }

  /** The deal a holder stands for, built whole. */
  private Deal deal(Held held) {
    boolean below = held.bestSlot >= 0;
    BigDecimal reference = held.reference();
    return new Deal(
        table.key(held.slot),
        items.key(held.item),
        below ? DealReason.BELOW_BEST_BUY : DealReason.UNDER_SUGGESTED,
        table.unitName(held.unit),
        held.price(),
        below ? reference : null,
        below ? table.key(held.bestSlot) : null,
        below ? null : reference,
        held.openedAt);
  }

  /**
   * What a batch did to one item: the latest updated time of its listings' changes, the slots it
   * changed (held or new to the model), and whether any of them was or is a buy order.
   */
  static final class Touched {
    Instant at;
    boolean buys;
    int[] slots = new int[2];
    int count;

    void add(int slot) {
      if (count == slots.length) {
        slots = Arrays.copyOf(slots, count * 2);
      }
      slots[count++] = slot;
    }
  }

  /**
   * Re-reads the deals of the items a batch touched and returns what changed, per item: at most one
   * change per listing, under the item of the deal it opened (or, for a close, of the deal it
   * closed). {@code touchedSlots} holds the listings the batch changed. Runs in the write section,
   * after the batch's rows and books are stored.
   */
  Map<Integer, List<DealChange>> update(Map<Integer, Touched> touched, SlotMap touchedSlots) {
    round++;
    Map<Integer, Found> found = new LinkedHashMap<>();
    List<Integer> readWhole = new ArrayList<>();
    for (Map.Entry<Integer, Touched> item : touched.entrySet()) {
      if (read(item.getKey(), item.getValue(), touchedSlots, found)) {
        readWhole.add(item.getKey());
      }
    }
    Map<Integer, List<DealChange>> changes = new LinkedHashMap<>();
    // Closes first, so that a listing that moved to another item is met once, as a change. An item
    // read whole may close any of its deals; one read in part, only those of the sells it changed.
    for (int id : readWhole) {
      List<Held> open = byItem.get(id);
      if (open == null) {
        continue;
      }
      Instant at = touched.get(id).at;
      for (Iterator<Held> deals = open.iterator(); deals.hasNext(); ) {
        Held held = deals.next();
        if (held.seen != round && !found.containsKey(held.slot)) {
          deals.remove();
          close(held, at, changes);
        }
      }
      if (open.isEmpty()) {
        byItem.remove(id);
      }
    }
    for (Map.Entry<Integer, Touched> item : touched.entrySet()) {
      Touched changed = item.getValue();
      for (int i = 0; i < changed.count; i++) {
        Held held = bySlot.get(changed.slots[i]);
        if (held != null && held.seen != round && !found.containsKey(held.slot)) {
          List<Held> open = byItem.get(held.item);
          open.remove(held);
          if (open.isEmpty()) {
            byItem.remove(held.item);
          }
          close(held, changed.at, changes);
        }
      }
    }
    for (Found now : found.values()) {
      Instant at = touched.get(now.item).at;
      Held held = bySlot.get(now.slot);
      Deal before = null;
      if (held != null) {
        if (held.sameAs(now)) {
          held.seen = round;
          continue;
        }
        // Still a deal, on other figures: it stays open since it opened, in its place.
        before = deal(held);
        if (held.item != now.item) {
          List<Held> old = byItem.get(held.item);
          old.remove(held);
          if (old.isEmpty()) {
            byItem.remove(held.item);
          }
          byItem.computeIfAbsent(now.item, ignored -> new ArrayList<>(2)).add(held);
        }
        held.set(now);
        refreshDense(held);
      } else {
        held = new Held(now.slot);
        held.set(now);
        held.openedAt = at;
        bySlot.put(now.slot, held);
        byItem.computeIfAbsent(now.item, ignored -> new ArrayList<>(2)).add(held);
        addDense(held);
      }
      held.seen = round;
      changes
          .computeIfAbsent(now.item, ignored -> new ArrayList<>())
          .add(new DealChange(before, deal(held), at));
    }
    return changes;
  }

  /** Closes an open deal (already out of its item's list) at {@code at}. */
  private void close(Held held, Instant at, Map<Integer, List<DealChange>> changes) {
    bySlot.remove(held.slot);
    removeDense(held);
    changes
        .computeIfAbsent(held.item, ignored -> new ArrayList<>())
        .add(new DealChange(deal(held), null, at));
  }

  /**
   * What each item's deals were last read against, by item id: its suggested price, its top buy
   * order, and the one unit its sells below that were priced in with that unit's best buy ({@link
   * #NO_UNIT} when none was, {@link #UNITS} when several were). A batch that changes none of these
   * reads only the sells it changed: the others stand as they were.
   */
  private double[] readSuggested = new double[0];

  private byte[] readSuggestedCode = new byte[0];
  private boolean[] read = new boolean[0];
  private int[] readTop = new int[0];
  private int[] readUnit = new int[0];
  private int[] readBest = new int[0];

  private static final int NO_UNIT = -1;
  private static final int UNITS = -2;

  /** Whether the item's deals must all be read again. */
  private boolean readsWhole(int id, Touched touched, SlotMap touchedSlots) {
    if (id >= read.length) {
      int length = Math.max(64, Math.max(id + 1, read.length * 2));
      read = Arrays.copyOf(read, length);
      readSuggested = Arrays.copyOf(readSuggested, length);
      readSuggestedCode = Arrays.copyOf(readSuggestedCode, length);
      readTop = Arrays.copyOf(readTop, length);
      readUnit = Arrays.copyOf(readUnit, length);
      readBest = Arrays.copyOf(readBest, length);
    }
    byte code = items.suggestedCode(id);
    if (!read[id]
        || Double.compare(readSuggested[id], items.suggestedApprox(id)) != 0
        || readSuggestedCode[id] != code
        || !ValueColumn.isPlainCode(code)) {
      return true;
    }
    if (!touched.buys) {
      return false;
    }
    int top = topBuy(id);
    if (top != readTop[id] || (top >= 0 && touchedSlots.get(top) >= 0)) {
      return true;
    }
    int unit = readUnit[id];
    if (unit == UNITS) {
      return true;
    }
    if (unit == NO_UNIT) {
      return false;
    }
    int best = bestBuy(id, unit);
    return best != readBest[id] || (best >= 0 && touchedSlots.get(best) >= 0);
  }

  /** The item's highest buy order with a price, -1 if none. */
  private int topBuy(int id) {
    int top = items.buyCount(id) == 0 ? -1 : items.buySlot(id, 0);
    return top >= 0 && table.values().isNull(top) ? -1 : top;
  }

  /**
   * Reads the item's deals as its book and suggested price make them now: marks those that stand
   * unchanged as seen, and puts the others into {@code found}. When the batch changed neither the
   * item's suggested price nor a buy order that its deals depend on, only the sells it changed are
   * read; returns whether it read them all.
   */
  private boolean read(int id, Touched touched, SlotMap touchedSlots, Map<Integer, Found> found) {
    if (id == ItemIndex.NONE) {
      return false;
    }
    boolean whole = readsWhole(id, touched, touchedSlots);
    Reading reading = new Reading(id, touchedSlots, found);
    if (whole) {
      read[id] = true;
      readSuggested[id] = items.suggestedApprox(id);
      readSuggestedCode[id] = items.suggestedCode(id);
      readTop[id] = reading.topBuy;
      int sellCount = items.sellCount(id);
      if (!reading.nothing()) {
        for (int i = 0; i < sellCount; i++) {
          if (!reading.consider(items.sellSlot(id, i))) {
            break;
          }
        }
      }
      readUnit[id] = reading.units;
      readBest[id] = reading.units >= 0 ? reading.best : -1;
      return true;
    }
    if (reading.nothing()) {
      return false;
    }
    reading.units = readUnit[id];
    if (reading.units >= 0) {
      reading.bestUnit = reading.units;
      reading.best = readBest[id];
    }
    for (int i = 0; i < touched.count; i++) {
      int slot = touched.slots[i];
      int combo = table.combo(slot);
      if (table.itemId(slot) == id
          && !ListingTable.comboDeleted(combo)
          && ListingTable.comboIntent(combo) == Intent.SELL) {
        reading.consider(slot);
      }
    }
    if (reading.units != readUnit[id]) {
      readUnit[id] = reading.units;
      readBest[id] = reading.units >= 0 ? reading.best : -1;
    }
    return false;
  }

  /** One item's deals being read: its top buy, best buys by unit and suggested bound. */
  private final class Reading {
    private final int id;
    private final SlotMap touchedSlots;
    private final Map<Integer, Found> found;
    private final ValueColumn values = table.values();
    final int topBuy;
    private final int suggestedUnit;
    private final double boundApprox;
    private BigDecimal suggested;
    private ValueColumn.Bound bound;
    int bestUnit = -1;
    int best = -1;

    /**
     * The unit of the sells below the top buy read so far with their best buy ({@link #NO_UNIT}
     * before the first, {@link #UNITS} once two differ).
     */
    int units = NO_UNIT;

    Reading(int id, SlotMap touchedSlots, Map<Integer, Found> found) {
      this.id = id;
      this.touchedSlots = touchedSlots;
      this.found = found;
      this.topBuy = topBuy(id);
      double suggestedApprox = items.suggestedApprox(id);
      int unit = Dictionary.NULL_ID;
      double approx = Double.NaN;
      if (suggestedApprox > 0) {
        unit = table.unitIdOf(PriceUnit.ofSuggested(items.key(id).source()));
        if (unit > Dictionary.NULL_ID) {
          // The double only screens: a price clearly above it is no deal, the rest are exact.
          approx = suggestedApprox * (100 - rules.minDiscount().doubleValue()) / 100 * (1 + 1e-9);
        }
      }
      this.suggestedUnit = unit;
      this.boundApprox = approx;
    }

    /** Whether no sell of the item can be a deal. */
    boolean nothing() {
      return topBuy < 0 && Double.isNaN(boundApprox);
    }

    /**
     * Whether the sell in the slot is a deal, marked seen or put into {@code found}; false when it
     * is priced at or above both the top buy and the suggested bound, as are the sells after it.
     */
    boolean consider(int slot) {
      if (values.isNull(slot)) {
        return false;
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
        return false;
      }
      int unit = table.unitId(slot);
      if (unit == Dictionary.NULL_ID) {
        return true;
      }
      int below = -1;
      if (belowTop) {
        if (unit != bestUnit) {
          best = bestBuy(id, unit);
          bestUnit = unit;
        }
        units = units == NO_UNIT || units == unit ? unit : UNITS;
        below = best >= 0 && values.compare(slot, best) < 0 ? best : -1;
      }
      if (below < 0 && !(underBound && unit == suggestedUnit)) {
        return true;
      }
      Held held = bySlot.get(slot);
      if (held != null
          && held.item == id
          && held.bestSlot == below
          && touchedSlots.get(slot) < 0
          && (below >= 0
              ? touchedSlots.get(below) < 0
              : held.reference().compareTo(suggested) == 0)) {
        held.seen = round;
        return true;
      }
      found.put(
          slot,
          new Found(
              slot, id, below, unit, values.get(slot), below >= 0 ? values.get(below) : suggested));
      return true;
    }
  }

  /**
   * The item's highest buy order priced in {@code unit}: the first of its book in it; -1 if none.
   */
  private int bestBuy(int id, int unit) {
    int count = items.buyCount(id);
    for (int i = 0; i < count; i++) {
      int slot = items.buySlot(id, i);
      if (table.values().isNull(slot)) {
        return -1;
      }
      if (table.unitId(slot) == unit) {
        return slot;
      }
    }
    return -1;
  }

  /**
   * One page of the open deals matching the query, newest first, with the exact total: the filters
   * scan primitive arrays (figures screened by doubles, decided exactly only near their bound), and
   * a bounded heap picks the page out of the matches.
   */
  DealPage search(DealQuery query) {
    int[] matches = new int[Math.max(16, Math.min(size, 1024))];
    int count = 0;
    int source = query.source() == null ? -1 : query.source().ordinal();
    int appid = query.appid() == null ? NO_APPID : query.appid();
    double minProfit = query.minProfit() == null ? Double.NaN : query.minProfit().doubleValue();
    double minDiscount =
        query.minDiscount() == null ? Double.NaN : query.minDiscount().doubleValue();
    for (int i = 0; i < size; i++) {
      if ((source >= 0 && sources[i] != source)
          || (appid != NO_APPID && appids[i] != appid)
          || (query.minProfit() != null && !atLeastProfit(i, minProfit, query))
          || (query.minDiscount() != null && !atLeastDiscount(i, minDiscount, query))) {
        continue;
      }
      if (count == matches.length) {
        matches = Arrays.copyOf(matches, count * 2);
      }
      matches[count++] = i;
    }
    long offset = (long) (query.page() - 1) * query.limit();
    int[] page =
        SlotSelection.page(
            matches,
            count,
            offset,
            query.limit(),
            (a, b) -> {
              int byTime = Long.compare(openedNanos[b], openedNanos[a]);
              return byTime != 0 ? byTime : table.compareKeys(dense[a].slot, dense[b].slot);
            });
    List<Deal> deals = new ArrayList<>(page.length);
    for (int i : page) {
      deals.add(deal(dense[i]));
    }
    return new DealPage(deals, count);
  }

  private boolean atLeastProfit(int i, double minProfit, DealQuery query) {
    Held held = dense[i];
    int screened = screen(profits[i], minProfit, held.reference);
    return screened > 0
        || (screened == 0
            && held.reference().subtract(held.price()).compareTo(query.minProfit()) >= 0);
  }

  private boolean atLeastDiscount(int i, double minDiscount, DealQuery query) {
    int screened = screen(discounts[i], minDiscount, 100);
    if (screened != 0) {
      return screened > 0;
    }
    Held held = dense[i];
    BigDecimal reference = held.reference();
    return reference
            .subtract(held.price())
            .multiply(HUNDRED)
            .compareTo(query.minDiscount().multiply(reference))
        >= 0;
  }

  /**
   * 1 when {@code value} is clearly at least {@code bound}, -1 clearly under, 0 too close to tell
   * by doubles; {@code scale} is the size of what {@code value} was computed from, whose rounding
   * it carries.
   */
  private static int screen(double value, double bound, double scale) {
    double margin = 1e-9 * Math.max(1, Math.max(Math.abs(scale), Math.abs(bound)));
    return value > bound + margin ? 1 : value < bound - margin ? -1 : 0;
  }

  int size() {
    return bySlot.size();
  }

  long bytes() {
    // A holder with its entry in the slot map and its item's list, and the dense arrays.
    return bySlot.size() * 130L + byItem.size() * 80L + dense.length * 33L;
  }
}
