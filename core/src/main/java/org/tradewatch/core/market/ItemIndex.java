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
 * item, each side kept sorted ({@link Book}), so that the best prices and counts are read without a
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
  private Book[] buys = new Book[64];
  private Book[] sells = new Book[64];
  private Instant[] lastChange = new Instant[64];
  private BigDecimal[] suggested = new BigDecimal[64];
  private long[] suggestedSeq = new long[64];

  private ListingTable table;

  /** The table whose slots the books hold (set once, by the model). */
  void attach(ListingTable table) {
    this.table = table;
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
    if (added > buys.length) {
      int length = keys.length;
      buys = Arrays.copyOf(buys, length);
      sells = Arrays.copyOf(sells, length);
      lastChange = Arrays.copyOf(lastChange, length);
      suggested = Arrays.copyOf(suggested, length);
      suggestedSeq = Arrays.copyOf(suggestedSeq, length);
    }
    published = added;
  }

  ItemKey key(int id) {
    return keys[id];
  }

  /** The id of a published item, {@link #NONE} if it is not one (readers). */
  int find(ItemKey key) {
    Integer id = ids.get(key);
    return id == null || id >= published ? NONE : id;
  }

  /**
   * Takes a listing's held state out of its item's book, before its new row is stored (so its old
   * value still places it), unless {@code staysPut} says the new state leaves it where it is.
   */
  void leave(int slot, ListingState before, int beforeItem, boolean staysPut, Instant at) {
    if (beforeItem == NONE) {
      return;
    }
    touch(beforeItem, at);
    if (!staysPut && inBook(before)) {
      book(beforeItem, before.intent(), false).remove(slot);
    }
  }

  /** Puts a listing's new state, stored in the table, into its item's book. */
  void enter(int slot, ListingState after, int afterItem, boolean stayedPut) {
    if (afterItem == NONE) {
      return;
    }
    touch(afterItem, after.updatedAt());
    if (after.suggested() != null && after.seq() > suggestedSeq[afterItem]) {
      suggested[afterItem] = after.suggested();
      suggestedSeq[afterItem] = after.seq();
    }
    if (!stayedPut && inBook(after)) {
      book(afterItem, after.intent(), true).insert(slot);
    }
  }

  /**
   * Whether a listing's change leaves it at its place in its book: the same item, side and value
   * while live (its place depends on nothing else), or out of every book before and after.
   */
  static boolean staysPut(
      ListingState before, int beforeItem, ListingState after, int afterItem, boolean sameValue) {
    boolean was = before != null && beforeItem != NONE && inBook(before);
    boolean is = afterItem != NONE && inBook(after);
    if (!was && !is) {
      return true;
    }
    return was && is && beforeItem == afterItem && before.intent() == after.intent() && sameValue;
  }

  private static boolean inBook(ListingState state) {
    return !state.deleted() && state.intent() != null;
  }

  private void touch(int id, Instant at) {
    Instant held = lastChange[id];
    if (held == null || held.isBefore(at)) {
      lastChange[id] = at;
    }
  }

  private Book book(int id, Intent intent, boolean create) {
    Book[] side = intent == Intent.BUY ? buys : sells;
    Book book = side[id];
    if (book == null) {
      if (!create) {
        throw new IllegalStateException("item " + id + " has no " + intent + " book to leave");
      }
      book = new Book(intent == Intent.BUY);
      side[id] = book;
    }
    return book;
  }

  private static int size(Book book) {
    return book == null ? 0 : book.size;
  }

  /** The summary of a published item (readers); null when it has no live buy or sell. */
  ItemSummary summary(int id) {
    Book buy = buys[id];
    Book sell = sells[id];
    if (size(buy) + size(sell) == 0) {
      return null;
    }
    return new ItemSummary(
        keys[id], best(buy), best(sell), size(buy), size(sell), suggested[id], lastChange[id]);
  }

  private ListingState best(Book book) {
    if (book == null || book.size == 0 || table.values().isNull(book.slots[0])) {
      return null;
    }
    return table.read(book.slots[0]);
  }

  /** One page of items matching the query, in its order (readers). */
  ItemPage search(ItemQuery query) {
    String q = query.q() == null ? null : query.q().toLowerCase(Locale.ROOT);
    int[] matches = new int[64];
    int count = 0;
    ItemKey[] held = keys;
    String[] names = lowerNames;
    for (int id = 1; id < published; id++) {
      if (size(buys[id]) + size(sells[id]) == 0) {
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
            int c = Integer.compare(size(buys[b]) + size(sells[b]), size(buys[a]) + size(sells[a]));
            return c != 0 ? c : byName.compare(a, b);
          };
      case UPDATED ->
          (a, b) -> {
            int c = lastChange[b].compareTo(lastChange[a]);
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
    ListingState buy = best(buys[id]);
    ListingState sell = best(sells[id]);
    return buy == null || sell == null ? null : sell.value().subtract(buy.value());
  }

  /** The item's book, {@code limit} entries a side after the cursors (readers); null if unknown. */
  OrderBook book(ItemKey key, int limit, BookCursor buysAfter, BookCursor sellsAfter) {
    int id = find(key);
    if (id == NONE) {
      return null;
    }
    ItemSummary summary = summary(id);
    if (summary == null) {
      summary = new ItemSummary(key, null, null, 0, 0, suggested[id], lastChange[id]);
    }
    List<ListingState> buyPage = new ArrayList<>();
    List<ListingState> sellPage = new ArrayList<>();
    BookCursor buyNext = page(buys[id], key, limit, buysAfter, buyPage);
    BookCursor sellNext = page(sells[id], key, limit, sellsAfter, sellPage);
    return new OrderBook(summary, buyPage, sellPage, buyNext, sellNext);
  }

  private BookCursor page(
      Book book, ItemKey item, int limit, BookCursor after, List<ListingState> out) {
    if (book == null) {
      return null;
    }
    int from =
        after == null
            ? 0
            : book.firstAfter(after, new ListingKey(item.source(), after.listingId()));
    int to = Math.min(book.size, from + limit);
    for (int i = from; i < to; i++) {
      out.add(table.read(book.slots[i]));
    }
    if (to >= book.size || out.isEmpty()) {
      return null;
    }
    ListingState last = out.get(out.size() - 1);
    return new BookCursor(last.value(), last.key().id());
  }

  long bytes() {
    long bytes = Chunks.arrayBytes(keys.length, 4) * 7L;
    for (int id = 1; id < published; id++) {
      bytes += 200 + (buys[id] == null ? 0 : buys[id].bytes());
      bytes += sells[id] == null ? 0 : sells[id].bytes();
    }
    return bytes;
  }

  /**
   * One side of an item's book: live slots sorted by value (ascending for sells, descending for
   * buys, no value last), then by key. Each entry keeps its sort double beside its slot, so that a
   * search reads the table only on equal doubles.
   */
  private final class Book {
    private final boolean descending;
    private int[] slots = new int[4];
    private double[] sortKeys = new double[4];
    private int size;

    Book(boolean descending) {
      this.descending = descending;
    }

    private double sortKey(double value) {
      return descending ? -value : value;
    }

    /** Entry i against a slot whose sort double is {@code key}: negative if the entry is first. */
    private int compare(int i, int slot, double key) {
      double held = sortKeys[i];
      if (held < key) {
        return -1;
      }
      if (held > key) {
        return 1;
      }
      boolean heldNone = Double.isNaN(held);
      boolean none = Double.isNaN(key);
      if (heldNone != none) {
        return heldNone ? 1 : -1;
      }
      int other = slots[i];
      if (!none) {
        int byValue = table.values().compare(other, slot);
        if (byValue != 0) {
          return descending ? -byValue : byValue;
        }
      }
      return table.compareKeys(other, slot);
    }

    /** The first index whose entry is not before the slot (as the table now holds it). */
    private int lowerBound(int slot) {
      double key = sortKey(table.values().approx(slot));
      int lo = 0;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (compare(mid, slot, key) < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    void insert(int slot) {
      int at = lowerBound(slot);
      if (at < size && slots[at] == slot) {
        throw new IllegalStateException("slot " + slot + " is in its item's book already");
      }
      if (size == slots.length) {
        slots = Arrays.copyOf(slots, size * 2);
        sortKeys = Arrays.copyOf(sortKeys, size * 2);
      }
      System.arraycopy(slots, at, slots, at + 1, size - at);
      System.arraycopy(sortKeys, at, sortKeys, at + 1, size - at);
      slots[at] = slot;
      sortKeys[at] = sortKey(table.values().approx(slot));
      size++;
    }

    void remove(int slot) {
      int at = lowerBound(slot);
      if (at == size || slots[at] != slot) {
        throw new IllegalStateException(
            "slot " + slot + " is not where its item's book puts it: its value changed first");
      }
      System.arraycopy(slots, at + 1, slots, at, size - at - 1);
      System.arraycopy(sortKeys, at + 1, sortKeys, at, size - at - 1);
      size--;
      if (size == 0 && slots.length > 4) {
        slots = new int[4];
        sortKeys = new double[4];
      }
    }

    /** The first index whose entry comes after the cursor's place. */
    int firstAfter(BookCursor cursor, ListingKey key) {
      ValueColumn.Bound bound = ValueColumn.Bound.of(cursor.value());
      double sortKey = bound == null ? Double.NaN : sortKey(bound.approx());
      int lo = 0;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (compareToCursor(mid, bound, sortKey, key) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    private int compareToCursor(int i, ValueColumn.Bound bound, double key, ListingKey listing) {
      double held = sortKeys[i];
      if (held < key) {
        return -1;
      }
      if (held > key) {
        return 1;
      }
      boolean heldNone = Double.isNaN(held);
      boolean none = Double.isNaN(key);
      if (heldNone != none) {
        return heldNone ? 1 : -1;
      }
      if (!none) {
        int byValue = table.values().compareTo(slots[i], bound);
        if (byValue != 0) {
          return descending ? -byValue : byValue;
        }
      }
      return table.compareKeyTo(slots[i], listing);
    }

    long bytes() {
      return Chunks.arrayBytes(slots.length, 4) + Chunks.arrayBytes(sortKeys.length, 8) + 16;
    }
  }
}
