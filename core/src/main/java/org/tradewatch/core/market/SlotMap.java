package org.tradewatch.core.market;

import java.util.Arrays;

/**
 * Slot to int, for one batch's bookkeeping: open addressing over an int array twice the size it was
 * made for, so that a batch's thousands of look-ups neither box nor hash a key.
 */
final class SlotMap {

  private static final int EMPTY = -1;

  private final int[] slots;
  private final int[] values;
  private final int mask;

  /** A map for at most {@code capacity} slots. */
  SlotMap(int capacity) {
    int size = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
    slots = new int[size];
    values = new int[size];
    Arrays.fill(slots, EMPTY);
    mask = size - 1;
  }

  /** The value of {@code slot}, or -1. */
  int get(int slot) {
    for (int i = spread(slot); ; i = (i + 1) & mask) {
      if (slots[i] == slot) {
        return values[i];
      }
      if (slots[i] == EMPTY) {
        return -1;
      }
    }
  }

  void put(int slot, int value) {
    int i = spread(slot);
    while (slots[i] != EMPTY && slots[i] != slot) {
      i = (i + 1) & mask;
    }
    slots[i] = slot;
    values[i] = value;
  }

  private int spread(int slot) {
    int h = slot * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }
}
