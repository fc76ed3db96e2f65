package org.tradewatch.core.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tradewatch.core.item.BookCursor;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.item.ItemPage;
import org.tradewatch.core.item.ItemQuery;
import org.tradewatch.core.item.ItemSummary;
import org.tradewatch.core.item.OrderBook;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingState;

/**
 * Items by small int ids, each with its order book: the live buy orders and sell listings of the
 * item, each side kept sorted ({@link Side}), so that the best prices and counts are read without a
 * scan and a listing's change costs a binary search and a short array move.
 *
 * <p>Ids are interned like {@link Dictionary}'s: by the writer while it plans a batch, shown to
 * readers from {@link #publish()} on. Books and the per-item figures change only in the model's
 * write section ({@link #leave}, {@link #enter}) and are read under its read lock.
 */
final class ItemIndex {

  static final int NONE = 0;

  /** Concurrent so that readers may look keys up while the writer interns (ids published only). */
  private final Map<ItemKey, Integer> ids = new ConcurrentHashMap<>();

  private volatile ItemKey[] keys = new ItemKey[64];
  private volatile String[] lowerNames = new String[64];
  private int added = 1;
  private int published = 1;

  // Per item, sized in publish(): written in the write section, read under the read lock.
  private final Side buys = new Side(true);
  private final Side sells = new Side(false);

  /**
   * Two longs an item, side by side so that a change reads one cache line: the newest change's time
   * in epoch nanoseconds (see {@link #nanos}), and the seq of the state that gave the suggested
   * price.
   */
  private long[] marks = untouched(128, 0);

  /** Each item's suggested price, as primitives: no object to keep, no reference to store. */
  private final ValueColumn suggested = new ValueColumn();

  /** Items the per-item arrays have room for. */
  private int capacity = 64;

  private ListingTable table;

  /** The table whose slots the books hold (set once, by the model). */
  void attach(ListingTable table) {
    this.table = table;
  }

  /**
   * The item last interned for each listing name id ({@link ListingTable}'s names), the writer's
   * alone: most items are the only one of their name, so a new listing's item is usually found by
   * one comparison, without hashing the key.
   */
  private int[] byName = new int[64];

  /**
   * The id of {@code key}, given one if it had none (the writer only); {@link #NONE} for null.
   * {@code nameId} is the listing's name id, a hint to look by first.
   */
  int intern(ItemKey key, int nameId) {
    if (key == null) {
      return NONE;
    }
    if (nameId < byName.length) {
      int hinted = byName[nameId];
      if (hinted != NONE && keys[hinted].equals(key)) {
        return hinted;
      }
    } else {
      byName = Arrays.copyOf(byName, Math.max(nameId + 1, byName.length * 2));
    }
    int id = intern(key);
    byName[nameId] = id;
    return id;
  }

  /** The id of {@code key}, given one if it had none (the writer only); {@link #NONE} for null. */
  int intern(ItemKey key) {
    if (key == null) {
      return NONE;
    }
    Integer known = ids.get(key);
    if (known != null) {
      return known;
    }
    int id = added++;
    if (id == keys.length) {
      String[] grownNames = Arrays.copyOf(lowerNames, id * 2);
      grownNames[id] = key.displayName().toLowerCase(Locale.ROOT);
      lowerNames = grownNames;
      ItemKey[] grown = Arrays.copyOf(keys, id * 2);
      grown[id] = key;
      keys = grown;
    } else {
      lowerNames[id] = key.displayName().toLowerCase(Locale.ROOT);
      keys[id] = key;
    }
    ids.put(key, id);
    return id;
  }

  /** Shows readers every item interned so far, with room for its figures (write section). */
  void publish() {
    if (added > capacity) {
      int length = keys.length;
      buys.grow(length);
      sells.grow(length);
      long[] grown = untouched(2 * length, capacity);
      System.arraycopy(marks, 0, grown, 0, marks.length);
      marks = grown;
      capacity = length;
    }
    suggested.ensure(added);
    published = added;
  }

  /** Marks for {@code length / 2} items, those from item {@code from} on not changed yet. */
  private static long[] untouched(int length, int from) {
    long[] marks = new long[length];
    for (int id = from; 2 * id < length; id++) {
      marks[2 * id] = Long.MIN_VALUE;
    }
    return marks;
  }

