package org.tradewatch.core.market;

/**
 * The chunk geometry shared by the columns: a column is an array of fixed-size chunks, so that
 * growing it allocates one more chunk instead of copying the column (which would need twice its
 * memory for a moment, tens of megabytes at a million listings).
 */
final class Chunks {

  /** Slots per chunk: 16,384, so a chunk of longs is 128 KiB, well below G1's humongous size. */
  static final int SHIFT = 14;

  static final int SIZE = 1 << SHIFT;
  static final int MASK = SIZE - 1;

  /** How many chunks hold {@code slots} slots. */
  static int needed(int slots) {
    return (slots + MASK) >>> SHIFT;
  }

  /** The heap bytes of a primitive array of {@code length} elements of {@code width} bytes. */
  static long arrayBytes(long length, int width) {
    return align(16 + length * width);
  }

  static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }

  private Chunks() {}
}
