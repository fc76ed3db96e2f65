package org.tradewatch.core.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tradewatch.core.deal.Deal;
import org.tradewatch.core.deal.DealChange;
import org.tradewatch.core.deal.DealPage;
import org.tradewatch.core.deal.DealQuery;
import org.tradewatch.core.deal.DealReason;
import org.tradewatch.core.deal.DealRules;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.PriceUnit;

/**
 * The open deals, kept as the model changes so that none is found by scanning listings: a sell
 * listing is a deal when it is priced below the best buy order of its item in its own price unit,
 * or at least {@link DealRules#minDiscount()} percent under the item's suggested price (in the
 * suggested price's unit) or under its 7-day median sell (in the source's usual unit; see {@link
 * Touched#median}).
 *
 * <p>A batch re-reads the deals of each item it touched, from the item's book: its sell listings
 * are sorted cheapest first, so the deals are a prefix of them, and reading stops at the first
 * listing priced at or above the top buy order and both bounds. An item costs the deals it has and
 * one listing more; a deal whose listing, best buy and reference the batch left alone is recognised
 * as unchanged from slots alone.
 *
 * <p>A deal is held as primitives only, in parallel columns indexed by the deal's place (its
 * listing's slot, item, best buy, unit, prices, reason, time), about 65 bytes a deal where an
 * object per deal with its map entries took about 200: a market where many sells undercut a buy
 * order (one absurd buy order makes every sell of its item a deal) may hold very many. The columns
 * grow by chunks ({@link Chunks}), as the listing table's do: growing arrays of half a million
 * deals copied megabytes inside the write section, each copy a humongous allocation for G1. A
 * {@link Deal} is built only for a page or a change. A deal whose figures change is changed in
 * place, keeping its place.
 *
 * <p>Changed only in the model's write section ({@link #update}); read under its read lock.
 */
final class DealBook {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private static final DealReason[] REASONS = DealReason.values();

  /** A listing that is a deal now and was not, or not on these figures. */
  private record Found(
      int slot,
      int item,
      int bestSlot,
      int unit,
      DealReason reason,
      BigDecimal price,
      BigDecimal reference) {}

  private final ListingTable table;
  private final ItemIndex items;
  private final DealRules rules;

  /** Each open deal's place in the arrays below, by its listing's slot. */
  private final IntIntMap bySlot = new IntIntMap();

  /**
   * Every open deal once, in no order: a closed deal's place is taken by the last one. What
   * searches filter and order by is here as primitives, so a search scans arrays, not objects.
   */
  private final IntColumn slots = new IntColumn();

  private final IntColumn itemIds = new IntColumn();

  /** The best buy's slot, -1 for a deal under a reference. */
  private final IntColumn bestSlots = new IntColumn();

  /** The price unit's id; one past {@link #UNIT_APART} (never met: a market has a few) by slot. */
  private final CharColumn units = new CharColumn();

  private static final int UNIT_APART = Character.MAX_VALUE;
  private final Map<Integer, Integer> unitsApart = new HashMap<>();
  private final ByteColumn reasons = new ByteColumn();
  private final LongColumn openedNanos = new LongColumn();
  private final DoubleColumn prices = new DoubleColumn();
  private final ByteColumn priceCodes = new ByteColumn();

  /** The best buy's price, the suggested price or the median sell. */
  private final DoubleColumn references = new DoubleColumn();

  private final ByteColumn referenceCodes = new ByteColumn();

  /** The update that last found it. */
  private final IntColumn seen = new IntColumn();

  /** Each item's deals as a list through these links: the next and the previous, -1 for none. */
  private final IntColumn nexts = new IntColumn();

  private final IntColumn prevs = new IntColumn();

  /** Each item's first deal, by item id: -1 for none. */
  private int[] heads = new int[0];

  /**
   * Each item's source and appid, by item id, for the searches' filters: a deal's are its item's,
   * so they cost nothing a deal.
   */
  private byte[] itemSources = new byte[0];

  private int[] itemAppids = new int[0];

  /**
   * What no double and scale gives back, by slot: prices and references of more than 15 digits, and
   * open times beyond the years 1677 to 2262. Never met in practice.
   */
  private final Map<Integer, BigDecimal> priceOutliers = new HashMap<>();

  private final Map<Integer, BigDecimal> referenceOutliers = new HashMap<>();
  private final Map<Integer, Instant> openedOutliers = new HashMap<>();

  private int size;