  ItemKey key(int id) {
    return keys[id];
  }

  /** The id of a published item, {@link #NONE} if it is not one (readers). */
  int find(ItemKey key) {
    Integer id = ids.get(key);
    return id == null || id >= published ? NONE : id;
  }

  /** What {@link #leave} tells {@link #enter}: the listing's change leaves every book as it is. */
  static final int STAYS = -2;

  /** ... or the listing is in no book now (taken out of its old one, if any). */
  static final int OUT = -1;

  /**
   * Takes a listing's held state out of its item's book, before its new row is stored (so its old
   * value still places it); returns {@link #STAYS} when the new state leaves it where it is, {@link
   * #OUT} once it is out of every book, or its index when it stays in the same book at a new value
   * (it is then moved by {@link #enter}, in one step).
   */
  int leave(
      int slot,
      ListingState before,
      int beforeItem,
      ListingState after,
      int afterItem,
      boolean sameValue) {
    boolean was = before != null && beforeItem != NONE && inBook(before);
    boolean is = afterItem != NONE && inBook(after);
    if (beforeItem != NONE && beforeItem != afterItem) {
      touch(beforeItem, after.updatedAt());
    }
    if (!was) {
      return is ? OUT : STAYS;
    }
    boolean sameBook = is && beforeItem == afterItem && before.intent() == after.intent();
    if (sameBook && sameValue) {
      return STAYS;
    }
    Side side = side(before.intent());
    int at = side.find(beforeItem, slot);
    if (sameBook) {
      return at;
    }
    side.removeAt(beforeItem, at);
    return OUT;
  }

  /**
   * Puts a listing's new state (its row, stored in the table) into its item's book, as {@code left}
   * (what {@link #leave} returned, {@link #OUT} for a listing new to the model) says.
   */
  void enter(int slot, ListingTable.Row row, int left) {
    int afterItem = row.itemId;
    if (afterItem == NONE) {
      return;
    }
    ListingState after = row.state;
    touch(afterItem, after.updatedAt());
    if (after.suggested() != null && after.seq() > marks[2 * afterItem + 1]) {
      suggested.set(afterItem, after.suggested(), row.suggestedApprox, row.suggestedCode);
      marks[2 * afterItem + 1] = after.seq();
    }
    if (left == STAYS || !inBook(after)) {
      return;
    }
    Side side = side(after.intent());
    if (left == OUT) {
      side.insert(afterItem, slot);
    } else {
      side.move(afterItem, left, slot);
    }
  }

  private Side side(Intent intent) {
    return intent == Intent.BUY ? buys : sells;
  }

  private static boolean inBook(ListingState state) {
    return !state.deleted() && state.intent() != null;
  }

  /**
   * An instant as epoch nanoseconds, the years 1677 to 2262; one outside them (no clock of
   * Tradewatch's gives one) is held as the nearest of those bounds.
   */
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

  private void touch(int id, Instant at) {
    long nanos = nanos(at);
    if (marks[2 * id] < nanos) {
      marks[2 * id] = nanos;
    }
  }

  /** Live buy orders of a published item (readers, or the writer in the write section). */
  int buyCount(int id) {
    return buys.size(id);
  }

  /** Live sell listings of a published item. */
  int sellCount(int id) {
    return sells.size(id);
  }

  /** The slot at {@code index} of the item's buy orders, highest value first. */
  int buySlot(int id, int index) {
    return buys.slot(id, index);
  }

  /** The slot at {@code index} of the item's sell listings, lowest value first. */
  int sellSlot(int id, int index) {
    return sells.slot(id, index);
  }

  /** The item's suggested price, or null. */
  BigDecimal suggested(int id) {
    return suggested.get(id);
  }

  /** How the item's suggested price is kept ({@link ValueColumn#code}). */
  byte suggestedCode(int id) {
    return suggested.code(id);
  }

  /** The item's suggested price as a double, NaN when it has none. */
  double suggestedApprox(int id) {
    return suggested.approx(id);
  }

  /** When the newest change to the item's listings was applied. */
  private Instant lastChange(int id) {
    return Instant.ofEpochSecond(0, marks[2 * id]);
  }

