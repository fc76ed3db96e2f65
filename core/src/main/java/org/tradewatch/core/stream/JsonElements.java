package org.tradewatch.core.stream;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;

/**
 * Walks the outer structure of JSON text by hand so that the elements of an array can be parsed one
 * at a time, each with its own parser: an element the parser refuses (nested deeper than its limit
 * of 1,000 levels, a syntax error inside it) then costs only itself, where one parser over the
 * whole text stops for good at the first refusal.
 *
 * <p>Finding where a refused element ends needs no stack (brackets are counted, strings skipped),
 * so any depth is fine. It does not validate: the parser does that for every element it reads. Each
 * element's parser starts at the element's offset ({@link #readerAt} skips in constant time) and
 * stops after it, so a frame is read about once in all, not once per element.
 */
public final class JsonElements {

  /** The text cannot be read on from {@link #offset()}; the message says why, and where. */
  public static final class Unreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    private Unreadable(long offset, String message) {
      super(message);
      this.offset = offset;
    }

    /** The text breaks JSON's grammar at {@code offset}. */
    public static Unreadable malformed(long offset, String problem) {
      return new Unreadable(offset, "malformed JSON at offset " + offset + ": " + problem);
    }

    /**
     * The parser refused well-formed text at {@code offset} with a plain exception: providers do so
     * for nesting deeper than their limit, or a number too long for BigDecimal.
     */
    public static Unreadable refused(long offset, RuntimeException cause) {
      return new Unreadable(offset, "unreadable JSON at offset " + offset + ": " + cause);
    }

    public long offset() {
      return offset;
    }

    /** Broken input is ordinary, not a bug: no stack trace is filled in for each. */
    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /** Reads the element that starts at {@code start}. */
  @FunctionalInterface
  public interface ElementReader {
    /**
     * @return where the element ends (exclusive)
     * @throws RuntimeException when the element cannot be read
     */
    int read(int start);
  }

  /** Takes an element that could not be read but whose end was found. */
  @FunctionalInterface
  public interface Skipped {
    void element(int start, int end, RuntimeException cause);
  }

  private JsonElements() {}

  /** The first index at or after {@code from} that is not JSON whitespace. */
  public static int skipWhitespace(String text, int from) {
    int i = from;
    while (i < text.length() && isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * Where the value that starts at {@code from} ends (exclusive), or -1 when the text ends first.
   * An object or array ends where its brackets balance, a string at its closing quote, anything
   * else at the next delimiter.
   */
  public static int valueEnd(String text, int from) {
    int length = text.length();
    if (from >= length) {
      return -1;
    }
    char first = text.charAt(from);
    if (first == '"') {
      return stringEnd(text, from);
    }
    if (first != '{' && first != '[') {
      int i = from + 1;
      while (i < length && !isDelimiter(text.charAt(i))) {
        i++;
      }
      return i;
    }
    long depth = 0;
    for (int i = from; i < length; i++) {
      char c = text.charAt(i);
      if (c == '"') {
        int end = stringEnd(text, i);
        if (end < 0) {
          return -1;
        }
        i = end - 1;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * Reads each element of the array whose {@code [} stands at {@code arrayStart}, in order. An
   * element the reader refuses goes to {@code skipped} when its end can be found, and the next
   * element is read.
   *
   * @return the index after the array's {@code ]}
   * @throws Unreadable when the array itself is broken: the text ends inside it, its elements are
   *     not separated by commas, or a refused element does not end
   */
  public static int forEachElement(
      String text, int arrayStart, ElementReader reader, Skipped skipped) {
    int length = text.length();
    int i = skipWhitespace(text, arrayStart + 1);
    if (i < length && text.charAt(i) == ']') {
      return i + 1;
    }
    while (true) {
      if (i >= length) {
        throw Unreadable.malformed(i, "the text ends inside an array");
      }
      char c = text.charAt(i);
      if (c == ',' || c == ']' || c == '}' || c == ':') {
        throw Unreadable.malformed(i, "expected a value but found " + quoted(c));
      }
      int end;
      try {
        end = reader.read(i);
      } catch (RuntimeException e) {
        end = valueEnd(text, i);
        if (end < 0) {
          throw e instanceof Unreadable unreadable ? unreadable : Unreadable.refused(i, e);
        }
        skipped.element(i, end, e);
      }
      i = skipWhitespace(text, end);
      if (i >= length) {
        throw Unreadable.malformed(i, "the text ends inside an array");
      }
      c = text.charAt(i);
      if (c == ']') {
        return i + 1;
      }
      if (c != ',') {
        throw Unreadable.malformed(i, "expected ',' or ']' but found " + quoted(c));
      }
      i = skipWhitespace(text, i + 1);
    }
  }

  /** A reader of {@code text} from {@code offset} on: the start of one element's parser. */
  public static Reader readerAt(String text, int offset) {
    StringReader reader = new StringReader(text);
    try {
      // Constant time: a string reader only moves its index.
      reader.skip(offset);
    } catch (IOException e) {
      throw new UncheckedIOException("a string reader cannot fail", e);
    }
    return reader;
  }

  /** The index after the closing quote of the string whose opening quote is at {@code quote}. */
  private static int stringEnd(String text, int quote) {
    for (int i = quote + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1;
      }
    }
    return -1;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private static boolean isDelimiter(char c) {
    return isWhitespace(c)
        || c == ','
        || c == ':'
        || c == ']'
        || c == '}'
        || c == '['
        || c == '{'
        || c == '"';
  }

  private static String quoted(char c) {
    return "'" + FieldLimits.quote(String.valueOf(c)) + "'";
  }
}
