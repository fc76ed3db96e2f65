package org.tradewatch.core.market;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.tradewatch.core.listing.ListingKey;

/**
 * Upstream listing ids, packed into large byte arrays: a String per listing would cost about 40
 * bytes of object headers on top of its characters, a third of a listing's whole budget. An id is
 * written once, when its listing is first seen, and never changes or goes away (deleted listings
 * are kept), so the arena only appends.
 *
 * <p>An id is one header byte, then its characters: one byte each when they are all Latin-1 (every
 * upstream id so far), else two (UTF-16, big-endian). The header holds the length less one (ids
 * have 1 to {@link ListingKey#MAX_ID_LENGTH} characters) and a flag for the wide form. Ids are
 * compared as Java strings compare, character by character.
 *
 * <p>The writer appends while it plans a batch, with readers about; readers only read the ids of
 * slots published in a write section. The chunk array is volatile so that a reader that meets a
 * grown one also sees the chunks copied into it.
 */
final class IdArena {

  private static final int SHIFT = 18;
  private static final int CHUNK = 1 << SHIFT;
  private static final int MASK = CHUNK - 1;
  private static final int WIDE = 0x80;

  static {
    if (ListingKey.MAX_ID_LENGTH > 128) {
      throw new ExceptionInInitializerError("an id's length must fit seven bits");
    }
  }

  private volatile byte[][] chunks = new byte[0][];

  /** Bytes used of the last chunk: full at first, so that the first id makes one. */
  private int filled = CHUNK;

  /** Appends {@code id} and returns its position. */
  int append(String id) {
    int length = id.length();
    boolean wide = false;
    for (int i = 0; i < length; i++) {
      if (id.charAt(i) > 0xFF) {
        wide = true;
        break;
      }
    }
    int bytes = 1 + (wide ? 2 * length : length);
    if (filled + bytes > CHUNK) {
      byte[][] grown = Arrays.copyOf(chunks, chunks.length + 1);
      grown[grown.length - 1] = new byte[CHUNK];
      chunks = grown;
      filled = 0;
    }
    byte[][] all = chunks;
    int offset = filled;
    int position = ((all.length - 1) << SHIFT) | offset;
    byte[] chunk = all[all.length - 1];
    chunk[offset] = (byte) ((length - 1) | (wide ? WIDE : 0));
    if (wide) {
      for (int i = 0; i < length; i++) {
        char c = id.charAt(i);
        chunk[offset + 1 + 2 * i] = (byte) (c >>> 8);
        chunk[offset + 2 + 2 * i] = (byte) c;
      }
    } else {
      for (int i = 0; i < length; i++) {
        chunk[offset + 1 + i] = (byte) id.charAt(i);
      }
    }
    filled += bytes;
    return position;
  }

  String get(int position) {
    byte[] chunk = chunks[position >>> SHIFT];
    int offset = position & MASK;
    int header = chunk[offset] & 0xFF;
    int length = (header & ~WIDE) + 1;
    if ((header & WIDE) == 0) {
      return new String(chunk, offset + 1, length, StandardCharsets.ISO_8859_1);
    }
    // Char by char, not through a charset: a charset would replace a lone surrogate.
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = charAt(chunk, offset, true, i);
    }
    return new String(chars);
  }

  /** The id's {@link String#hashCode()}, without making the String. */
  int hash(int position) {
    byte[] chunk = chunks[position >>> SHIFT];
    int offset = position & MASK;
    int header = chunk[offset] & 0xFF;
    int length = (header & ~WIDE) + 1;
    boolean wide = (header & WIDE) != 0;
    int hash = 0;
    for (int i = 0; i < length; i++) {
      hash = 31 * hash + charAt(chunk, offset, wide, i);
    }
    return hash;
  }

  /** Whether the id at {@code position} is {@code id}. */
  boolean equalTo(int position, String id) {
    byte[] chunk = chunks[position >>> SHIFT];
    int offset = position & MASK;
    int header = chunk[offset] & 0xFF;
    int length = (header & ~WIDE) + 1;
    if (length != id.length()) {
      return false;
    }
    boolean wide = (header & WIDE) != 0;
    for (int i = 0; i < length; i++) {
      if (charAt(chunk, offset, wide, i) != id.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Compares two stored ids as {@link String#compareTo} would. */
  int compare(int a, int b) {
    byte[] chunkA = chunks[a >>> SHIFT];
    int offsetA = a & MASK;
    int headerA = chunkA[offsetA] & 0xFF;
    byte[] chunkB = chunks[b >>> SHIFT];
    int offsetB = b & MASK;
    int headerB = chunkB[offsetB] & 0xFF;
    int lengthA = (headerA & ~WIDE) + 1;
    int lengthB = (headerB & ~WIDE) + 1;
    int common = Math.min(lengthA, lengthB);
    if (((headerA | headerB) & WIDE) == 0) {
      for (int i = 1; i <= common; i++) {
        int diff = (chunkA[offsetA + i] & 0xFF) - (chunkB[offsetB + i] & 0xFF);
        if (diff != 0) {
          return diff;
        }
      }
    } else {
      boolean wideA = (headerA & WIDE) != 0;
      boolean wideB = (headerB & WIDE) != 0;
      for (int i = 0; i < common; i++) {
        int diff = charAt(chunkA, offsetA, wideA, i) - charAt(chunkB, offsetB, wideB, i);
        if (diff != 0) {
          return diff;
        }
      }
    }
    return lengthA - lengthB;
  }

  /** Compares a stored id with {@code id} as {@link String#compareTo} would. */
  int compare(int position, String id) {
    byte[] chunk = chunks[position >>> SHIFT];
    int offset = position & MASK;
    int header = chunk[offset] & 0xFF;
    int length = (header & ~WIDE) + 1;
    boolean wide = (header & WIDE) != 0;
    int common = Math.min(length, id.length());
    for (int i = 0; i < common; i++) {
      int diff = charAt(chunk, offset, wide, i) - id.charAt(i);
      if (diff != 0) {
        return diff;
      }
    }
    return length - id.length();
  }

  private static char charAt(byte[] chunk, int offset, boolean wide, int index) {
    if (wide) {
      int at = offset + 1 + 2 * index;
      return (char) (((chunk[at] & 0xFF) << 8) | (chunk[at + 1] & 0xFF));
    }
    return (char) (chunk[offset + 1 + index] & 0xFF);
  }

  long bytes() {
    return Chunks.arrayBytes(chunks.length, 4) + chunks.length * Chunks.arrayBytes(CHUNK, 1);
  }
}
