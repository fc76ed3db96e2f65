package org.tradewatch.core.market;

import java.util.Arrays;

/**
 * Every listing's slot kept sorted by one order (value, updated time, key): a list of sorted blocks
 * of at most {@value #BLOCK} entries, found by binary search over the blocks' last entries and then
 * within a block. An insert or a removal moves at most one block's worth of entries, and a page is
 * read by walking from a position, so no search ever sorts.
 *
 * <p>An entry is a long: the slot in the low half, and in the high half the slot's
 * <em>primary</em>, a 32-bit digest of its sort fields that never contradicts the order (a slot
 * before another never has a greater primary). Most comparisons are settled by the primaries, in
 * the entries themselves; only equal primaries read the columns through the full comparator, which
 * would otherwise be read at random for each of the twenty-odd steps of a search.
 *
 * <p>Comparisons read the columns, so a listing must be removed before its sort fields change and
 * inserted again after. Slots compare equal only to themselves (every order ends with the key).
 */
final class SlotOrder {

  /** Visits slots in order; returns false to stop. */
  @FunctionalInterface
  interface Visitor {
    boolean visit(int slot);
  }

  /** A test that is false for a first part of the order and true for the rest. */
  @FunctionalInterface
  interface Boundary {
    boolean atOrAfter(int slot);
  }

  /** A slot's primary: if slot a comes before slot b, {@code of(a) <= of(b)}. */
  @FunctionalInterface
  interface Primary {
    int of(int slot);
  }

  static final int BLOCK = 512;

  private final SlotComparator order;
  private final Primary primary;
  private long[][] blocks = new long[8][];
  private int[] sizes = new int[8];

  /** Each block's last entry, side by side, for the search over blocks. */
  private long[] lasts = new long[8];

  private int blockCount;
  private int size;

  SlotOrder(SlotComparator order, Primary primary) {
    this.order = order;
    this.primary = primary;
  }

  int size() {
    return size;
  }

  private static long entry(int primary, int slot) {
    return ((long) primary << 32) | (slot & 0xFFFFFFFFL);
  }

  private static int slot(long entry) {
    return (int) entry;
  }

  private int compare(long x, long y) {
    int px = (int) (x >> 32);
    int py = (int) (y >> 32);
    if (px != py) {
      return px < py ? -1 : 1;
    }
    int sx = (int) x;
    int sy = (int) y;
    return sx == sy ? 0 : order.compare(sx, sy);
  }

  void insert(int slot) {
    long entry = entry(primary.of(slot), slot);
    if (blockCount == 0) {
      addBlock(0);
      insertAt(0, 0, entry);
      return;
    }
    int last = blockCount - 1;
    if (compare(lasts[last], entry) < 0) {
      // The common case for the updated order: the newest listing goes last.
      insertAt(last, sizes[last], entry);
      return;
    }
    int b = Math.min(firstBlockAbove(entry, 0), last);
    int at = firstAbove(blocks[b], sizes[b], entry, 0);
    if (at > 0 ? blocks[b][at - 1] == entry : b > 0 && lasts[b - 1] == entry) {
      throw new IllegalStateException("slot " + slot + " is in the order already");
    }
    if (at == 0 && b > 0 && sizes[b - 1] < BLOCK) {
      // The end of the block before is the same place, and has room.
      b--;
      at = sizes[b];
    }
    insertAt(b, at, entry);
  }

  void remove(int slot) {
    long entry = entry(primary.of(slot), slot);
    int b = blockCount == 0 ? 0 : firstBlockAbove(entry, 1);
    int at = b == blockCount ? 0 : firstAbove(blocks[b], sizes[b], entry, 1);
    if (b == blockCount || blocks[b][at] != entry) {
      throw new IllegalStateException(
          "slot " + slot + " is not where its order puts it: its fields changed before removal");
    }
    long[] block = blocks[b];
    System.arraycopy(block, at + 1, block, at, sizes[b] - at - 1);
    sizes[b]--;
    size--;
    if (sizes[b] == 0) {
      removeBlock(b);
    } else {
      lasts[b] = block[sizes[b] - 1];
      if (sizes[b] < BLOCK / 2 && blockCount > 1) {
        rebalance(b);
      }
    }
  }

