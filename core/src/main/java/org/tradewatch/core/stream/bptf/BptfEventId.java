package org.tradewatch.core.stream.bptf;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A backpack.tf event id: a MongoDB ObjectId, 12 bytes written as 24 hex digits, whose first four
 * bytes are the big-endian unix time in seconds at which upstream created the event.
 *
 * <p>The id is kept in lower case so that the same event spelled in another case still dedupes.
 *
 * @param value the 24 lower-case hex digits
 */
public record BptfEventId(String value) {

  /** The number of hex digits in an id. */
  public static final int LENGTH = 24;

  public BptfEventId {
    Objects.requireNonNull(value, "value");
    if (!isValid(value)) {
      throw new IllegalArgumentException(
          "backpack.tf event id must be " + LENGTH + " hex digits, was '" + clip(value) + "'");
    }
    value = lowerCase(value);
  }

  /**
   * Parses an id.
   *
   * @throws IllegalArgumentException when {@code text} is not 24 hex digits
   */
  public static BptfEventId parse(String text) {
    return new BptfEventId(Objects.requireNonNull(text, "text"));
  }

  /**
   * Whether {@code text} is 24 hex digits; lets the decoder check without paying for an exception
   * on every bad id.
   */
  public static boolean isValid(String text) {
    if (text == null || text.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      if (hexValue(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** When upstream created the event, to the second. */
  public Instant timestamp() {
    return timestampOf(value);
  }

  /**
   * The timestamp of an id already known to be valid (see {@link #isValid}); spares the decoder a
   * record per event.
   */
  static Instant timestampOf(String validId) {
    long seconds = 0;
    for (int i = 0; i < 8; i++) {
      seconds = (seconds << 4) | hexValue(validId.charAt(i));
    }
    // Four unsigned bytes: up to 2106, never negative.
    return Instant.ofEpochSecond(seconds);
  }

  /** Lower-cases an id known to be valid, allocating only when it has upper-case digits. */
  static String lowerCase(String validId) {
    for (int i = 0; i < validId.length(); i++) {
      char c = validId.charAt(i);
      if (c >= 'A' && c <= 'F') {
        return validId.toLowerCase(Locale.ROOT);
      }
    }
    return validId;
  }

  /** ASCII hex only: {@link Character#digit} would also accept other scripts' digits. */
  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static String clip(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  @Override
  public String toString() {
    return value;
  }
}