  private static final int NO_APPID = Integer.MIN_VALUE;

  /** The update under way, to mark the deals it found: never 0, which marks none. */
  private int round;

  DealBook(ListingTable table, ItemIndex items, DealRules rules) {
    this.table = table;
    this.items = items;
    this.rules = rules;
  }

  /** Makes room for one more deal: one more chunk of each column now and then, never a copy. */
  private void roomForOne() {
    int places = size + 1;
    slots.ensure(places);
    itemIds.ensure(places);
    bestSlots.ensure(places);
    units.ensure(places);
    reasons.ensure(places);
    openedNanos.ensure(places);
    prices.ensure(places);
    priceCodes.ensure(places);
    references.ensure(places);
    referenceCodes.ensure(places);
    seen.ensure(places);
    nexts.ensure(places);
    prevs.ensure(places);
  }

  /** Opens a deal found now, at {@code at}; returns its place. */
  private int add(Found found, Instant at) {
    roomForOne();
    int i = size++;
    slots.set(i, found.slot);
    bySlot.put(found.slot, i);
    long nanos = nanos(at);
    openedNanos.set(i, nanos);
    if (nanos == Long.MAX_VALUE || nanos == Long.MIN_VALUE + 1) {
      openedOutliers.put(found.slot, at);
    }
    itemIds.set(i, -1);
    set(i, found);
    return i;
  }

  /** Sets a deal's figures (and item, moving it to that item's list) as found. */
  private void set(int i, Found found) {
    int slot = slots.get(i);
    if (itemIds.get(i) != found.item) {
      if (itemIds.get(i) >= 0) {
        unlink(i);
      }
      itemIds.set(i, found.item);
      link(i);
    }
    bestSlots.set(i, found.bestSlot);
    if (units.get(i) == UNIT_APART) {
      unitsApart.remove(slot);
    }
    if (found.unit >= UNIT_APART) {
      units.set(i, (char) UNIT_APART);
      unitsApart.put(slot, found.unit);
    } else {
      units.set(i, (char) found.unit);
    }
    reasons.set(i, (byte) found.reason.ordinal());
    double price = found.price.doubleValue();
    prices.set(i, price);
    priceCodes.set(i, ValueColumn.code(found.price, price));
    if (ValueColumn.isPlainCode(priceCodes.get(i))) {
      priceOutliers.remove(slot);
    } else {
      priceOutliers.put(slot, found.price);
    }
    double reference = found.reference.doubleValue();
    references.set(i, reference);
    referenceCodes.set(i, ValueColumn.code(found.reference, reference));
    if (ValueColumn.isPlainCode(referenceCodes.get(i))) {
      referenceOutliers.remove(slot);
    } else {
      referenceOutliers.put(slot, found.reference);
    }
  }

  private void link(int i) {
    int item = itemIds.get(i);
    if (item >= heads.length) {
      int had = heads.length;
      int length = Math.max(64, Math.max(item + 1, had + (had >> 1)));
      heads = Arrays.copyOf(heads, length);
      Arrays.fill(heads, had, length, -1);
      itemSources = Arrays.copyOf(itemSources, length);
      itemAppids = Arrays.copyOf(itemAppids, length);
    }
    if (heads[item] < 0) {
      ItemKey key = items.key(item);
      itemSources[item] = (byte) key.source().ordinal();
      itemAppids[item] = key.appid() == null ? NO_APPID : key.appid();
    }
    int head = heads[item];
    nexts.set(i, head);
    prevs.set(i, -1);
    if (head >= 0) {
      prevs.set(head, i);
    }
    heads[item] = i;
  }

  private void unlink(int i) {
    int prev = prevs.get(i);
    int next = nexts.get(i);
    if (prev >= 0) {
      nexts.set(prev, next);
    } else {
      heads[itemIds.get(i)] = next;
    }
    if (next >= 0) {
      prevs.set(next, prev);
    }
  }

