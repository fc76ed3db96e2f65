package org.tradewatch.core.market;

import java.util.Arrays;
import org.tradewatch.core.listing.ListingKey;

/**
 * Finds a listing's slot by its key: open addressing with linear probing over an int array of
 * slots, at most 70 % full (a hit then probes about twice). The keys themselves stay in the {@link
 * ListingTable}, which this table asks to hash and compare them.
 *
 * <p>Growing rehashes every listing; {@link #sizedFor} does that into a new table while readers
 * keep using this one, so the writer can grow it outside its short write section. It grows by half
 * (not twice), to any length: a key's place is its hash scaled to the length ({@link #home}), not
 * masked, so at a million listings the table takes about 6 bytes a listing, not 8.4.
 */
final class KeyTable {

  /** What the table needs of the listings: a slot's key hash and a key comparison. */
  interface Keys {
    int hash(int slot);

    boolean keyEquals(int slot, ListingKey key);
  }

  private static final int EMPTY = -1;

  private final Keys keys;
  private final int[] entries;
  private final int capacity;
  private int size;

  KeyTable(Keys keys) {
    this(keys, 1 << 10);
  }

  private KeyTable(Keys keys, int capacity) {
    this.keys = keys;
    this.entries = new int[capacity];
    Arrays.fill(entries, EMPTY);
    this.capacity = capacity;
  }

  /** Where a hash's probe starts: the hash as a fraction of 2^32, times the length. */
  private int home(int hash) {
    return (int) (((hash & 0xFFFFFFFFL) * capacity) >>> 32);
  }

  private int after(int i) {
    return i + 1 == capacity ? 0 : i + 1;
  }

  /** The hash of a key as the table spreads it: the id's String hash mixed with the source. */
  static int hash(ListingKey key) {
    return hash(key.source().ordinal(), key.id().hashCode());
  }

  static int hash(int sourceOrdinal, int idHash) {
    int h = (idHash * 31 + sourceOrdinal) * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** The key's slot, or -1 when it is not held. */
  int find(ListingKey key) {
    for (int i = home(hash(key)); ; i = after(i)) {
      int slot = entries[i];
      if (slot == EMPTY) {
        return -1;
      }
      if (keys.keyEquals(slot, key)) {
        return slot;
      }
    }
  }

  /** Adds a slot whose key is not in the table yet; the table must have room (see sizedFor). */
  void add(int slot) {
    if (size + 1 > room(entries.length)) {
      throw new IllegalStateException("key table full: sizedFor was not asked first");
    }
    put(slot, keys.hash(slot));
    size++;
  }

  private void put(int slot, int hash) {
    int i = home(hash);
    while (entries[i] != EMPTY) {
      i = after(i);
    }
    entries[i] = slot;
  }

  /**
   * This table if it has room for {@code listings} keys, else a larger copy holding the same slots
   * (this one is left as it was).
   */
  KeyTable sizedFor(int listings) {
    if (listings <= room(entries.length)) {
      return this;
    }
    int capacity = entries.length;
    while (listings > room(capacity)) {
      capacity += capacity >> 1;
    }
    KeyTable grown = new KeyTable(keys, capacity);
    for (int slot : entries) {
      if (slot != EMPTY) {
        grown.put(slot, keys.hash(slot));
      }
    }
    grown.size = size;
    return grown;
  }

  private static int room(int capacity) {
    return (int) (capacity * 0.7);
  }

  long bytes() {
    return Chunks.arrayBytes(entries.length, 4);
  }
}
