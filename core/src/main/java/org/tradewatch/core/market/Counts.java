package org.tradewatch.core.market;

import java.util.Arrays;

/**
 * How many listings each combination of source, intent and deletion has ({@link
 * ListingTable#combo}), in all and per item name and per quality: a search filtering on no more
 * than those (and a name text or a quality) gets its exact total from here instead of a scan.
 */
final class Counts {

  private final long[] all = new long[ListingTable.COMBOS];
  private int[] byName = new int[64 * ListingTable.COMBOS];
  private int[] byQuality = new int[16 * ListingTable.COMBOS];

  void add(int combo, int nameId, int qualityId, int delta) {
    all[combo] += delta;
    byName = room(byName, nameId);
    byName[nameId * ListingTable.COMBOS + combo] += delta;
    byQuality = room(byQuality, qualityId);
    byQuality[qualityId * ListingTable.COMBOS + combo] += delta;
  }

  private static int[] room(int[] counts, int id) {
    int needed = (id + 1) * ListingTable.COMBOS;
    return needed <= counts.length
        ? counts
        : Arrays.copyOf(counts, Math.max(needed, counts.length * 2));
  }

  /** Listings in the combinations {@code combos} allows. */
  long all(boolean[] combos) {
    long total = 0;
    for (int c = 0; c < ListingTable.COMBOS; c++) {
      if (combos[c]) {
        total += all[c];
      }
    }
    return total;
  }

  /** Listings in the allowed combinations with one of the names {@code nameIds}. */
  long byNames(boolean[] combos, int[] nameIds) {
    return sum(byName, combos, nameIds);
  }

  /** Listings in the allowed combinations with one of the qualities {@code qualityIds}. */
  long byQualities(boolean[] combos, int[] qualityIds) {
    return sum(byQuality, combos, qualityIds);
  }

  private static long sum(int[] counts, boolean[] combos, int[] ids) {
    long total = 0;
    for (int id : ids) {
      int base = id * ListingTable.COMBOS;
      if (base >= counts.length) {
        continue;
      }
      for (int c = 0; c < ListingTable.COMBOS; c++) {
        if (combos[c]) {
          total += counts[base + c];
        }
      }
    }
    return total;
  }

  long bytes() {
    return Chunks.arrayBytes(byName.length, 4) + Chunks.arrayBytes(byQuality.length, 4) + 128;
  }
}