  /**
   * The first block whose last entry is greater than {@code entry} ({@code orEqual} 0), or at least
   * {@code entry} ({@code orEqual} 1); {@code blockCount} if none.
   */
  private int firstBlockAbove(long entry, int orEqual) {
    int lo = 0;
    int hi = blockCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(lasts[mid], entry) + orEqual > 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The same within one block; {@code size} if none. */
  private int firstAbove(long[] block, int size, long entry, int orEqual) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(block[mid], entry) + orEqual > 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The position of the first slot for which {@code boundary} holds, or {@link #size()}. */
  int lowerBound(Boundary boundary) {
    int lo = 0;
    int hi = blockCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (boundary.atOrAfter(slot(lasts[mid]))) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    if (lo == blockCount) {
      return size;
    }
    long[] block = blocks[lo];
    int from = 0;
    int to = sizes[lo] - 1;
    while (from < to) {
      int mid = (from + to) >>> 1;
      if (boundary.atOrAfter(slot(block[mid]))) {
        to = mid;
      } else {
        from = mid + 1;
      }
    }
    return startOf(lo) + from;
  }

  /**
   * Visits the slots at positions {@code from} (inclusive) to {@code to} (exclusive), backwards
   * from {@code to - 1} when {@code backward}, until the visitor says stop.
   */
  void visit(int from, int to, boolean backward, Visitor visitor) {
    if (from >= to) {
      return;
    }
    int remaining = to - from;
    int b = 0;
    int start = backward ? to - 1 : from;
    while (start >= sizes[b]) {
      start -= sizes[b];
      b++;
    }
    int i = start;
    if (backward) {
      for (; b >= 0; b--, i = b >= 0 ? sizes[b] - 1 : 0) {
        long[] block = blocks[b];
        for (; i >= 0; i--) {
          if (!visitor.visit(slot(block[i])) || --remaining == 0) {
            return;
          }
        }
      }
    } else {
      for (; b < blockCount; b++, i = 0) {
        long[] block = blocks[b];
        int end = sizes[b];
        for (; i < end; i++) {
          if (!visitor.visit(slot(block[i])) || --remaining == 0) {
            return;
          }
        }
      }
    }
  }

  private int startOf(int b) {
    int start = 0;
    for (int i = 0; i < b; i++) {
      start += sizes[i];
    }
    return start;
  }

  private void insertAt(int b, int index, long entry) {
    if (sizes[b] == BLOCK) {
      if (b == blockCount - 1 && index == BLOCK) {
        // Appending to a full last block: start a new one, leaving this one full.
        addBlock(blockCount);
        b++;
        index = 0;
      } else if (b > 0 && sizes[b - 1] <= BLOCK - 2) {
        // Room before: hand it this block's first entries, half of that room's worth. Splitting
        // only when neighbours are full keeps blocks mostly full, however entries arrive.
        int before = sizes[b - 1];
        int moved = (BLOCK - before) / 2;
        System.arraycopy(blocks[b], 0, blocks[b - 1], before, moved);
        System.arraycopy(blocks[b], moved, blocks[b], 0, BLOCK - moved);
        sizes[b - 1] += moved;
        sizes[b] -= moved;
        lasts[b - 1] = blocks[b - 1][sizes[b - 1] - 1];
        if (index < moved) {
          b--;
          index += before;
        } else {
          index -= moved;
        }
      } else if (b + 1 < blockCount && sizes[b + 1] <= BLOCK - 2) {
        int after = sizes[b + 1];
        int moved = (BLOCK - after) / 2;
        System.arraycopy(blocks[b + 1], 0, blocks[b + 1], moved, after);
        System.arraycopy(blocks[b], BLOCK - moved, blocks[b + 1], 0, moved);
        sizes[b + 1] += moved;
        sizes[b] -= moved;
        lasts[b] = blocks[b][sizes[b] - 1];
        if (index > sizes[b]) {
          index -= sizes[b];
          b++;
        }
      } else {
        addBlock(b + 1);
        int half = BLOCK / 2;
        System.arraycopy(blocks[b], half, blocks[b + 1], 0, BLOCK - half);
        sizes[b + 1] = BLOCK - half;
        sizes[b] = half;
        lasts[b + 1] = lasts[b];
        lasts[b] = blocks[b][half - 1];
        if (index > half) {
          index -= half;
          b++;
        }
      }
    }
    long[] block = blocks[b];
    System.arraycopy(block, index, block, index + 1, sizes[b] - index);
    block[index] = entry;
    sizes[b]++;
    lasts[b] = block[sizes[b] - 1];
    size++;
  }

  /**
   * Keeps blocks at least half full, so that the order costs at most twice its entries: an
   * underfull block merges with a neighbour if both fit one block, else they share evenly.
   */
  private void rebalance(int b) {
    int left = b + 1 < blockCount ? b : b - 1;
    int right = left + 1;
    int total = sizes[left] + sizes[right];
    if (total <= BLOCK) {
      System.arraycopy(blocks[right], 0, blocks[left], sizes[left], sizes[right]);
      sizes[left] = total;
      lasts[left] = lasts[right];
      removeBlock(right);
      return;
    }
    int half = total / 2;
    if (sizes[left] < half) {
      int moved = half - sizes[left];
      System.arraycopy(blocks[right], 0, blocks[left], sizes[left], moved);
      System.arraycopy(blocks[right], moved, blocks[right], 0, sizes[right] - moved);
      sizes[right] -= moved;
    } else {
      int moved = sizes[left] - half;
      System.arraycopy(blocks[right], 0, blocks[right], moved, sizes[right]);
      System.arraycopy(blocks[left], half, blocks[right], 0, moved);
      sizes[right] += moved;
    }
    sizes[left] = half;
    lasts[left] = blocks[left][half - 1];
  }

  private void addBlock(int at) {
    if (blockCount == blocks.length) {
      blocks = Arrays.copyOf(blocks, blockCount * 2);
      sizes = Arrays.copyOf(sizes, blockCount * 2);
      lasts = Arrays.copyOf(lasts, blockCount * 2);
    }
    System.arraycopy(blocks, at, blocks, at + 1, blockCount - at);
    System.arraycopy(sizes, at, sizes, at + 1, blockCount - at);
    System.arraycopy(lasts, at, lasts, at + 1, blockCount - at);
    blocks[at] = new long[BLOCK];
    sizes[at] = 0;
    blockCount++;
  }

  private void removeBlock(int at) {
    System.arraycopy(blocks, at + 1, blocks, at, blockCount - at - 1);
    System.arraycopy(sizes, at + 1, sizes, at, blockCount - at - 1);
    System.arraycopy(lasts, at + 1, lasts, at, blockCount - at - 1);
    blockCount--;
    blocks[blockCount] = null;
  }

  long bytes() {
    return blockCount * Chunks.arrayBytes(BLOCK, 8)
        + Chunks.arrayBytes(blocks.length, 4)
        + Chunks.arrayBytes(sizes.length, 4)
        + Chunks.arrayBytes(lasts.length, 8);
  }
}
