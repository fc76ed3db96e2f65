package org.tradewatch.core.market;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Distinct decimal values by small int ids, counted by their users, for a per-listing value that
 * few listings tell apart: upstream's suggested price is one per item at a time, so a market of a
 * million listings holds some thousands of them. A listing keeps a 4-byte id instead of the value's
 * 9 bytes ({@link ValueColumn}); a value no listing uses any more gives its id back, so the pool
 * holds at most the values in use. Id 0 is no value.
 *
 * <p>A value is kept as {@link ValueColumn} keeps one: its double and its scale, or whole when the
 * double does not give it back. Changed only in the model's write section; read under its read
 * lock.
 */
final class ValuePool {

  static final int NONE = 0;

  private double[] approx = new double[16];
  private byte[] codes = new byte[16];
  private int[] users = new int[16];
  private final Map<Integer, BigDecimal> outliers = new HashMap<>();
  private final Map<BigDecimal, Integer> outlierIds = new HashMap<>();

  /** Ids given back, to give again: a stack. */
  private int[] free = new int[16];

  private int freeCount;
  private int next = 1;

  /** Ids by value: open addressing over ids, -1 empty. */
  private int[] table = filled(32);

  private int mask = 31;
  private int held;

  private static int[] filled(int length) {
    int[] table = new int[length];
    Arrays.fill(table, -1);
    return table;
  }

  private static int hash(double approx, byte code) {
    long bits = Double.doubleToLongBits(approx) * 31 + code;
    int h = (int) (bits ^ (bits >>> 32)) * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /**
   * The id of {@code value} (whose double is {@code d} and code {@link ValueColumn#code}), with one
   * more user; {@link #NONE} for null.
   */
  int acquire(BigDecimal value, double d, byte code) {
    if (value == null) {
      return NONE;
    }
    if (!ValueColumn.isPlainCode(code)) {
      Integer known = outlierIds.get(value);
      if (known != null) {
        users[known]++;
        return known;
      }
      int id = newId(d, code);
      outliers.put(id, value);
      outlierIds.put(value, id);
      return id;
    }
    for (int i = hash(d, code) & mask; ; i = (i + 1) & mask) {
      int id = table[i];
      if (id < 0) {
        break;
      }
      if (codes[id] == code && Double.doubleToLongBits(approx[id]) == Double.doubleToLongBits(d)) {
        users[id]++;
        return id;
      }
    }
    int id = newId(d, code);
    insert(id);
    if (++held > (mask + 1) / 2) {
      rehash(2 * (mask + 1));
    }
    return id;
  }

  private int newId(double d, byte code) {
    int id;
    if (freeCount > 0) {
      id = free[--freeCount];
    } else {
      id = next++;
      if (id == approx.length) {
        int length = id + (id >> 1);
        approx = Arrays.copyOf(approx, length);
        codes = Arrays.copyOf(codes, length);
        users = Arrays.copyOf(users, length);
      }
    }
    approx[id] = d;
    codes[id] = code;
    users[id] = 1;
    return id;
  }

  private void insert(int id) {
    int i = hash(approx[id], codes[id]) & mask;
    while (table[i] >= 0) {
      i = (i + 1) & mask;
    }
    table[i] = id;
  }

  private void rehash(int length) {
    int[] old = table;
    table = filled(length);
    mask = length - 1;
    for (int id : old) {
      if (id >= 0) {
        insert(id);
      }
    }
  }

  /** One user less for the id; the value goes when it has none. */
  void release(int id) {
    if (id == NONE || --users[id] > 0) {
      return;
    }
    if (ValueColumn.isPlainCode(codes[id])) {
      removeFromTable(id);
      held--;
    } else {
      outlierIds.remove(outliers.remove(id));
    }
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = id;
  }

  private void removeFromTable(int id) {
    int i = hash(approx[id], codes[id]) & mask;
    while (table[i] != id) {
      i = (i + 1) & mask;
    }
    int gap = i;
    for (int j = (gap + 1) & mask; table[j] >= 0; j = (j + 1) & mask) {
      int h = hash(approx[table[j]], codes[table[j]]) & mask;
      boolean movable = gap <= j ? (h <= gap || h > j) : (h <= gap && h > j);
      if (movable) {
        table[gap] = table[j];
        gap = j;
      }
    }
    table[gap] = -1;
  }

  /** The value of an id, exactly as acquired; null for {@link #NONE}. */
  BigDecimal get(int id) {
    if (id == NONE) {
      return null;
    }
    byte code = codes[id];
    return ValueColumn.isPlainCode(code) ? ValueColumn.decode(approx[id], code) : outliers.get(id);
  }

  /** Values in use. */
  int size() {
    return next - 1 - freeCount;
  }

  long bytes() {
    return Chunks.arrayBytes(approx.length, 8)
        + Chunks.arrayBytes(codes.length, 1)
        + Chunks.arrayBytes(users.length, 4)
        + Chunks.arrayBytes(free.length, 4)
        + Chunks.arrayBytes(table.length, 4)
        + outliers.size() * 200L;
  }
}
