package org.tradewatch.core.market;

import java.math.BigDecimal;
import java.time.Instant;
import org.tradewatch.core.listing.ListingState;

/**
 * A listing's place in each kept order by the state a batch gives it ({@link SlotOrder.Probe}),
 * before that state is in the columns: each compares as the order's slot comparator in {@link
 * ListingTable} does, reading the held slot from the columns and the probe from its state.
 */
final class Probes {

  /** A probe of one listing's new state. */
  private abstract static class ListingProbe implements SlotOrder.Probe {
    final ListingTable table;
    final int slot;
    final ListingState state;
    final int primary;

    ListingProbe(ListingTable table, int slot, ListingState state, int primary) {
      this.table = table;
      this.slot = slot;
      this.state = state;
      this.primary = primary;
    }

    @Override
    public int slot() {
      return slot;
    }

    @Override
    public int primary() {
      return primary;
    }

    /** The key order's tie-break against a held slot. */
    int byKey(int held) {
      return -table.compareKeyTo(held, state.key());
    }

    /** The key order's tie-break against another probe. */
    int byKey(SlotOrder.Probe other) {
      return ListingTable.compareKeys(state.key(), ((ListingProbe) other).state.key());
    }
  }

  /** Value ascending, missing last, then key: {@link ListingTable#compareByValue}. */
  static SlotOrder.Probe byValue(ListingTable table, int slot, ListingTable.Row row) {
    BigDecimal value = row.state.value();
    ValueColumn.Bound bound =
        value == null
            ? null
            : new ValueColumn.Bound(value, row.approx, ValueColumn.isPlainCode(row.valueCode));
    return new ListingProbe(table, slot, row.state, ValueColumn.primaryOf(row.approx)) {
      @Override
      public int compareTo(int held) {
        ValueColumn values = table.values();
        int byValue;
        if (bound == null) {
          byValue = values.isNull(held) ? 0 : 1;
        } else {
          byValue = values.isNull(held) ? -1 : -values.compareTo(held, bound);
        }
        return byValue != 0 ? byValue : byKey(held);
      }

      @Override
      public int compareTo(SlotOrder.Probe other) {
        BigDecimal theirs = ((ListingProbe) other).state.value();
        int byValue =
            value == null || theirs == null
                ? (value == theirs ? 0 : value == null ? 1 : -1)
                : value.compareTo(theirs);
        return byValue != 0 ? byValue : byKey(other);
      }
    };
  }

  /** Updated time ascending, then key: {@link ListingTable#compareByUpdated}. */
  static SlotOrder.Probe byUpdated(
      ListingTable table, int slot, ListingTable.Row row, Instant origin) {
    Instant updatedAt = row.state.updatedAt();
    return new ListingProbe(table, slot, row.state, InstantColumn.primary(updatedAt, origin)) {
      @Override
      public int compareTo(int held) {
        int byTime = -table.updatedAt().compareTo(held, updatedAt);
        return byTime != 0 ? byTime : byKey(held);
      }

      @Override
      public int compareTo(SlotOrder.Probe other) {
        int byTime = updatedAt.compareTo(((ListingProbe) other).state.updatedAt());
        return byTime != 0 ? byTime : byKey(other);
      }
    };
  }

  /** Source, then id: {@link ListingTable#compareKeys(int, int)}. */
  static SlotOrder.Probe byKey(ListingTable table, int slot, ListingTable.Row row) {
    int rank = ListingTable.sourceRank(row.state.key().source());
    return new ListingProbe(table, slot, row.state, rank) {
      @Override
      public int compareTo(int held) {
        return byKey(held);
      }

      @Override
      public int compareTo(SlotOrder.Probe other) {
        return byKey(other);
      }
    };
  }

  private Probes() {}
}
