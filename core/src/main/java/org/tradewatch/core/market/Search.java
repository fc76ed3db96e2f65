package org.tradewatch.core.market;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingState;

/**
 * Runs one query against the model, under its read lock.
 *
 * <p>The total comes from {@link Counts} when the filters allow, else from one pass over the
 * candidates: the value order's slice between the bounds when a price range makes it short, every
 * slot otherwise. That pass keeps the matching slots when there are few.
 *
 * <p>The page comes from walking the sort's kept order from its start (or the cursor), testing each
 * listing, until the page is full: with matches spread at density d, about (offset + limit) / d
 * listings. When that walk would be long because the matches are few, the page is instead picked
 * out of the matching slots ({@link SlotSelection}), found by the pass above.
 */
final class Search {

  /**
   * How a search finds its page: by the cheaper way as estimated, or always one way (for tests, so
   * that both are proved on the same cases).
   */
  enum Paging {
    CHEAPEST,
    WALK,
    SELECT
  }

  /** Matching slots kept at most; beyond, only counted. */
  static final int COLLECT_LIMIT = 1 << 15;

  /** Listings a walk may be expected to read before collecting the matches is cheaper. */
  static final int WALK_BUDGET = 60_000;

  private final ListingTable table;
  private final Counts counts;
  private final SlotOrder byValue;
  private final SlotOrder byUpdated;
  private final SlotOrder byKey;
  private final ListingQuery query;
  private final Filter filter;
  private final Paging paging;

  Search(
      ListingTable table,
      Counts counts,
      SlotOrder byValue,
      SlotOrder byUpdated,
      SlotOrder byKey,
      NameMatcher names,
      ListingQuery query,
      Paging paging) {
    this.table = table;
    this.counts = counts;
    this.byValue = byValue;
    this.byUpdated = byUpdated;
    this.byKey = byKey;
    this.query = query;
    this.filter = new Filter(query, table, names);
    this.paging = paging;
  }

  /** The matching slots of one pass, all of them if there were at most COLLECT_LIMIT. */
  private static final class Matches {
    int[] slots = new int[256];
    long count;

    void add(int slot) {
      if (count < COLLECT_LIMIT) {
        if (count == slots.length) {
          slots = Arrays.copyOf(slots, slots.length * 2);
        }
        slots[(int) count] = slot;
      }
      count++;
    }

    boolean complete() {
      return count <= COLLECT_LIMIT;
    }
  }

  MarketPage run() {
    if (filter.matchesNothing() || table.size() == 0) {
      return new MarketPage(List.of(), 0);
    }
    Matches matches = null;
    long total;
    if (filter.countable()) {
      total = filter.count(counts);
    } else {
      matches = collect();
      total = matches.count;
    }
    ListingKey after = query.after();
    long offset = query.offset();
    if (total == 0 || (after == null && offset >= total)) {
      return new MarketPage(List.of(), total);
    }
    long wanted = after == null ? offset + query.limit() : query.limit();
    double expectedWalk = Math.min(table.size(), wanted * (double) table.size() / total);
    if (matches == null
        && total <= COLLECT_LIMIT
        && (paging == Paging.SELECT || (paging == Paging.CHEAPEST && expectedWalk > WALK_BUDGET))) {
      matches = collect();
    }
    boolean select =
        matches != null
            && matches.complete()
            && (paging == Paging.SELECT
                || (paging == Paging.CHEAPEST
                    && selectionCost(matches.count, wanted) < expectedWalk));
    int[] slots = select ? select(matches) : walk(offset);
    List<ListingState> rows = new ArrayList<>(slots.length);
    for (int slot : slots) {
      rows.add(table.read(slot));
    }
    return new MarketPage(rows, total);
  }

  /** Roughly what picking {@code wanted} of {@code count} matches costs, in listings walked. */
  private static double selectionCost(long count, long wanted) {
    double log = Math.log(Math.max(2, wanted)) / Math.log(2);
    return wanted * 4 >= count ? count * log : count + wanted * log * 4;
  }

