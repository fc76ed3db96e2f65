package org.tradewatch.core.market;

import java.util.Arrays;

/**
 * Every listing's slot kept sorted by one order (value, updated time, key): a list of sorted blocks
 * of at most {@value #BLOCK} slots, found by binary search over the blocks' last slots and then
 * within a block. An insert or a removal moves at most one block's worth of ints, and a page is
 * read by walking from a position, so no search ever sorts.
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

  static final int BLOCK = 512;

  private final SlotComparator order;
  private int[][] blocks = new int[8][];
  private int[] sizes = new int[8];
  private int blockCount;
  private int size;

  SlotOrder(SlotComparator order) {
    this.order = order;
  }

  int size() {
    return size;
  }

  void insert(int slot) {
    if (blockCount == 0) {
      addBlock(0);
      insertAt(0, 0, slot);
      return;
    }
    int last = blockCount - 1;
    if (order.compare(lastOf(last), slot) < 0) {
      // The common case for the updated order: the newest listing goes last.
      insertAt(last, sizes[last], slot);
      return;
    }
    int lo = 0;
    int hi = last;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (order.compare(lastOf(mid), slot) > 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    int[] block = blocks[lo];
    int from = 0;
    int to = sizes[lo] - 1;
    while (from < to) {
      int mid = (from + to) >>> 1;
      if (order.compare(block[mid], slot) > 0) {
        to = mid;
      } else {
        from = mid + 1;
      }
    }
    insertAt(lo, from, slot);
  }

  void remove(int slot) {
    int lo = 0;
    int hi = blockCount - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (order.compare(lastOf(mid), slot) >= 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    int from = 0;
    if (blockCount > 0) {
      int[] block = blocks[lo];
      int to = sizes[lo] - 1;
      while (from < to) {
        int mid = (from + to) >>> 1;
        if (order.compare(block[mid], slot) >= 0) {
          to = mid;
        } else {
          from = mid + 1;
        }
      }
    }
    if (blockCount == 0 || blocks[lo][from] != slot) {
      throw new IllegalStateException(
          "slot " + slot + " is not where its order puts it: its fields changed before removal");
    }
    int[] block = blocks[lo];
    System.arraycopy(block, from + 1, block, from, sizes[lo] - from - 1);
    sizes[lo]--;
    size--;
    if (sizes[lo] == 0) {
      removeBlock(lo);
    } else if (sizes[lo] < BLOCK / 4) {
      mergeWithNeighbour(lo);
    }
  }

  /** The position of the first slot for which {@code boundary} holds, or {@link #size()}. */
  int lowerBound(Boundary boundary) {
    int lo = 0;
    int hi = blockCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (boundary.atOrAfter(lastOf(mid))) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    if (lo == blockCount) {
      return size;
    }
    int[] block = blocks[lo];
    int from = 0;
    int to = sizes[lo] - 1;
    while (from < to) {
      int mid = (from + to) >>> 1;
      if (boundary.atOrAfter(block[mid])) {
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
        int[] block = blocks[b];
        for (; i >= 0; i--) {
          if (!visitor.visit(block[i]) || --remaining == 0) {
            return;
          }
        }
      }
    } else {
      for (; b < blockCount; b++, i = 0) {
        int[] block = blocks[b];
        int end = sizes[b];
        for (; i < end; i++) {
          if (!visitor.visit(block[i]) || --remaining == 0) {
            return;
          }
        }
      }
    }
  }

  private int lastOf(int b) {
    return blocks[b][sizes[b] - 1];
  }

  private int startOf(int b) {
    int start = 0;
    for (int i = 0; i < b; i++) {
      start += sizes[i];
    }
    return start;
  }

  private void insertAt(int b, int index, int slot) {
    if (sizes[b] == BLOCK) {
      if (b == blockCount - 1 && index == BLOCK) {
        // Appending to a full last block: start a new one, leaving this one full.
        addBlock(blockCount);
        b = blockCount - 1;
        index = 0;
      } else {
        split(b);
        if (index > sizes[b]) {
          index -= sizes[b];
          b++;
        }
      }
    }
    int[] block = blocks[b];
    System.arraycopy(block, index, block, index + 1, sizes[b] - index);
    block[index] = slot;
    sizes[b]++;
    size++;
  }

  private void split(int b) {
    addBlock(b + 1);
    int half = sizes[b] / 2;
    int moved = sizes[b] - half;
    System.arraycopy(blocks[b], half, blocks[b + 1], 0, moved);
    sizes[b] = half;
    sizes[b + 1] = moved;
  }

  private void mergeWithNeighbour(int b) {
    int limit = BLOCK * 3 / 4;
    if (b + 1 < blockCount && sizes[b] + sizes[b + 1] <= limit) {
      System.arraycopy(blocks[b + 1], 0, blocks[b], sizes[b], sizes[b + 1]);
      sizes[b] += sizes[b + 1];
      removeBlock(b + 1);
    } else if (b > 0 && sizes[b - 1] + sizes[b] <= limit) {
      System.arraycopy(blocks[b], 0, blocks[b - 1], sizes[b - 1], sizes[b]);
      sizes[b - 1] += sizes[b];
      removeBlock(b);
    }
  }

  private void addBlock(int at) {
    if (blockCount == blocks.length) {
      blocks = Arrays.copyOf(blocks, blockCount * 2);
      sizes = Arrays.copyOf(sizes, blockCount * 2);
    }
    System.arraycopy(blocks, at, blocks, at + 1, blockCount - at);
    System.arraycopy(sizes, at, sizes, at + 1, blockCount - at);
    blocks[at] = new int[BLOCK];
    sizes[at] = 0;
    blockCount++;
  }

  private void removeBlock(int at) {
    System.arraycopy(blocks, at + 1, blocks, at, blockCount - at - 1);
    System.arraycopy(sizes, at + 1, sizes, at, blockCount - at - 1);
    blockCount--;
    blocks[blockCount] = null;
  }

  long bytes() {
    return blockCount * Chunks.arrayBytes(BLOCK, 4)
        + Chunks.arrayBytes(blocks.length, 4)
        + Chunks.arrayBytes(sizes.length, 4);
  }
}
