package org.tradewatch.core.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.tradewatch.core.deal.DealChange;
import org.tradewatch.core.deal.DealPage;
import org.tradewatch.core.deal.DealQuery;
import org.tradewatch.core.deal.DealRules;
import org.tradewatch.core.item.BookCursor;
import org.tradewatch.core.item.HourlyPrice;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.item.ItemPage;
import org.tradewatch.core.item.ItemQuery;
import org.tradewatch.core.item.KeyPrice;
import org.tradewatch.core.item.OrderBook;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;

/**
 * The market in memory: every listing's current state (deleted ones too), searchable with every
 * filter, sort, page and cursor of {@code GET /api/listings} and exact totals, and readable by key
 * for the ingest's checks. It holds primitive columns, not an object per listing.
 *
 * <p>Its parts: {@code ListingTable} holds the columns (one slot per listing for good; ids in an
 * {@code IdArena}, names and qualities in a {@code Dictionary}); a {@code KeyTable} finds a slot by
 * key; three {@code SlotOrder}s keep the value, updated and key orders; {@code Counts} gives totals
 * without a scan where the filters allow; a {@code Search} runs one query with a {@code Filter}. An
 * {@code ItemIndex} gives each item ({@link ItemKey}) an id and keeps its order book: its live buy
 * orders and sell listings sorted by value, moved in the write section as listings change, so an
 * item's best prices and counts are read without a scan. A {@code DealBook} keeps the open deals,
 * re-read for each item a batch touches, from the item's book, in the same write section; a {@code
 * PriceHistory} keeps each item's hours, and gives the deals the item's 7-day median sell (fed
 * before the write section, so a batch's deals read the median its states leave).
 *
 * <p>Thread-safety: any number of readers and writers. Writers are serialised. A writer plans its
 * batch while readers go on: which states are newer than what is held, each changed listing's new
 * row encoded, and where each kept order changes. Then one write section only stores the rows and
 * moves order entries, so a reader sees all of a batch or none of it and waits at most for that
 * section (about a microsecond per changed listing).
 */
public final class MarketModel {

  /**
   * Not a StampedLock: on Java 17 its read lock is granted while a writer waits, so readers that
   * follow one another without a gap starve the writer for good. This one queues new readers behind
   * a waiting writer.
   */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private final ReentrantLock writers = new ReentrantLock();

  private final ItemIndex items = new ItemIndex();
  private final ListingTable table = new ListingTable(items);
  private final Counts counts = new Counts();
  private final SlotOrder byValue = new SlotOrder(table::compareByValue, table.values()::primary);
  private final SlotOrder byUpdated;
  private final SlotOrder byKey = new SlotOrder(table::compareKeys, table::sourceRank);
  private final NameMatcher names = new NameMatcher();
  private final long[] highestSeq = new long[Source.values().length];
  private final Search.Paging paging;
  private final DealBook deals;
  private final PriceHistory history = new PriceHistory();

  /** Off while a start builds the model: the history is then read from the log instead. */
  private volatile boolean recordingHistory = true;

  /** Where updated times are told apart best (see {@code InstantColumn.primary}): now. */
  private final Instant origin = Instant.now();

  private KeyTable keys = new KeyTable(table);

  public MarketModel() {
    this(DealRules.DEFAULT);
  }

  /** A model whose deals follow {@code rules}. */
  public MarketModel(DealRules rules) {
    this(Search.Paging.CHEAPEST, rules);
  }

  /** A model whose searches find pages one way only, for tests that prove each. */
  MarketModel(Search.Paging paging) {
    this(paging, DealRules.DEFAULT);
  }

  private MarketModel(Search.Paging paging, DealRules rules) {
    this.paging = Objects.requireNonNull(paging, "paging");
    this.deals = new DealBook(table, items, Objects.requireNonNull(rules, "rules"));
    items.attach(table);
    this.byUpdated =
        new SlotOrder(table::compareByUpdated, slot -> table.updatedAt().primary(slot, origin));
  }