  /** One pass over the candidates: the value order between the bounds, or every slot. */
  private Matches collect() {
    Matches matches = new Matches();
    if (filter.ranged()) {
      // Missing values sit last in the value order: both bounds count them as beyond.
      ValueColumn values = table.values();
      int from = byValue.lowerBound(slot -> values.isNull(slot) || filter.atLeastMin(slot));
      int to = byValue.lowerBound(filter::aboveMax);
      // The slice is read in value order, a random walk over the columns: worth it when short.
      if (to - from < table.size() / 4) {
        byValue.visit(
            from,
            to,
            false,
            slot -> {
              if (filter.testInRange(slot)) {
                matches.add(slot);
              }
              return true;
            });
        return matches;
      }
    }
    filter.scan(matches::add);
    return matches;
  }

  private int[] select(Matches matches) {
    int count = (int) matches.count;
    int[] candidates = matches.slots;
    ListingKey after = query.after();
    if (after != null) {
      int kept = 0;
      candidates = new int[count];
      for (int i = 0; i < count; i++) {
        if (table.compareKeyTo(matches.slots[i], after) > 0) {
          candidates[kept++] = matches.slots[i];
        }
      }
      count = kept;
    }
    return SlotSelection.page(candidates, count, query.offset(), query.limit(), comparator());
  }

  /** The query's order as a comparison of slots, as {@link #walk} reads it. */
  private SlotComparator comparator() {
    ValueColumn values = table.values();
    return switch (query.sort()) {
      case VALUE_ASC -> table::compareByValue;
      case VALUE_DESC ->
          (a, b) -> {
            boolean noA = values.isNull(a);
            boolean noB = values.isNull(b);
            if (noA != noB) {
              return noA ? 1 : -1;
            }
            return -table.compareByValue(a, b);
          };
      case UPDATED_ASC -> table::compareByUpdated;
      case UPDATED_DESC -> (a, b) -> -table.compareByUpdated(a, b);
      case KEY -> table::compareKeys;
    };
  }

  /** Walks the sort's order, skipping {@code offset} matches, until a page is full. */
  private int[] walk(long offset) {
    Page page = new Page(offset, query.limit());
    int size = table.size();
    switch (query.sort()) {
      case VALUE_ASC -> byValue.visit(0, size, false, page);
      case VALUE_DESC -> {
        // Missing values come last either way: the valued part backwards, then the rest backwards.
        int missing = byValue.lowerBound(table.values()::isNull);
        byValue.visit(0, missing, true, page);
        if (!page.full()) {
          byValue.visit(missing, size, true, page);
        }
      }
      case UPDATED_ASC -> byUpdated.visit(0, size, false, page);
      case UPDATED_DESC -> byUpdated.visit(0, size, true, page);
      case KEY -> {
        ListingKey after = query.after();
        int from =
            after == null ? 0 : byKey.lowerBound(slot -> table.compareKeyTo(slot, after) > 0);
        byKey.visit(from, size, false, page);
      }
    }
    return page.slots();
  }

  /** Collects a page while walking: skips the first matches, then keeps a page of them. */
  private final class Page implements SlotOrder.Visitor {
    private final int[] slots;
    private long toSkip;
    private int kept;
    private final boolean all = filter.matchesAll();

    Page(long offset, int limit) {
      this.toSkip = offset;
      this.slots = new int[limit];
    }

    @Override
    public boolean visit(int slot) {
      if (all || filter.test(slot)) {
        if (toSkip > 0) {
          toSkip--;
        } else {
          slots[kept++] = slot;
        }
      }
      return kept < slots.length;
    }

    boolean full() {
      return kept == slots.length;
    }

    int[] slots() {
      return Arrays.copyOf(slots, kept);
    }
  }
}