  /** Removes the deal at {@code i}: the last one takes its place. */
  private void remove(int i) {
    int slot = slots.get(i);
    unlink(i);
    bySlot.remove(slot);
    priceOutliers.remove(slot);
    referenceOutliers.remove(slot);
    openedOutliers.remove(slot);
    if (units.get(i) == UNIT_APART) {
      unitsApart.remove(slot);
    }
    int last = --size;
    if (i != last) {
      slots.set(i, slots.get(last));
      itemIds.set(i, itemIds.get(last));
      bestSlots.set(i, bestSlots.get(last));
      units.set(i, units.get(last));
      reasons.set(i, reasons.get(last));
      openedNanos.set(i, openedNanos.get(last));
      prices.set(i, prices.get(last));
      priceCodes.set(i, priceCodes.get(last));
      references.set(i, references.get(last));
      referenceCodes.set(i, referenceCodes.get(last));
      seen.set(i, seen.get(last));
      nexts.set(i, nexts.get(last));
      prevs.set(i, prevs.get(last));
      if (prevs.get(i) >= 0) {
        nexts.set(prevs.get(i), i);
      } else {
        heads[itemIds.get(i)] = i;
      }
      if (nexts.get(i) >= 0) {
        prevs.set(nexts.get(i), i);
      }
      bySlot.put(slots.get(i), i);
    }
  }

  private int unit(int i) {
    return units.get(i) == UNIT_APART ? unitsApart.get(slots.get(i)) : units.get(i);
  }

  private BigDecimal price(int i) {
    return ValueColumn.isPlainCode(priceCodes.get(i))
        ? ValueColumn.decode(prices.get(i), priceCodes.get(i))
        : priceOutliers.get(slots.get(i));
  }

  private BigDecimal reference(int i) {
    return ValueColumn.isPlainCode(referenceCodes.get(i))
        ? ValueColumn.decode(references.get(i), referenceCodes.get(i))
        : referenceOutliers.get(slots.get(i));
  }

