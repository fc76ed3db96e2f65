package org.tradewatch.core.market;

import java.util.Arrays;

/**
 * Picks one page, in order, out of a set of matching slots without sorting all of them: a bounded
 * heap keeps the best {@code offset + limit}, so most candidates cost one comparison.
 */
final class SlotSelection {

  /**
   * The slots at positions {@code offset} to {@code offset + limit - 1} of {@code slots} sorted.
   */
  static int[] page(int[] slots, int count, long offset, int limit, SlotComparator order) {
    if (offset >= count) {
      return new int[0];
    }
    int wanted = (int) Math.min(count, offset + limit);
    int[] best;
    if (wanted * 4L >= count) {
      best = Arrays.copyOf(slots, count);
      sort(best, count, order);
    } else {
      best = smallest(slots, count, wanted, order);
    }
    return Arrays.copyOfRange(best, (int) offset, wanted);
  }

  /** The {@code k} least slots, sorted. */
  private static int[] smallest(int[] slots, int count, int k, SlotComparator order) {
    // A max-heap of the k least seen so far: its root is the one a better candidate replaces.
    int[] heap = Arrays.copyOf(slots, k);
    for (int i = k / 2 - 1; i >= 0; i--) {
      siftDown(heap, i, k, order);
    }
    for (int i = k; i < count; i++) {
      if (order.compare(slots[i], heap[0]) < 0) {
        heap[0] = slots[i];
        siftDown(heap, 0, k, order);
      }
    }
    sort(heap, k, order);
    return heap;
  }

  private static void siftDown(int[] heap, int at, int size, SlotComparator order) {
    int slot = heap[at];
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && order.compare(heap[child + 1], heap[child]) > 0) {
        child++;
      }
      if (order.compare(heap[child], slot) <= 0) {
        break;
      }
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = slot;
  }

  /** Sorts the first {@code count} slots (a merge sort: no boxing, n log n comparisons). */
  static void sort(int[] slots, int count, SlotComparator order) {
    int[] buffer = new int[count];
    for (int width = 1; width < count; width *= 2) {
      for (int from = 0; from < count - width; from += 2 * width) {
        int middle = from + width;
        int to = Math.min(from + 2 * width, count);
        if (order.compare(slots[middle - 1], slots[middle]) <= 0) {
          continue;
        }
        System.arraycopy(slots, from, buffer, from, to - from);
        int left = from;
        int right = middle;
        for (int i = from; i < to; i++) {
          if (right >= to || (left < middle && order.compare(buffer[left], buffer[right]) <= 0)) {
            slots[i] = buffer[left++];
          } else {
            slots[i] = buffer[right++];
          }
        }
      }
    }
  }

  private SlotSelection() {}
}
