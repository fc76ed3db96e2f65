package org.tradewatch.core.market;

import java.util.Arrays;

/**
 * Non-negative int keys to int values, open addressing with linear probing over one int array of
 * key and value pairs: about 11 bytes an entry at its fullest-to-emptiest average, where a {@code
 * HashMap<Integer, ...>} costs about 56 (a node and a boxed key) before its value. Removal shifts
 * the entries after back (no tombstones), so a map that churns stays as fast as a fresh one.
 */
final class IntIntMap {

  private static final int EMPTY = -1;

  /** Keys at even indexes, their values at the odd ones after them. */
  private int[] table = empty(16);

  private int mask = 15;
  private int size;

  private static int[] empty(int capacity) {
    int[] table = new int[2 * capacity];
    for (int i = 0; i < table.length; i += 2) {
      table[i] = EMPTY;
    }
    return table;
  }

  int size() {
    return size;
  }

  private int home(int key) {
    int h = key * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }

  /** The value of {@code key}, or -1 when it has none. */
  int get(int key) {
    int[] t = table;
    for (int i = home(key); ; i = (i + 1) & mask) {
      int held = t[2 * i];
      if (held == key) {
        return t[2 * i + 1];
      }
      if (held == EMPTY) {
        return -1;
      }
    }
  }

  void put(int key, int value) {
    if (key < 0) {
      throw new IllegalArgumentException("keys are not negative, was " + key);
    }
    for (int i = home(key); ; i = (i + 1) & mask) {
      int held = table[2 * i];
      if (held == key) {
        table[2 * i + 1] = value;
        return;
      }
      if (held == EMPTY) {
        table[2 * i] = key;
        table[2 * i + 1] = value;
        if (++size > (mask + 1) * 3 / 4) {
          resize(2 * (mask + 1));
        }
        return;
      }
    }
  }

  void remove(int key) {
    int i = home(key);
    while (table[2 * i] != key) {
      if (table[2 * i] == EMPTY) {
        return;
      }
      i = (i + 1) & mask;
    }
    // Back-shift: every entry after the gap that its home does not place after the gap moves in.
    int gap = i;
    for (int j = (gap + 1) & mask; table[2 * j] != EMPTY; j = (j + 1) & mask) {
      int h = home(table[2 * j]);
      boolean movable = gap <= j ? (h <= gap || h > j) : (h <= gap && h > j);
      if (movable) {
        table[2 * gap] = table[2 * j];
        table[2 * gap + 1] = table[2 * j + 1];
        gap = j;
      }
    }
    table[2 * gap] = EMPTY;
    size--;
    if (mask > 15 && size < (mask + 1) / 8) {
      resize((mask + 1) / 2);
    }
  }

  private void resize(int capacity) {
    int[] old = table;
    table = empty(capacity);
    mask = capacity - 1;
    for (int i = 0; i < old.length; i += 2) {
      int key = old[i];
      if (key != EMPTY) {
        int j = home(key);
        while (table[2 * j] != EMPTY) {
          j = (j + 1) & mask;
        }
        table[2 * j] = key;
        table[2 * j + 1] = old[i + 1];
      }
    }
  }

  /** Removes every entry, keeping the room it had. */
  void clear() {
    Arrays.fill(table, EMPTY);
    size = 0;
  }

  long bytes() {
    return Chunks.arrayBytes(table.length, 4) + 32;
  }
}