  /** One listing a batch changes: its slot, its state before the batch, and after it. */
  private static final class Touch {
    final int slot;
    final ListingState original;
    ListingState last;
    ListingTable.Row row;

    /** Where the last change of this listing stands in the call's changes. */
    int lastChange;

    Touch(int slot, ListingState original) {
      this.slot = slot;
      this.original = original;
    }
  }

  /**
   * Applies committed states in order; returns one change per state that changed the model. A state
   * whose seq is not greater than the held state's (or an earlier one's in the same call) is
   * ignored and reports no change, so the log may be replayed or tailed twice. Readers see a whole
   * call's states at once or none of them.
   */
  public List<MarketChange> apply(List<ListingState> states) {
    Objects.requireNonNull(states, "states");
    writers.lock();
    try {
      // Planned while readers read: this writer is the only one to change anything.
      List<MarketChange> changes = new ArrayList<>();
      List<Touch> touched = plan(states, changes);
      if (touched.isEmpty()) {
        return List.of();
      }
      SlotOrder.Batch values = byValue.new Batch();
      SlotOrder.Batch updated = byUpdated.new Batch();
      SlotOrder.Batch keyed = byKey.new Batch();
      ItemsTouched touchedItems = new ItemsTouched(touched.size());
      int added = 0;
      for (Touch touch : touched) {
        ListingState before = touch.original;
        ListingState after = touch.last;
        touch.row =
            before == null
                ? table.encode(after, -1)
                : table.encode(after, table.idPosition(touch.slot), table.itemId(touch.slot));
        if (before != null) {
          touchedItems.add(table.itemId(touch.slot), touch);
        }
        touchedItems.add(touch.row.itemId, touch);
        if (before == null) {
          added++;
          keyed.insert(Probes.byKey(table, touch.slot, touch.row));
        }
        if (before == null || !before.updatedAt().equals(after.updatedAt())) {
          if (before != null) {
            updated.remove(touch.slot);
          }
          updated.insert(Probes.byUpdated(table, touch.slot, touch.row, origin));
        }
        if (before == null || !sameValue(before.value(), after.value())) {
          if (before != null) {
            values.remove(touch.slot);
          }
          values.insert(Probes.byValue(table, touch.slot, touch.row));
        }
      }
      values.prepare();
      updated.prepare();
      keyed.prepare();
      // Grown (rehashing every key) here too, while readers use the old one.
      KeyTable sized = keys.sizedFor(table.size() + added);

      // The history before the deals, so that they read each item's median as the batch leaves it.
      if (recordingHistory) {
        List<ListingState> applied = new ArrayList<>(changes.size());
        for (MarketChange change : changes) {
          applied.add(change.after());
        }
        history.add(applied);
      }
      for (Map.Entry<Integer, DealBook.Touched> item : touchedItems.items.entrySet()) {
        item.getValue().median = history.medianSell(items.key(item.getKey()));
      }
      // Each touched item's best prices before the batch, to tell whose moved.
      Map<Integer, long[]> bestsBefore = new HashMap<>(touchedItems.items.size() * 2);
      for (int item : touchedItems.items.keySet()) {
        bestsBefore.put(item, items.bests(item, new long[4]));
      }
      Map<Integer, List<DealChange>> dealChanges;
      lock.writeLock().lock();
      try {
        keys = sized;
        table.publish();
        for (Touch touch : touched) {
          writeWithItems(touch);
        }
        values.apply();
        updated.apply();
        keyed.apply();
        dealChanges = deals.update(touchedItems.items, touchedItems.slots);
      } finally {
        lock.writeLock().unlock();
      }
      dealChanges.forEach(
          (item, opened) -> {
            int at = touchedItems.lastChange.get(item);
            changes.set(at, changes.get(at).withDeals(opened));
          });
      long[] after = new long[4];
      bestsBefore.forEach(
          (item, before) -> {
            if (!Arrays.equals(before, items.bests(item, after))) {
              int at = touchedItems.lastChange.get(item);
              changes.set(at, changes.get(at).withItem(items.summaryOrEmpty(item)));
            }
          });
      return changes;
    } finally {
      writers.unlock();
    }
  }

