package org.tradewatch.core.stream;

import jakarta.json.JsonNumber;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.tradewatch.core.listing.StoreLimits;

/**
 * Fits an upstream event's fields to what the store can hold ({@link StoreLimits}), or refuses the
 * event naming the field, so that no event a decoder passes can make a store transaction fail.
 *
 * <p>Display texts (item name, particle, wear, seller name, details) are cut: their beginning still
 * says what the whole said, and the payload keeps the whole. Everything whose shortened or
 * approximated form would mean something else is refused: ids, codes matched whole (quality, its
 * colour, currencies), URLs, times, numbers out of range. Fields are named by their path in the
 * upstream JSON ({@code payload.value.raw}), so a reason points at the member to look at.
 */
public final class FieldLimits {

  /** An event field the store cannot hold; the message starts with the field's name. */
  public static final class Refused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public Refused(String message) {
      super(message);
    }

    /** Refusals are ordinary input, not bugs: no stack trace is filled in for each. */
    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /** Digits a value may have before the point. */
  public static final int INTEGER_DIGITS = StoreLimits.VALUE_PRECISION - StoreLimits.VALUE_SCALE;

  private static final int MAX_QUOTED = 40;
  private static final long END_SECOND = StoreLimits.END_OF_TIME.getEpochSecond();
  private static final long END_MILLI = StoreLimits.END_OF_TIME.toEpochMilli();
  private static final BigDecimal END_SECOND_DECIMAL = BigDecimal.valueOf(END_SECOND);
  private static final String TIME_RANGE =
      "from " + StoreLimits.EARLIEST_TIME + " to before " + StoreLimits.END_OF_TIME;
  private static final String UNHELD =
      "U+0000 or half a surrogate pair, which the store cannot hold";

  private FieldLimits() {}

  /**
   * A display text cut to {@code max} chars, never between the halves of a surrogate pair, with
   * each char the store cannot hold (U+0000, half a pair) replaced by U+FFFD.
   */
  public static String display(String text, int max) {
    if (text == null) {
      return null;
    }
    String cut = text;
    if (text.length() > max) {
      cut = text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }
    return StoreLimits.holdsChars(cut) ? cut : replaceUnheld(cut);
  }

  /**
   * A text kept only whole: refused when longer than {@code max} or holding a char the store cannot
   * hold.
   */
  public static String exact(String field, String text, int max) {
    if (text == null) {
      return null;
    }
    if (text.length() > max) {
      throw new Refused(
          field
              + " is "
              + text.length()
              + " characters long, more than the "
              + max
              + " the store holds");
    }
    if (!StoreLimits.holdsChars(text)) {
      throw new Refused(field + " '" + quote(text) + "' holds " + UNHELD);
    }
    return text;
  }

  /**
   * A number the store holds with {@link StoreLimits#VALUE_PRECISION} digits, {@link
   * StoreLimits#VALUE_SCALE} of them decimals: rounded half up to that scale (as the databases
   * would round it, so what is stored is what was decoded), refused with more than {@link
   * #INTEGER_DIGITS} digits before the point. Checked through precision and scale, never by
   * expanding the number: {@code 1e999999999} costs as little as {@code 1}.
   */
  public static BigDecimal decimal(String field, BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal fitted = fit(value);
    if (fitted == null) {
      throw tooLarge(field, value);
    }
    return fitted;
  }

  /**
   * {@code value} fitted to a value column, or null when it has too many digits before the point.
   */
  private static BigDecimal fit(BigDecimal value) {
    if (value.signum() == 0) {
      return value.scale() >= 0 && value.scale() <= StoreLimits.VALUE_SCALE
          ? value
          : BigDecimal.ZERO;
    }
    // The value is below 10^digitsBeforePoint; in long, since a scale can be any int.
    long digitsBeforePoint = (long) value.precision() - value.scale();
    if (digitsBeforePoint > INTEGER_DIGITS) {
      return null;
    }
    if (value.scale() <= StoreLimits.VALUE_SCALE) {
      return value;
    }
    if (digitsBeforePoint < -StoreLimits.VALUE_SCALE) {
      // Below 10^-13: rounds to zero, and rounding it exactly would divide by a huge power of ten.
      return BigDecimal.ZERO;
    }
    BigDecimal rounded = value.setScale(StoreLimits.VALUE_SCALE, RoundingMode.HALF_UP);
    return (long) rounded.precision() - rounded.scale() > INTEGER_DIGITS ? null : rounded;
  }

  /**
   * A time given in seconds since the epoch, fractions cut to the microseconds the store keeps;
   * refused outside [{@link StoreLimits#EARLIEST_TIME}, {@link StoreLimits#END_OF_TIME}).
   */
  public static Instant epochSeconds(String field, JsonNumber number) {
    long seconds;
    try {
      seconds = number.longValueExact();
    } catch (ArithmeticException fractionalOrHuge) {
      return fractionalSeconds(field, number);
    }
    if (seconds < 0 || seconds >= END_SECOND) {
      throw outOfTime(field, number, "in seconds");
    }
    return Instant.ofEpochSecond(seconds);
  }

