package org.tradewatch.core.market;

import java.util.Arrays;

/**
 * A column of {@code char} values (unsigned 16-bit codes) by slot, in chunks (see {@link Chunks}).
 */
final class CharColumn {

  private char[][] chunks = new char[0][];

  char get(int slot) {
    return chunks[slot >>> Chunks.SHIFT][slot & Chunks.MASK];
  }

  void set(int slot, char value) {
    chunks[slot >>> Chunks.SHIFT][slot & Chunks.MASK] = value;
  }

  /** Chunk {@code c}: slots {@code c << Chunks.SHIFT} on, for loops over many slots. */
  char[] chunk(int c) {
    return chunks[c];
  }

  /** Makes room for slots {@code 0} to {@code slots - 1}. */
  void ensure(int slots) {
    int needed = Chunks.needed(slots);
    if (needed > chunks.length) {
      int had = chunks.length;
      chunks = Arrays.copyOf(chunks, needed);
      for (int i = had; i < needed; i++) {
        chunks[i] = new char[Chunks.SIZE];
      }
    }
  }

  long bytes() {
    return Chunks.arrayBytes(chunks.length, 4) + chunks.length * Chunks.arrayBytes(Chunks.SIZE, 2);
  }
}