  /**
   * The listings a batch changes, each with its state before the batch and its last state in it, in
   * the order they were first changed; every change goes to {@code changes}. Only reads the model.
   */
  private List<Touch> plan(List<ListingState> states, List<MarketChange> changes) {
    List<Touch> touched = new ArrayList<>();
    SlotMap heldTouched = new SlotMap(states.size());
    Map<ListingKey, Touch> newTouched = new HashMap<>();
    int nextSlot = table.size();
    for (ListingState state : states) {
      Objects.requireNonNull(state, "a state in the batch is null");
      int slot = keys.find(state.key());
      int known = slot >= 0 ? heldTouched.get(slot) : -1;
      Touch touch = known >= 0 ? touched.get(known) : slot < 0 ? newTouched.get(state.key()) : null;
      if (touch == null) {
        if (slot >= 0 && state.seq() <= table.seq(slot)) {
          continue;
        }
        touch = slot >= 0 ? new Touch(slot, table.read(slot)) : new Touch(nextSlot++, null);
        touch.last = touch.original;
        if (slot >= 0) {
          heldTouched.put(slot, touched.size());
        } else {
          newTouched.put(state.key(), touch);
        }
        touched.add(touch);
      } else if (state.seq() <= touch.last.seq()) {
        continue;
      }
      touch.lastChange = changes.size();
      changes.add(new MarketChange(touch.last, state));
      touch.last = state;
    }
    return touched;
  }

  /**
   * The items a call changes, each with the latest updated time of its listings' changes and where
   * the call's last change of it stands: its deals are re-read at that time, and their changes go
   * with that change.
   */
  private static final class ItemsTouched {
    final Map<Integer, DealBook.Touched> items = new LinkedHashMap<>();
    final Map<Integer, Integer> lastChange = new HashMap<>();
    final SlotMap slots;

    ItemsTouched(int listings) {
      slots = new SlotMap(listings);
    }

    void add(int item, Touch touch) {
      slots.put(touch.slot, 1);
      if (item == ItemIndex.NONE) {
        return;
      }
      DealBook.Touched touched = items.computeIfAbsent(item, ignored -> new DealBook.Touched());
      Instant updated = touch.last.updatedAt();
      if (touched.at == null || updated.isAfter(touched.at)) {
        touched.at = updated;
      }
      if (touched.count == 0 || touched.slots[touched.count - 1] != touch.slot) {
        touched.add(touch.slot);
      }
      touched.buys |=
          touch.last.intent() == Intent.BUY
              || (touch.original != null && touch.original.intent() == Intent.BUY);
      lastChange.merge(item, touch.lastChange, Math::max);
    }
  }

  /**
   * Stores one listing's new row, moving it between item books around the store: out of its old
   * place while the table still holds the old value, into its new one after.
   */
  private void writeWithItems(Touch touch) {
    ListingState before = touch.original;
    ListingState after = touch.last;
    int left =
        before == null
            ? ItemIndex.OUT
            : items.leave(
                touch.slot,
                before,
                table.itemId(touch.slot),
                after,
                touch.row.itemId,
                sameValue(before.value(), after.value()));
    write(touch);
    items.enter(touch.slot, touch.row, left);
  }

  /** Stores one listing's new row and counts it, inside the write section. */
  private void write(Touch touch) {
    int slot = touch.slot;
    if (touch.original == null) {
      table.add(touch.row);
      keys.add(slot);
    } else {
      counts.add(table.combo(slot), table.nameId(slot), table.qualityId(slot), -1);
      table.store(slot, touch.row);
    }
    counts.add(touch.row.combo(), touch.row.nameId, touch.row.qualityId, 1);
    int source = touch.last.key().source().ordinal();
    highestSeq[source] = Math.max(highestSeq[source], touch.last.seq());
  }

