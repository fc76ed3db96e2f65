package org.tradewatch.core.market;

import java.util.Arrays;

/**
 * Every listing's slot kept sorted by one order (value, updated time, key): a list of sorted blocks
 * of at most {@value #BLOCK} entries, found by binary search over the blocks' last entries and then
 * within a block. A page is read by walking from a position, so no search ever sorts.
 *
 * <p>An entry is a long: the slot in the low half, and in the high half the slot's
 * <em>primary</em>, a 32-bit digest of its sort fields that never contradicts the order (a slot
 * before another never has a greater primary). Most comparisons are settled by the primaries, in
 * the entries themselves; only equal primaries read the columns through the full comparator.
 *
 * <p>A batch's changes are made in two steps ({@link Batch}): every edit's position is found first,
 * in the order as it is, while readers may read it; then the edits are made together in the write
 * section, where they only move entries. Positions found in one sorted sequence agree with each
 * other: an entry placed before held entry x and another placed after x are in order whatever else
 * the batch does, and two placed at the same point are ordered between themselves.
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

  /**
   * A listing's sort fields as a batch will leave them, not yet in the columns: placed in the order
   * by comparison with the held slots as the columns have them, and with the batch's other probes.
   */
  interface Probe {
    int slot();

    /** The primary of the new sort fields. */
    int primary();

    /** This probe against a held slot: negative if the probe comes first. */
    int compareTo(int slot);

    /** This probe against another probe of the same batch. */
    int compareTo(Probe other);
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

  /** Where a block's edits are merged (the writer's only). */
  private long[] scratch = new long[2 * BLOCK];

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

  /** Two held entries, by primary, then by the full order. */
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

  /** A held entry against a probe's entry, by primary, then by the probe. */
  private static int compare(long held, long entry, Probe probe) {
    int px = (int) (held >> 32);
    int py = (int) (entry >> 32);
    if (px != py) {
      return px < py ? -1 : 1;
    }
    return -probe.compareTo(slot(held));
  }

  /** Inserts a slot whose sort fields are in the columns (a batch of one). */
  void insert(int slot) {
    Batch batch = new Batch();
    batch.insert(
        new Probe() {
          @Override
          public int slot() {
            return slot;
          }

          @Override
          public int primary() {
            return primary.of(slot);
          }

          @Override
          public int compareTo(int held) {
            return order.compare(slot, held);
          }

          @Override
          public int compareTo(Probe other) {
            return order.compare(slot, other.slot());
          }
        });
    batch.prepare();
    batch.apply();
  }

  /** Removes a slot whose sort fields have not changed since it was inserted (a batch of one). */
  void remove(int slot) {
    Batch batch = new Batch();
    batch.remove(slot);
    batch.prepare();
    batch.apply();
  }

  /**
   * The edits one batch makes to this order: each found by {@link #remove} or {@link #insert} in
   * the order as it is, all made by {@link #apply}. A slot whose sort fields change is removed and
   * inserted again in one batch: its old entry found by its old fields, its new one placed by its
   * new fields. (One whose fields stay is left alone: inserting it again is an error.)
   */
  final class Batch {
    /** Per edit: block and index, as one long; the entry; the probe of an insert. */
    private long[] positions = new long[16];

    private long[] entries = new long[16];
    private Probe[] probes = new Probe[16];
    private int count;
    private int[] edits;

    /** Finds the slot's entry; its sort fields must still be those it was inserted with. */
    void remove(int slot) {
      long entry = entry(primary.of(slot), slot);
      int b = firstBlockNotBelow(entry);
      int at = b == blockCount ? 0 : firstNotBelow(blocks[b], sizes[b], entry);
      if (b == blockCount || blocks[b][at] != entry) {
        throw new IllegalStateException(
            "slot " + slot + " is not where its order puts it: its fields changed before removal");
      }
      add(b, at, entry, null);
    }

    /** Finds where the probe's slot goes: before the first held entry greater than it. */
    void insert(Probe probe) {
      long entry = entry(probe.primary(), probe.slot());
      if (blockCount == 0) {
        add(0, 0, entry, probe);
        return;
      }
      int last = blockCount - 1;
      if (compare(lasts[last], entry, probe) < 0) {
        // The common case for the updated order: the newest listing goes last.
        add(last, sizes[last], entry, probe);
        return;
      }
      int lo = 0;
      int hi = last;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (compare(lasts[mid], entry, probe) > 0) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      long[] block = blocks[lo];
      int from = 0;
      int to = sizes[lo] - 1;
      while (from < to) {
        int mid = (from + to) >>> 1;
        if (compare(block[mid], entry, probe) > 0) {
          to = mid;
        } else {
          from = mid + 1;
        }
      }
      // Equal to the entry before it: the same listing with the same fields, inserted twice.
      // (Its old entry, which this batch removes, may be the same long, but its fields differ.)
      boolean first = from == 0 && lo == 0;
      long before = from > 0 ? block[from - 1] : lo > 0 ? lasts[lo - 1] : 0;
      if (!first && compare(before, entry, probe) == 0) {
        throw new IllegalStateException("slot " + probe.slot() + " is in the order already");
      }
      if (from == 0 && lo > 0 && sizes[lo - 1] < BLOCK) {
        // The end of the block before is the same place, and has room: entries arriving in
        // order there fill it.
        lo--;
        from = sizes[lo];
      }
      add(lo, from, entry, probe);
    }

    private void add(int block, int index, long entry, Probe probe) {
      if (count == entries.length) {
        positions = Arrays.copyOf(positions, count * 2);
        entries = Arrays.copyOf(entries, count * 2);
        probes = Arrays.copyOf(probes, count * 2);
      }
      positions[count] = ((long) block << 32) | index;
      entries[count] = entry;
      probes[count] = probe;
      count++;
    }

    /** Puts the edits in the order they are made; before the write section (reads no column). */
    void prepare() {
      // By block and index, packed with the edit's number into one long for a primitive sort.
      long[] keys = new long[count];
      for (int i = 0; i < count; i++) {
        long block = positions[i] >>> 32;
        long index = (int) positions[i];
        keys[i] = (block << 40) | (index << 30) | i;
      }
      Arrays.sort(keys);
      edits = new int[count];
      for (int i = 0; i < count; i++) {
        edits[i] = (int) (keys[i] & ((1 << 30) - 1));
      }
      // At one position: inserts first, in their own order, then the removal.
      for (int from = 0; from < count; ) {
        int to = from + 1;
        while (to < count && positions[edits[to]] == positions[edits[from]]) {
          to++;
        }
        if (to - from > 1) {
          int[] same = Arrays.copyOfRange(edits, from, to);
          SlotSelection.sort(
              same,
              same.length,
              (x, y) -> {
                if (probes[x] == null || probes[y] == null) {
                  return probes[x] == null ? (probes[y] == null ? 0 : 1) : -1;
                }
                return probes[x].compareTo(probes[y]);
              });
          System.arraycopy(same, 0, edits, from, same.length);
        }
        from = to;
      }
    }

    /**
     * Makes every edit, in the write section: block by block from the last, so that blocks added or
     * removed never move a block whose edits are still to be made.
     */
    void apply() {
      if (count == 0) {
        return;
      }
      if (blockCount == 0) {
        addBlock(0);
      }
      int end = count;
      while (end > 0) {
        int block = (int) (positions[edits[end - 1]] >>> 32);
        int start = end - 1;
        while (start > 0 && (int) (positions[edits[start - 1]] >>> 32) == block) {
          start--;
        }
        edit(block, edits, start, end);
        end = start;
      }
    }

    /**
     * Makes the edits {@code edits[start..end)} of one block. One edit (the common case: a batch
     * touches a few thousand of the blocks) shifts the entries after it; more are merged from the
     * first edited index on.
     */
    private void edit(int b, int[] edits, int start, int end) {
      long[] held = blocks[b];
      int heldCount = sizes[b];
      if (end - start == 1) {
        int edit = edits[start];
        int at = index(edit);
        if (probes[edit] == null) {
          checkRemoval(edit, held[at]);
          System.arraycopy(held, at + 1, held, at, heldCount - at - 1);
          size--;
          resized(b, heldCount - 1);
          return;
        }
        if (heldCount < BLOCK) {
          System.arraycopy(held, at, held, at + 1, heldCount - at);
          held[at] = entries[edit];
          size++;
          resized(b, heldCount + 1);
          return;
        }
      }
      int first = index(edits[start]);
      int tail = heldCount - first;
      if (scratch.length < first + tail + (end - start)) {
        scratch = new long[first + tail + (end - start)];
      }
      long[] merged = scratch;
      System.arraycopy(held, 0, merged, 0, first);
      int out = first;
      int e = start;
      for (int i = first; i <= heldCount; i++) {
        while (e < end && index(edits[e]) == i && probes[edits[e]] != null) {
          merged[out++] = entries[edits[e++]];
          size++;
        }
        if (i == heldCount) {
          break;
        }
        if (e < end && index(edits[e]) == i) {
          checkRemoval(edits[e], held[i]);
          e++;
          size--;
          continue;
        }
        merged[out++] = held[i];
      }
      replace(b, merged, out);
    }

    private void checkRemoval(int edit, long held) {
      if (entries[edit] != held) {
        throw new IllegalStateException("a removal lost its entry: the order changed meanwhile");
      }
    }

    private int index(int edit) {
      return (int) positions[edit];
    }
  }

  /** Block b now holds {@code count} entries, edited in place. */
  private void resized(int b, int count) {
    if (count == 0) {
      removeBlock(b);
      return;
    }
    sizes[b] = count;
    lasts[b] = blocks[b][count - 1];
    if (count < BLOCK / 2 && b + 1 < blockCount) {
      rebalance(b);
    }
  }

  /** Puts {@code count} sorted entries in place of block b's, in as many blocks as they need. */
  private void replace(int b, long[] entries, int count) {
    if (count == 0) {
      removeBlock(b);
      return;
    }
    if (count > BLOCK && b + 1 < blockCount && sizes[b + 1] + (count - BLOCK) <= BLOCK - 2) {
      // A little too many, and room after: hand the last ones to the next block, with half of
      // its room to spare, rather than leave two half-empty blocks.
      int moved = (count - BLOCK) + (BLOCK - sizes[b + 1] - (count - BLOCK)) / 2;
      long[] next = blocks[b + 1];
      System.arraycopy(next, 0, next, moved, sizes[b + 1]);
      System.arraycopy(entries, count - moved, next, 0, moved);
      sizes[b + 1] += moved;
      count -= moved;
    } else if (count > BLOCK && b > 0 && sizes[b - 1] + (count - BLOCK) <= BLOCK - 2) {
      // Or room before. That block's edits are still to be made, but at positions up to its old
      // end, all before what it receives here, so its merge puts them in the right place.
      int moved = (count - BLOCK) + (BLOCK - sizes[b - 1] - (count - BLOCK)) / 2;
      System.arraycopy(entries, 0, blocks[b - 1], sizes[b - 1], moved);
      sizes[b - 1] += moved;
      lasts[b - 1] = entries[moved - 1];
      count -= moved;
      System.arraycopy(entries, moved, entries, 0, count);
    }
    boolean tail = b == blockCount - 1;
    int pieces = (count + BLOCK - 1) / BLOCK;
    int from = 0;
    for (int p = 0; p < pieces; p++) {
      // Appended entries fill whole blocks; elsewhere the pieces share the entries evenly.
      int piece = tail ? Math.min(BLOCK, count - from) : (count - from) / (pieces - p);
      if (p > 0) {
        addBlock(b + p);
      }
      System.arraycopy(entries, from, blocks[b + p], 0, piece);
      sizes[b + p] = piece;
      lasts[b + p] = entries[from + piece - 1];
      from += piece;
    }
    if (sizes[b] < BLOCK / 2 && b + 1 < blockCount) {
      rebalance(b);
    }
  }

  /**
   * Keeps blocks at least half full, so that the order costs at most twice its entries: an
   * underfull block merges with the next if both fit one block, else they share evenly.
   */
  private void rebalance(int left) {
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
    int moved = half - sizes[left];
    System.arraycopy(blocks[right], 0, blocks[left], sizes[left], moved);
    System.arraycopy(blocks[right], moved, blocks[right], 0, sizes[right] - moved);
    sizes[right] -= moved;
    sizes[left] = half;
    lasts[left] = blocks[left][half - 1];
  }

  /** The first block whose last entry is not below {@code entry}; {@code blockCount} if none. */
  private int firstBlockNotBelow(long entry) {
    int lo = 0;
    int hi = blockCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(lasts[mid], entry) >= 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The first index of the block whose entry is not below {@code entry}; {@code size} if none. */
  private int firstNotBelow(long[] block, int size, long entry) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(block[mid], entry) >= 0) {
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
