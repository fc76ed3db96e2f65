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
 *
 * <p>The writer adds entries while it plans a batch, with readers about; readers see them from
 * {@link #publish()} on, which the writer calls in its write section. The arrays are volatile so
 * that a reader that meets a grown array also sees what was copied into it.
 */
final class Dictionary {

  static final int NULL_ID = 0;

  private final boolean keepLowerCase;
  private final Map<String, Integer> ids = new HashMap<>();
  private volatile String[] values = new String[64];
  private volatile String[] lowerCase;

  /** Entries added, published or not (the writer's view). */
  private int added = 1;

  /** Entries readers may use (see {@link #size()}). */
  private int published = 1;

  /**
   * @param keepLowerCase whether to keep each entry lower-cased (in {@link Locale#ROOT}), for
   *     substring searches that ignore case
   */
  Dictionary(boolean keepLowerCase) {
    this.keepLowerCase = keepLowerCase;
    this.lowerCase = keepLowerCase ? new String[64] : null;
  }

  /** The id of {@code value}, given one if it had none (the writer only). */
  int intern(String value) {
    if (value == null) {
      return NULL_ID;
    }
    Integer known = ids.get(value);
    if (known != null) {
      return known;
    }
    int id = added++;
    if (id == values.length) {
      String[] grownValues = Arrays.copyOf(values, id * 2);
      if (keepLowerCase) {
        lowerCase = Arrays.copyOf(lowerCase, id * 2);
      }
      values = grownValues;
    }
    values[id] = value;
    if (keepLowerCase) {
      String lower = value.toLowerCase(Locale.ROOT);
      lowerCase[id] = lower.equals(value) ? value : lower;
    }
    ids.put(value, id);
    return id;
  }

  /** The id of {@code value}, or -1 if it has none (the writer only). */
  int find(String value) {
    Integer known = ids.get(value);
    return known == null ? -1 : known;
  }

  /** Shows readers every entry interned so far (in the write section). */
  void publish() {
    published = added;
  }

  String get(int id) {
    return values[id];
  }

  /** The entry lower-cased in {@link Locale#ROOT}; only when kept. */
  String lowerCase(int id) {
    return lowerCase[id];
  }

  /** Ids readers may use run from 0 (null) to {@code size() - 1}. */
  int size() {
    return published;
  }

  long bytes() {
    String[] entries = values;
    long bytes = Chunks.arrayBytes(entries.length, 4) * (keepLowerCase ? 2 : 1);
    for (int id = 1; id < published; id++) {
      // The string, its map entry and boxed id; a lower-cased copy when it differs.
      long string = Chunks.align(24) + Chunks.arrayBytes(entries[id].length(), 1);
      bytes += string + 32 + 16;
      if (keepLowerCase && lowerCase[id] != entries[id]) {
        bytes += string;
      }
    }
    return bytes + Chunks.arrayBytes(published * 2L, 4);
  }
}