  /** Newest change first. */
  private int compareLastChange(int a, int b) {
    return Long.compare(marks[2 * b], marks[2 * a]);
  }

  /** The summary of a published item (readers); null when it has no live buy or sell. */
  ItemSummary summary(int id) {
    int buyCount = buys.size(id);
    int sellCount = sells.size(id);
    if (buyCount + sellCount == 0) {
      return null;
    }
    return new ItemSummary(
        keys[id],
        best(buys, id),
        best(sells, id),
        buyCount,
        sellCount,
        suggested.get(id),
        lastChange(id));
  }

  private ListingState best(Side side, int id) {
    int slot = side.first(id);
    return slot < 0 || table.values().isNull(slot) ? null : table.read(slot);
  }

  /**
   * Where the item's best buy and best sell stand, to tell whether a batch moved them: for each
   * side its slot (-1 for none) and value as a double (NaN for none). Read by the writer only,
   * before and after its write section; an item not yet published has neither.
   */
  long[] bests(int id, long[] into) {
    boolean held = id < published;
    int buy = held ? buys.first(id) : -1;
    int sell = held ? sells.first(id) : -1;
    into[0] = buy;
    into[1] = Double.doubleToLongBits(buy < 0 ? Double.NaN : table.values().approx(buy));
    into[2] = sell;
    into[3] = Double.doubleToLongBits(sell < 0 ? Double.NaN : table.values().approx(sell));
    return into;
  }

  /**
   * The value of the item's middle live sell listing (the lower middle of an even count), or null
   * when it has none with a value (readers).
   */
  BigDecimal medianSell(ItemKey key) {
    int id = find(key);
    if (id == NONE || sells.size(id) == 0) {
      return null;
    }
    int slot = sells.slot(id, (sells.size(id) - 1) / 2);
    return table.values().isNull(slot) ? null : table.values().get(slot);
  }

  /** The item's summary, with no listings and no best prices when it has no live ones. */
  ItemSummary summaryOrEmpty(int id) {
    ItemSummary summary = summary(id);
    return summary != null
        ? summary
        : new ItemSummary(keys[id], null, null, 0, 0, suggested.get(id), lastChange(id));
  }

  /** One page of items matching the query, in its order (readers). */
  ItemPage search(ItemQuery query) {
    String q = query.q() == null ? null : query.q().toLowerCase(Locale.ROOT);
    int[] matches = new int[64];
    int count = 0;
    ItemKey[] held = keys;
    String[] names = lowerNames;
    for (int id = 1; id < published; id++) {
      if (buys.size(id) + sells.size(id) == 0) {
        continue;
      }
      ItemKey key = held[id];
      if ((query.source() != null && key.source() != query.source())
          || (query.appid() != null && !query.appid().equals(key.appid()))
          || (query.quality() != null && !query.quality().equalsIgnoreCase(key.quality()))
          || (q != null && !names[id].contains(q))) {
        continue;
      }
      if (count == matches.length) {
        matches = Arrays.copyOf(matches, count * 2);
      }
      matches[count++] = id;
    }
    SlotComparator order = order(query, names);
    long offset = (long) (query.page() - 1) * query.limit();
    int[] page = SlotSelection.page(matches, count, offset, query.limit(), order);
    List<ItemSummary> items = new ArrayList<>(page.length);
    for (int id : page) {
      items.add(summary(id));
    }
    return new ItemPage(items, count);
  }

  /** The query's order over item ids; distinct items never compare equal (the key breaks ties). */
  private SlotComparator order(ItemQuery query, String[] names) {
    SlotComparator byName =
        (a, b) -> {
          int c = names[a].compareTo(names[b]);
          return c != 0 ? c : keys[a].id().compareTo(keys[b].id());
        };
    return switch (query.sort()) {
      case NAME -> byName;
      case LISTINGS ->
          (a, b) -> {
            int c = Integer.compare(buys.size(b) + sells.size(b), buys.size(a) + sells.size(a));
            return c != 0 ? c : byName.compare(a, b);
          };
      case UPDATED ->
          (a, b) -> {
            int c = compareLastChange(a, b);
            return c != 0 ? c : byName.compare(a, b);
          };
      case SPREAD ->
          (a, b) -> {
            BigDecimal x = spread(a);
            BigDecimal y = spread(b);
            int c = x == null ? (y == null ? 0 : 1) : y == null ? -1 : x.compareTo(y);
            return c != 0 ? c : byName.compare(a, b);
          };
    };
  }

