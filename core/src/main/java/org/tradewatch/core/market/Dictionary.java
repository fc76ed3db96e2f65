package org.tradewatch.core.market;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Distinct strings (item names, qualities) by small int ids, so that each listing keeps an int
 * instead of a reference, and a filter on them becomes a set of ids. Id 0 stands for null. Entries
 * are never removed: a market has thousands of names, not millions, and the ids in the columns must
 * stay valid.
 */
final class Dictionary {

  static final int NULL_ID = 0;

  private final boolean keepLowerCase;
  private final Map<String, Integer> ids = new HashMap<>();
  private String[] values = new String[64];
  private String[] lowerCase;
  private int size = 1;

  /**
   * @param keepLowerCase whether to keep each entry lower-cased (in {@link Locale#ROOT}), for
   *     substring searches that ignore case
   */
  Dictionary(boolean keepLowerCase) {
    this.keepLowerCase = keepLowerCase;
    this.lowerCase = keepLowerCase ? new String[64] : null;
  }

  /** The id of {@code value}, or -1 when it has none yet. */
  int find(String value) {
    if (value == null) {
      return NULL_ID;
    }
    Integer id = ids.get(value);
    return id == null ? -1 : id;
  }

  /** The id of {@code value}, given one if it had none. */
  int intern(String value) {
    int id = find(value);
    if (id >= 0) {
      return id;
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
      if (keepLowerCase) {
        lowerCase = Arrays.copyOf(lowerCase, size * 2);
      }
    }
    id = size++;
    values[id] = value;
    if (keepLowerCase) {
      String lower = value.toLowerCase(Locale.ROOT);
      lowerCase[id] = lower.equals(value) ? value : lower;
    }
    ids.put(value, id);
    return id;
  }

  String get(int id) {
    return values[id];
  }

  /** The entry lower-cased in {@link Locale#ROOT}; only when kept. */
  String lowerCase(int id) {
    return lowerCase[id];
  }

  /** Ids run from 0 (null) to {@code size() - 1}. */
  int size() {
    return size;
  }

  long bytes() {
    long bytes = Chunks.arrayBytes(values.length, 4) * (keepLowerCase ? 2 : 1);
    for (int id = 1; id < size; id++) {
      // The string, its map entry and boxed id; a lower-cased copy when it differs.
      long string = Chunks.align(24) + Chunks.arrayBytes(values[id].length(), 1);
      bytes += string + 32 + 16;
      if (keepLowerCase && lowerCase[id] != values[id]) {
        bytes += string;
      }
    }
    return bytes + Chunks.arrayBytes(ids.size() * 2L, 4);
  }
}