  private Instant openedAt(int i) {
    long nanos = openedNanos.get(i);
    if (nanos == Long.MAX_VALUE || nanos == Long.MIN_VALUE + 1) {
      Instant outlier = openedOutliers.get(slots.get(i));
      if (outlier != null) {
        return outlier;
      }
    }
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  private boolean sameAs(int i, Found found) {
    return itemIds.get(i) == found.item
        && bestSlots.get(i) == found.bestSlot
        && unit(i) == found.unit
        && reasons.get(i) == found.reason.ordinal()
        && price(i).compareTo(found.price) == 0
        && reference(i).compareTo(found.reference) == 0;
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

  /** The deal at {@code i}, built whole. */
  private Deal deal(int i) {
    DealReason reason = REASONS[reasons.get(i)];
    BigDecimal reference = reference(i);
    int best = bestSlots.get(i);
    return new Deal(
        table.key(slots.get(i)),
        items.key(itemIds.get(i)),
        reason,
        table.unitName(unit(i)),
        price(i),
        reason == DealReason.BELOW_BEST_BUY ? reference : null,
        reason == DealReason.BELOW_BEST_BUY ? table.key(best) : null,
        reason == DealReason.UNDER_SUGGESTED ? reference : null,
        reason == DealReason.UNDER_MEDIAN ? reference : null,
        openedAt(i));
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

    /**
     * The item's 7-day median sell as the batch leaves its price history, as a double (NaN for
     * none): the median of the sell prices sampled in the 168 hours before the hour of the item's
     * latest change, so it is computed again once an hour of the item's at most, and a cheap sell
     * never lowers the median it is measured against in its own hour.
     */
    double median = Double.NaN;

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
    if (++round == 0) {
      // Once in 2^32 updates: no deal may keep a mark this round could be mistaken for.
      for (int i = 0; i < size; i++) {
        seen.set(i, 0);
      }
      round = 1;
    }
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
    int[] closing = new int[8];
    for (int id : readWhole) {
      int count = 0;
      for (int i = id < heads.length ? heads[id] : -1; i >= 0; i = nexts.get(i)) {
        if (seen.get(i) != round && !found.containsKey(slots.get(i))) {
          if (count == closing.length) {
            closing = Arrays.copyOf(closing, count * 2);
          }
          closing[count++] = slots.get(i);
        }
      }
      Instant at = touched.get(id).at;
      for (int c = 0; c < count; c++) {
        close(bySlot.get(closing[c]), at, changes);
      }
    }
    for (Map.Entry<Integer, Touched> item : touched.entrySet()) {
      Touched changed = item.getValue();
      for (int t = 0; t < changed.count; t++) {
        int i = bySlot.get(changed.slots[t]);
        if (i >= 0 && seen.get(i) != round && !found.containsKey(slots.get(i))) {
          close(i, changed.at, changes);
        }
      }
    }
    for (Found now : found.values()) {
      Instant at = touched.get(now.item).at;
      int i = bySlot.get(now.slot);
      Deal before = null;
      if (i >= 0) {
        if (sameAs(i, now)) {
          seen.set(i, round);
          continue;
        }
        // Still a deal, on other figures: it stays open since it opened, in its place.
        before = deal(i);
        set(i, now);
      } else {
        i = add(now, at);
      }
      seen.set(i, round);
      changes
          .computeIfAbsent(now.item, ignored -> new ArrayList<>())
          .add(new DealChange(before, deal(i), at));
    }
    return changes;
  }

  /** Closes the open deal at {@code i} at {@code at}. */
  private void close(int i, Instant at, Map<Integer, List<DealChange>> changes) {
    int item = itemIds.get(i);
    Deal was = deal(i);
    remove(i);
    changes.computeIfAbsent(item, ignored -> new ArrayList<>()).add(new DealChange(was, null, at));
  }

  /**
   * What each item's deals were last read against, by item id: its suggested price, its median
   * sell, its top buy order, and the one unit its sells below that were priced in with that unit's
   * best buy ({@link #NO_UNIT} when none was, {@link #UNITS} when several were). A batch that
   * changes none of these reads only the sells it changed: the others stand as they were.
   */
  private double[] readSuggested = new double[0];

  private byte[] readSuggestedCode = new byte[0];
  private double[] readMedian = new double[0];
  private boolean[] read = new boolean[0];
  private int[] readTop = new int[0];
  private int[] readUnit = new int[0];
  private int[] readBest = new int[0];

  private static final int NO_UNIT = -1;
  private static final int UNITS = -2;

  /** Whether the item's deals must all be read again. */
  private boolean readsWhole(int id, Touched touched, SlotMap touchedSlots) {
    if (id >= read.length) {
      int length = Math.max(64, Math.max(id + 1, read.length + (read.length >> 1)));
      read = Arrays.copyOf(read, length);
      readMedian = Arrays.copyOf(readMedian, length);
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
        || !ValueColumn.isPlainCode(code)
        || Double.compare(readMedian[id], touched.median) != 0) {
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
    Reading reading = new Reading(id, touched.median, touchedSlots, found);
    if (whole) {
      read[id] = true;
      readMedian[id] = touched.median;
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

  /** One item's deals being read: its top buy, best buys by unit, and bounds under references. */
  private final class Reading {
    private final int id;
    private final SlotMap touchedSlots;
    private final Map<Integer, Found> found;
    private final ValueColumn values = table.values();
    final int topBuy;
    private final Reference suggested;
    private final Reference median;
    int bestUnit = -1;
    int best = -1;

    /**
     * The unit of the sells below the top buy read so far with their best buy ({@link #NO_UNIT}
     * before the first, {@link #UNITS} once two differ).
     */
    int units = NO_UNIT;

    Reading(int id, double median, SlotMap touchedSlots, Map<Integer, Found> found) {
      this.id = id;
      this.touchedSlots = touchedSlots;
      this.found = found;
      this.topBuy = topBuy(id);
      this.suggested =
          new Reference(
              items.suggestedApprox(id),
              PriceUnit.ofSuggested(items.key(id).source()),
              () -> items.suggested(id));
      this.median =
          new Reference(
              median,
              PriceUnit.usual(items.key(id).source(), BigDecimal.ONE),
              () -> BigDecimal.valueOf(median));
    }

    /** Whether no sell of the item can be a deal. */
    boolean nothing() {
      return topBuy < 0 && !suggested.usable() && !median.usable();
    }

    /**
     * Whether the sell in the slot is a deal, marked seen or put into {@code found}; false when it
     * is priced at or above the top buy and both bounds, as are the sells after it.
     */
    boolean consider(int slot) {
      if (values.isNull(slot)) {
        return false;
      }
      boolean belowTop = topBuy >= 0 && values.compare(slot, topBuy) < 0;
      boolean underSuggested = suggested.under(slot);
      boolean underMedian = median.under(slot);
      if (!belowTop && !underSuggested && !underMedian) {
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
      DealReason reason;
      Reference reference;
      if (below >= 0) {
        reason = DealReason.BELOW_BEST_BUY;
        reference = null;
      } else {
        underSuggested &= unit == suggested.unit;
        underMedian &= unit == median.unit;
        if (underSuggested && underMedian) {
          // The higher reference gives the larger discount; on a tie, upstream's suggestion.
          boolean medianHigher = median.value().compareTo(suggested.value()) > 0;
          reason = medianHigher ? DealReason.UNDER_MEDIAN : DealReason.UNDER_SUGGESTED;
        } else if (underSuggested) {
          reason = DealReason.UNDER_SUGGESTED;
        } else if (underMedian) {
          reason = DealReason.UNDER_MEDIAN;
        } else {
          return true;
        }
        reference = reason == DealReason.UNDER_MEDIAN ? median : suggested;
      }
      int i = bySlot.get(slot);
      if (i >= 0
          && itemIds.get(i) == id
          && bestSlots.get(i) == below
          && reasons.get(i) == reason.ordinal()
          && touchedSlots.get(slot) < 0
          && (below >= 0
              ? touchedSlots.get(below) < 0
              : reference(i).compareTo(reference.value()) == 0)) {
        seen.set(i, round);
        return true;
      }
      found.put(
          slot,
          new Found(
              slot,
              id,
              below,
              unit,
              reason,
              values.get(slot),
              below >= 0 ? values.get(below) : reference.value()));
      return true;
    }

    /**
     * A reference price of the item (its suggested price or its median sell) in its unit, with the
     * bound under it that a deal is priced at or under: screened by doubles, decided exactly.
     */
    private final class Reference {
      final int unit;
      private final double boundApprox;
      private final Supplier<BigDecimal> exact;
      private BigDecimal value;
      private ValueColumn.Bound bound;

      Reference(double approx, String unitName, Supplier<BigDecimal> exact) {
        this.exact = exact;
        int unitId = Dictionary.NULL_ID;
        double screen = Double.NaN;
        if (approx > 0 && unitName != null) {
          unitId = table.unitIdOf(unitName);
          if (unitId > Dictionary.NULL_ID) {
            // The double only screens: a price clearly above it is no deal, the rest are exact.
            screen = approx * (100 - rules.minDiscount().doubleValue()) / 100 * (1 + 1e-9);
          }
        }
        this.unit = unitId;
        this.boundApprox = screen;
      }

      boolean usable() {
        return !Double.isNaN(boundApprox);
      }

      BigDecimal value() {
        if (value == null) {
          value = exact.get();
        }
        return value;
      }

      /** Whether the slot's value (not missing) is at or under the bound. */
      boolean under(int slot) {
        if (!(values.approx(slot) <= boundApprox)) {
          return false;
        }
        if (bound == null) {
          bound = ValueColumn.Bound.of(rules.underBound(value()));
        }
        return values.compareTo(slot, bound) <= 0;
      }
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
      int item = itemIds.get(i);
      if ((source >= 0 && itemSources[item] != source)
          || (appid != NO_APPID && itemAppids[item] != appid)
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
              int byTime = Long.compare(openedNanos.get(b), openedNanos.get(a));
              return byTime != 0 ? byTime : table.compareKeys(slots.get(a), slots.get(b));
            });
    List<Deal> deals = new ArrayList<>(page.length);
    for (int i : page) {
      deals.add(deal(i));
    }
    return new DealPage(deals, count);
  }

  private boolean atLeastProfit(int i, double minProfit, DealQuery query) {
    int screened = screen(references.get(i) - prices.get(i), minProfit, references.get(i));
    return screened > 0
        || (screened == 0 && reference(i).subtract(price(i)).compareTo(query.minProfit()) >= 0);
  }

  private boolean atLeastDiscount(int i, double minDiscount, DealQuery query) {
    double reference = references.get(i);
    int screened = screen((reference - prices.get(i)) * 100 / reference, minDiscount, 100);
    if (screened != 0) {
      return screened > 0;
    }
    BigDecimal exact = reference(i);
    return exact.subtract(price(i)).multiply(HUNDRED).compareTo(query.minDiscount().multiply(exact))
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
    return size;
  }

  long bytes() {
    // The columns as allocated (13 of them, 52 bytes a place, in chunks), the slot map, the
    // per-item arrays and the rare outliers.
    return slots.bytes()
        + itemIds.bytes()
        + bestSlots.bytes()
        + units.bytes()
        + reasons.bytes()
        + openedNanos.bytes()
        + prices.bytes()
        + priceCodes.bytes()
        + references.bytes()
        + referenceCodes.bytes()
        + seen.bytes()
        + nexts.bytes()
        + prevs.bytes()
        + bySlot.bytes()
        + heads.length * 9L
        + read.length * 31L
        + (priceOutliers.size() + referenceOutliers.size() + openedOutliers.size()) * 120L;
  }
}