  private BigDecimal spread(int id) {
    ListingState buy = best(buys, id);
    ListingState sell = best(sells, id);
    return buy == null || sell == null ? null : sell.value().subtract(buy.value());
  }

  /** The item's book, {@code limit} entries a side after the cursors (readers); null if unknown. */
  OrderBook book(ItemKey key, int limit, BookCursor buysAfter, BookCursor sellsAfter) {
    int id = find(key);
    if (id == NONE) {
      return null;
    }
    ItemSummary summary = summaryOrEmpty(id);
    List<ListingState> buyPage = new ArrayList<>();
    List<ListingState> sellPage = new ArrayList<>();
    BookCursor buyNext = buys.page(id, key, limit, buysAfter, buyPage);
    BookCursor sellNext = sells.page(id, key, limit, sellsAfter, sellPage);
    return new OrderBook(summary, buyPage, sellPage, buyNext, sellNext);
  }

  long bytes() {
    return Chunks.arrayBytes(keys.length, 4) * 3L
        + Chunks.arrayBytes(byName.length, 4)
        + Chunks.arrayBytes(marks.length, 8)
        + (published - 1) * 200L
        + suggested.bytes()
        + buys.bytes()
        + sells.bytes();
  }

  /**
   * One side of every item's book: per item, its live slots of that intent sorted by value
   * (ascending for sells, descending for buys, no value last), then by key, in one array of longs.
   * An entry holds the slot in its low half and in its high half the slot's <em>primary</em>, a
   * 32-bit digest of the value that never contradicts the order ({@link ValueColumn#primaryOf}, of
   * the negated value for buys), so a search reads the table only where two primaries are equal.
   */
  private final class Side {
    private final boolean descending;
    private long[][] entries = new long[64][];
    private int[] sizes = new int[64];

    Side(boolean descending) {
      this.descending = descending;
    }

    void grow(int length) {
      entries = Arrays.copyOf(entries, length);
      sizes = Arrays.copyOf(sizes, length);
    }

    int size(int id) {
      return sizes[id];
    }

    /** The slot at {@code index} of the item's side, in its order. */
    int slot(int id, int index) {
      return (int) entries[id][index];
    }

    /** The first slot of the item's side, -1 when it has none. */
    int first(int id) {
      return sizes[id] == 0 ? -1 : (int) entries[id][0];
    }

    private int primary(double value) {
      return ValueColumn.primaryOf(descending ? -value : value);
    }

    private long entry(int primary, int slot) {
      return ((long) primary << 32) | (slot & 0xFFFFFFFFL);
    }

    /** A held entry against a slot with that primary: negative if the entry comes first. */
    private int compare(long held, int slot, int primary) {
      int heldPrimary = (int) (held >> 32);
      if (heldPrimary != primary) {
        return heldPrimary < primary ? -1 : 1;
      }
      int other = (int) held;
      if (other == slot) {
        return 0;
      }
      ValueColumn values = table.values();
      boolean heldNone = values.isNull(other);
      boolean none = values.isNull(slot);
      if (heldNone || none) {
        if (heldNone != none) {
          return heldNone ? 1 : -1;
        }
      } else {
        int byValue = values.compare(other, slot);
        if (byValue != 0) {
          return descending ? -byValue : byValue;
        }
      }
      return table.compareKeys(other, slot);
    }

