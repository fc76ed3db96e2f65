package org.tradewatch.simulator.json;

/**
 * Appends JSON strings and numbers to a {@link StringBuilder}. The escaper produces text that any
 * conforming parser reads back to the original string, and that encodes to UTF-8 without loss: lone
 * surrogates are written as {@code \\uXXXX} escapes rather than left to an encoder.
 */
public final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonText() {}

  /** Appends {@code value} as a quoted JSON string, or {@code null} when it is null. */
  public static StringBuilder appendString(StringBuilder out, CharSequence value) {
    if (value == null) {
      return out.append("null");
    }
    out.append('"');
    int length = value.length();
    int start = 0;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c < 0x2028) {
        continue;
      }
      if (c >= 0x20 && c != '"' && c != '\\' && !needsEscapeAbove2027(value, i, c)) {
        if (Character.isHighSurrogate(c)) {
          i++; // the low surrogate of a valid pair
        }
        continue;
      }
      out.append(value, start, i);
      appendEscape(out, c);
      start = i + 1;
    }
    out.append(value, start, length);
    return out.append('"');
  }

  /** Returns the quoted JSON string for {@code value}. */
  public static String quote(CharSequence value) {
    return appendString(new StringBuilder(value == null ? 4 : value.length() + 8), value)
        .toString();
  }

  /**
   * Whether a character at or above U+2028 must be escaped: the line and paragraph separators (so
   * the text is also safe inside JavaScript) and surrogates that do not form a valid pair.
   */
  private static boolean needsEscapeAbove2027(CharSequence value, int index, char c) {
    if (c == '\u2028' || c == '\u2029') {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return index + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(index + 1));
    }
    return Character.isLowSurrogate(c);
  }

  private static void appendEscape(StringBuilder out, char c) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      default ->
          out.append("\\u")
              .append(HEX[(c >> 12) & 0xF])
              .append(HEX[(c >> 8) & 0xF])
              .append(HEX[(c >> 4) & 0xF])
              .append(HEX[c & 0xF]);
    }
  }

  /**
   * Appends a non-negative or negative amount given in hundredths as a JSON number with at most two
   * decimals and no trailing zeros: 577 is {@code 5.77}, 530 is {@code 5.3}, 500 is {@code 5}.
   */
  public static StringBuilder appendHundredths(StringBuilder out, long hundredths) {
    if (hundredths < 0) {
      out.append('-');
      hundredths = -hundredths;
    }
    out.append(hundredths / 100);
    int fraction = (int) (hundredths % 100);
    if (fraction != 0) {
      out.append('.').append((char) ('0' + fraction / 10));
      if (fraction % 10 != 0) {
        out.append((char) ('0' + fraction % 10));
      }
    }
    return out;
  }

  /** Appends {@code bytes} as lower-case hex. */
  public static StringBuilder appendHex(StringBuilder out, byte[] bytes) {
    for (byte b : bytes) {
      out.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
    return out;
  }

  /** Appends the low {@code digits} hex digits of {@code value}, most significant first. */
  public static StringBuilder appendHex(StringBuilder out, long value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      out.append(HEX[(int) (value >>> shift) & 0xF]);
    }
    return out;
  }
}