  private static boolean sameValue(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? a == b : a.compareTo(b) == 0;
  }

  /** The held states of those keys that are held (deleted or not), in the keys' order. */
  public Map<ListingKey, ListingState> states(Collection<ListingKey> keys) {
    Objects.requireNonNull(keys, "keys");
    return read(
        () -> {
          Map<ListingKey, ListingState> held = new LinkedHashMap<>();
          for (ListingKey key : keys) {
            int slot = this.keys.find(key);
            if (slot >= 0) {
              held.put(key, table.read(slot));
            }
          }
          return held;
        });
  }

  /** The held state of the key (deleted or not), if held. */
  public Optional<ListingState> state(ListingKey key) {
    Objects.requireNonNull(key, "key");
    return read(
        () -> {
          int slot = keys.find(key);
          return slot < 0 ? Optional.empty() : Optional.of(table.read(slot));
        });
  }

  /** One page of listings matching the query, in its order, with the exact total. */
  public MarketPage search(ListingQuery query) {
    Objects.requireNonNull(query, "query");
    return read(
        () -> new Search(table, counts, byValue, byUpdated, byKey, names, query, paging).run());
  }

  /** Live listings of the source whose last event is older than {@code before}. */
  public List<ListingKey> liveBefore(Source source, Instant before) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(before, "before");
    return read(
        () -> {
          List<ListingKey> found = new ArrayList<>();
          InstantColumn lastEventAt = table.lastEventAt();
          for (int slot = 0; slot < table.size(); slot++) {
            int combo = table.combo(slot);
            if (ListingTable.comboSource(combo) == source
                && !ListingTable.comboDeleted(combo)
                && lastEventAt.compareTo(slot, before) < 0) {
              found.add(table.key(slot));
            }
          }
          return found;
        });
  }

  /** States of the source with seq greater than {@code after}, in no particular order. */
  public List<ListingState> changedSince(Source source, long after) {
    Objects.requireNonNull(source, "source");
    return read(() -> states(changedSlots(source, after), Integer.MAX_VALUE, null));
  }

  /**
   * At most {@code limit} states of the source with seq greater than {@code after}: those of least
   * seq, in seq order. A checkpoint pages through a million states this way, asking again after the
   * last seq it got, instead of holding them all at once (about 300 bytes each as objects).
   */
  public List<ListingState> changedSince(Source source, long after, int limit) {
    Objects.requireNonNull(source, "source");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
    }
    return read(
        () ->
            states(
                changedSlots(source, after),
                limit,
                (a, b) -> Long.compare(table.seq(a), table.seq(b))));
  }

  /** The slots of the source with seq greater than {@code after}, ascending. */
  private int[] changedSlots(Source source, long after) {
    int[] slots = new int[64];
    int count = 0;
    for (int slot = 0; slot < table.size(); slot++) {
      if (table.seq(slot) > after && ListingTable.comboSource(table.combo(slot)) == source) {
        if (count == slots.length) {
          slots = Arrays.copyOf(slots, count * 2);
        }
        slots[count++] = slot;
      }
    }
    return Arrays.copyOf(slots, count);
  }

  /** The states of the first {@code limit} slots by {@code order}, or of any if order is null. */
  private List<ListingState> states(int[] slots, int limit, SlotComparator order) {
    int[] chosen = order == null ? slots : SlotSelection.page(slots, slots.length, 0, limit, order);
    List<ListingState> states = new ArrayList<>(chosen.length);
    for (int slot : chosen) {
      states.add(table.read(slot));
    }
    return states;
  }

  /** One page of items with live listings matching the query, with the exact total. */
  public ItemPage items(ItemQuery query) {
    Objects.requireNonNull(query, "query");
    return read(() -> items.search(query));
  }

  /**
   * One page of each side of the item's order book: at most {@code limit} entries a side, each
   * after its cursor (null for the start). Empty if the model never held a listing of the item.
   */
  public Optional<OrderBook> orderBook(
      ItemKey item, int limit, BookCursor buysAfter, BookCursor sellsAfter) {
    Objects.requireNonNull(item, "item");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
    }
    return read(() -> Optional.ofNullable(items.book(item, limit, buysAfter, sellsAfter)));
  }

  /**
   * The item's prices per hour over the 7 days up to {@code now}, oldest hour first, only hours
   * with events; empty for an item never priced.
   */
  public List<HourlyPrice> priceHistory(ItemKey item, Instant now) {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(now, "now");
    return history.of(item, now);
  }

  /**
   * Stops the price history from following {@link #apply}: a start that builds the model from the
   * checkpoint (current states, not events) reads the history from the event log afterwards.
   */
  public void pauseHistory() {
    writers.lock();
    try {
      recordingHistory = false;
    } finally {
      writers.unlock();
    }
  }

  /**
   * Lets {@link #apply} feed the price history again; returns, per source ordinal, the greatest seq
   * applied until then: the states up to it are the log's to add ({@link #addToHistory}), those
   * after it the model's own.
   */
  public long[] resumeHistory() {
    writers.lock();
    try {
      recordingHistory = true;
      return highestSeq.clone();
    } finally {
      writers.unlock();
    }
  }

  /** Adds logged states to the price history only; the listings stay as they are. */
  public void addToHistory(List<ListingState> states) {
    history.add(Objects.requireNonNull(states, "states"));
  }

  /** The key's price in refined metal as the stream has it now ({@link KeyPrice}). */
  public KeyPrice keyPrice() {
    BigDecimal median = read(() -> items.medianSell(KeyPrice.ITEM));
    return median == null || median.signum() <= 0 ? KeyPrice.DEFAULT : new KeyPrice(median, true);
  }

  /** One page of the open deals matching the query, newest first, with the exact total. */
  public DealPage deals(DealQuery query) {
    Objects.requireNonNull(query, "query");
    return read(() -> deals.search(query));
  }

  /** The rules the deals follow. */
  public DealRules dealRules() {
    return deals.rules();
  }

  /** Listings held, deleted included. */
  public long size() {
    return read(() -> (long) table.size());
  }

  /** The greatest seq applied for the source, 0 when none. */
  public long highestSeq(Source source) {
    Objects.requireNonNull(source, "source");
    return read(() -> highestSeq[source.ordinal()]);
  }

  /**
   * The model's own estimate of its heap use in bytes: its arrays as allocated (with their unused
   * room), dictionaries and side tables.
   */
  public long estimatedBytes() {
    long bytes = 0;
    for (long part : estimatedBytesByPart().values()) {
      bytes += part;
    }
    return bytes;
  }

  /**
   * {@link #estimatedBytes()} by part, for finding where the bytes go: the listing table's columns
   * and dictionaries, the key table, the three kept orders, the counts, the items with their books,
   * the deals and the price history.
   */
  public Map<String, Long> estimatedBytesByPart() {
    return read(
        () -> {
          Map<String, Long> parts = new LinkedHashMap<>();
          table.bytesByPart().forEach((column, bytes) -> parts.put("table." + column, bytes));
          parts.put("keys", keys.bytes());
          parts.put("orderByValue", byValue.bytes());
          parts.put("orderByUpdated", byUpdated.bytes());
          parts.put("orderByKey", byKey.bytes());
          parts.put("counts", counts.bytes());
          parts.put("items", items.bytes());
          parts.put("deals", deals.bytes());
          parts.put("history", history.bytes());
          return parts;
        });
  }

  private <T> T read(Supplier<T> reading) {
    lock.readLock().lock();
    try {
      return reading.get();
    } finally {
      lock.readLock().unlock();
    }
  }
}
