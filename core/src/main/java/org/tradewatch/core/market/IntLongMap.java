package org.tradewatch.core.market;

import java.util.Arrays;

/**
 * Non-negative int keys to long values, open addressing with linear probing over an int array of
 * keys and a long array of values beside it (see {@link IntIntMap}): for the few slots whose value
 * a column does not hold, without a boxed key and a node each.
 */
final class IntLongMap {

  private static final int EMPTY = -1;

  private int[] keys = empty(16);
  private long[] values = new long[16];
  private int mask = 15;
  private int size;

  private static int[] empty(int capacity) {
    int[] keys = new int[capacity];
    Arrays.fill(keys, EMPTY);
    return keys;
  }

  int size() {
    return size;
  }

  private int home(int key) {
    int h = key * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }

  boolean containsKey(int key) {
    for (int i = home(key); ; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return true;
      }
      if (keys[i] == EMPTY) {
        return false;
      }
    }
  }

  /** The value of {@code key}, or {@code otherwise} when it has none. */
  long get(int key, long otherwise) {
    for (int i = home(key); ; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return values[i];
      }
      if (keys[i] == EMPTY) {
        return otherwise;
      }
    }
  }

  void put(int key, long value) {
    if (key < 0) {
      throw new IllegalArgumentException("keys are not negative, was " + key);
    }
    for (int i = home(key); ; i = (i + 1) & mask) {
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
      if (keys[i] == EMPTY) {
        keys[i] = key;
        values[i] = value;
        if (++size > (mask + 1) * 3 / 4) {
          resize(2 * (mask + 1));
        }
        return;
      }
    }
  }

  void remove(int key) {
    int i = home(key);
    while (keys[i] != key) {
      if (keys[i] == EMPTY) {
        return;
      }
      i = (i + 1) & mask;
    }
    int gap = i;
    for (int j = (gap + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
      int h = home(keys[j]);
      boolean movable = gap <= j ? (h <= gap || h > j) : (h <= gap && h > j);
      if (movable) {
        keys[gap] = keys[j];
        values[gap] = values[j];
        gap = j;
      }
    }
    keys[gap] = EMPTY;
    size--;
    if (mask > 15 && size < (mask + 1) / 8) {
      resize((mask + 1) / 2);
    }
  }

  private void resize(int capacity) {
    int[] oldKeys = keys;
    long[] oldValues = values;
    keys = empty(capacity);
    values = new long[capacity];
    mask = capacity - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      int key = oldKeys[i];
      if (key != EMPTY) {
        int j = home(key);
        while (keys[j] != EMPTY) {
          j = (j + 1) & mask;
        }
        keys[j] = key;
        values[j] = oldValues[i];
      }
    }
  }

  long bytes() {
    return Chunks.arrayBytes(keys.length, 4) + Chunks.arrayBytes(values.length, 8) + 32;
  }
}