    /** The first index in [from, to) whose entry is not before the slot, or {@code to}. */
    private int lowerBound(long[] held, int from, int to, int slot, int primary) {
      int lo = from;
      int hi = to;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (compare(held[mid], slot, primary) < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    /** The index of a slot in the item's side, found by the value the table holds for it. */
    int find(int id, int slot) {
      long[] held = entries[id];
      int size = sizes[id];
      int primary = primary(table.values().approx(slot));
      int at = lowerBound(held, 0, size, slot, primary);
      if (at == size || (int) held[at] != slot) {
        throw new IllegalStateException(
            "slot " + slot + " is not where its item's book puts it: its value changed first");
      }
      return at;
    }

    void insert(int id, int slot) {
      long[] held = entries[id];
      int size = sizes[id];
      int primary = primary(table.values().approx(slot));
      if (held == null) {
        held = new long[2];
        entries[id] = held;
      }
      int at = lowerBound(held, 0, size, slot, primary);
      if (at < size && (int) held[at] == slot) {
        throw new IllegalStateException("slot " + slot + " is in its item's book already");
      }
      if (size == held.length) {
        // By half, not twice: a book of a million listings' entries then wastes about a sixth.
        held = Arrays.copyOf(held, size + (size >> 1) + 1);
        entries[id] = held;
      }
      System.arraycopy(held, at, held, at + 1, size - at);
      held[at] = entry(primary, slot);
      sizes[id] = size + 1;
    }

    void removeAt(int id, int at) {
      long[] held = entries[id];
      int size = sizes[id] - 1;
      System.arraycopy(held, at + 1, held, at, size - at);
      sizes[id] = size;
      if (size == 0) {
        entries[id] = null;
      } else if (held.length > 8 && size < held.length / 3) {
        entries[id] = Arrays.copyOf(held, size + (size >> 1) + 1);
      }
    }

    /**
     * Moves the slot at index {@code at}, whose value the table now holds changed, to its new
     * place: the entries between its old and new places shift by one.
     */
    void move(int id, int at, int slot) {
      long[] held = entries[id];
      int size = sizes[id];
      int primary = primary(table.values().approx(slot));
      long entry = entry(primary, slot);
      if (at > 0 && compare(held[at - 1], slot, primary) > 0) {
        int to = lowerBound(held, 0, at, slot, primary);
        System.arraycopy(held, to, held, to + 1, at - to);
        held[to] = entry;
      } else if (at < size - 1 && compare(held[at + 1], slot, primary) < 0) {
        int to = lowerBound(held, at + 1, size, slot, primary) - 1;
        System.arraycopy(held, at + 1, held, at, to - at);
        held[to] = entry;
      } else {
        held[at] = entry;
      }
    }

    /** Up to {@code limit} states after the cursor into {@code out}; the next cursor, or null. */
    BookCursor page(int id, ItemKey item, int limit, BookCursor after, List<ListingState> out) {
      long[] held = entries[id];
      int size = sizes[id];
      int from =
          after == null
              ? 0
              : firstAfter(held, size, after, new ListingKey(item.source(), after.listingId()));
      int to = Math.min(size, from + limit);
      for (int i = from; i < to; i++) {
        out.add(table.read((int) held[i]));
      }
      if (to >= size || out.isEmpty()) {
        return null;
      }
      ListingState last = out.get(out.size() - 1);
      return new BookCursor(last.value(), last.key().id());
    }

    /** The first index whose entry comes after the cursor's place. */
    private int firstAfter(long[] held, int size, BookCursor cursor, ListingKey key) {
      ValueColumn.Bound bound = ValueColumn.Bound.of(cursor.value());
      int primary = bound == null ? primary(Double.NaN) : primary(bound.approx());
      int lo = 0;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (compareToCursor(held[mid], bound, primary, key) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    private int compareToCursor(long held, ValueColumn.Bound bound, int primary, ListingKey key) {
      int heldPrimary = (int) (held >> 32);
      if (heldPrimary != primary) {
        return heldPrimary < primary ? -1 : 1;
      }
      int slot = (int) held;
      boolean heldNone = table.values().isNull(slot);
      if (heldNone || bound == null) {
        if (heldNone != (bound == null)) {
          return heldNone ? 1 : -1;
        }
      } else {
        int byValue = table.values().compareTo(slot, bound);
        if (byValue != 0) {
          return descending ? -byValue : byValue;
        }
      }
      return table.compareKeyTo(slot, key);
    }

    long bytes() {
      long bytes = Chunks.arrayBytes(entries.length, 4) + Chunks.arrayBytes(sizes.length, 4);
      for (int id = 1; id < published; id++) {
        bytes += entries[id] == null ? 0 : Chunks.arrayBytes(entries[id].length, 8);
      }
      return bytes;
    }
  }
}