  /**
   * A time given in whole milliseconds since the epoch; refused outside [{@link
   * StoreLimits#EARLIEST_TIME}, {@link StoreLimits#END_OF_TIME}).
   */
  public static Instant epochMillis(String field, JsonNumber number) {
    long millis;
    try {
      millis = number.longValueExact();
    } catch (ArithmeticException fractionalOrHuge) {
      throw outOfTime(field, number, "in whole milliseconds");
    }
    if (millis < 0 || millis >= END_MILLI) {
      throw outOfTime(field, number, "in whole milliseconds");
    }
    return Instant.ofEpochMilli(millis);
  }

  /** A time of ours or upstream's already read, refused where the store holds no time. */
  public static Instant time(String field, Instant time) {
    if (time != null && !StoreLimits.holdsTime(time)) {
      throw new Refused(field + " " + time + " is not a time " + TIME_RANGE);
    }
    return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * A price map, stored as one JSON object: every amount held to a value's range ({@link
   * #decimal}), every name to chars the store holds, and the whole to {@link
   * StoreLimits#CURRENCIES_LENGTH} chars as JSON.
   *
   * @param amounts a mutable map (its amounts are replaced by the fitted ones), or an empty one
   * @return {@code amounts}
   */
  public static Map<String, BigDecimal> currencies(String field, Map<String, BigDecimal> amounts) {
    if (amounts.isEmpty()) {
      return amounts;
    }
    long length = 1;
    for (Map.Entry<String, BigDecimal> entry : amounts.entrySet()) {
      String name = entry.getKey();
      if (!StoreLimits.holdsChars(name)) {
        throw new Refused(field + " names a currency '" + quote(name) + "' that holds " + UNHELD);
      }
      BigDecimal amount = entry.getValue();
      if (amount != null) {
        BigDecimal fitted = fit(amount);
        if (fitted == null) {
          throw tooLarge(field + "." + quote(name), amount);
        }
        entry.setValue(fitted);
        amount = fitted;
      }
      // "name":amount and a comma or the closing brace.
      length += jsonStringLength(name) + 1 + (amount == null ? 4 : amount.toString().length()) + 1;
    }
    if (length > StoreLimits.CURRENCIES_LENGTH) {
      throw new Refused(
          field
              + " takes "
              + length
              + " characters as JSON, more than the "
              + StoreLimits.CURRENCIES_LENGTH
              + " the store holds");
    }
    return amounts;
  }

  /** The upstream listing's text, refused when longer than {@link StoreLimits#PAYLOAD_LENGTH}. */
  public static String payload(String field, String payload) {
    if (payload.length() > StoreLimits.PAYLOAD_LENGTH) {
      throw new Refused(
          field
              + " is "
              + payload.length()
              + " characters long, more than the "
              + StoreLimits.PAYLOAD_LENGTH
              + " a listing's payload may take");
    }
    return payload;
  }

  /**
   * Upstream text to quote in a reason: at most 40 chars, with control chars and halves of pairs
   * escaped, so that the reason itself can always be stored and read.
   */
  public static String quote(String text) {
    int end = Math.min(text.length(), MAX_QUOTED);
    StringBuilder quoted = new StringBuilder(end + 8);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < end
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        quoted.append(c).append(text.charAt(++i));
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return end < text.length() ? quoted.append("...").toString() : quoted.toString();
  }

  private static Instant fractionalSeconds(String field, JsonNumber number) {
    BigDecimal seconds = number.bigDecimalValue();
    if (seconds.signum() < 0 || seconds.compareTo(END_SECOND_DECIMAL) >= 0) {
      throw outOfTime(field, number, "in seconds");
    }
    // Below 10^-7 s there is no whole microsecond, and rescaling exactly could take forever.
    if ((long) seconds.precision() - seconds.scale() < -6) {
      return Instant.EPOCH;
    }
    long micros = seconds.movePointRight(6).setScale(0, RoundingMode.FLOOR).longValueExact();
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  private static Refused outOfTime(String field, JsonNumber number, String unit) {
    return new Refused(
        field + " " + quote(number.toString()) + " is not a time " + TIME_RANGE + " " + unit);
  }

  private static Refused tooLarge(String field, BigDecimal value) {
    return new Refused(
        field
            + " "
            + quote(value.toString())
            + " has more than the "
            + INTEGER_DIGITS
            + " digits before the point that the store holds");
  }

  /** The length of {@code text} as a JSON string at most: quotes, and escapes at their longest. */
  private static long jsonStringLength(String text) {
    long length = 2;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      length += c == '"' || c == '\\' ? 2 : c < 0x20 ? 6 : 1;
    }
    return length;
  }

  private static String replaceUnheld(String text) {
    StringBuilder held = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        held.append(c).append(text.charAt(++i));
      } else if (c == 0 || Character.isSurrogate(c)) {
        held.append('\uFFFD');
      } else {
        held.append(c);
      }
    }
    return held.toString();
  }
}
