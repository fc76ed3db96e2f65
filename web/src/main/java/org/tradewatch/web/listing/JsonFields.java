package org.tradewatch.web.listing;

/**
 * Reads one string member out of a stored payload's JSON text without parsing the whole of it: the
 * live socket builds a listing's links for every change it sends, and a payload is a few kilobytes
 * of which one or two strings are wanted. The scan follows JSON's strings and escapes, so a name
 * inside user-written text (a listing's details) is never taken for a member.
 */
final class JsonFields {

  private JsonFields() {}

  /**
   * The first string member called {@code name}, at any depth, decoded; null when there is none,
   * when its value is not a string, or when the text is not well-formed where it was read.
   */
  static String string(String json, String name) {
    if (json == null) {
      return null;
    }
    int length = json.length();
    int i = 0;
    while (i < length) {
      char c = json.charAt(i);
      if (c != '"') {
        i++;
        continue;
      }
      StringBuilder key = new StringBuilder();
      int end = readString(json, i, key);
      if (end < 0) {
        return null;
      }
      int next = skipSpaces(json, end);
      if (next < length && json.charAt(next) == ':' && name.contentEquals(key)) {
        int value = skipSpaces(json, next + 1);
        if (value >= length || json.charAt(value) != '"') {
          return null;
        }
        StringBuilder text = new StringBuilder();
        return readString(json, value, text) < 0 ? null : text.toString();
      }
      i = end;
    }
    return null;
  }

  /**
   * Decodes the string literal that opens at {@code start} into {@code out}; returns the index just
   * after its closing quote, or -1 when it is not a well-formed literal.
   */
  private static int readString(String json, int start, StringBuilder out) {
    int i = start + 1;
    int length = json.length();
    while (i < length) {
      char c = json.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c != '\\') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 >= length) {
        return -1;
      }
      char escaped = json.charAt(i + 1);
      switch (escaped) {
        case '"', '\\', '/' -> out.append(escaped);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (i + 6 > length) {
            return -1;
          }
          try {
            out.append((char) Integer.parseInt(json.substring(i + 2, i + 6), 16));
          } catch (NumberFormatException e) {
            return -1;
          }
          i += 4;
        }
        default -> {
          return -1;
        }
      }
      i += 2;
    }
    return -1;
  }

  private static int skipSpaces(String json, int from) {
    int i = from;
    while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
      i++;
    }
    return i;
  }
}
