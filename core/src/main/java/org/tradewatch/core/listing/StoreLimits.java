package org.tradewatch.core.listing;

import java.time.Instant;

/**
 * What the store can hold of a listing and its events, defined once: the decoders check every
 * upstream event against these limits, so an event they accept can always be stored, and the
 * persistence mapping sizes its columns from the same constants.
 *
 * <p>Text lengths count UTF-16 chars ({@link String#length()}). The databases count characters, of
 * which a string never has more, and a char never takes more than three bytes in UTF-8: so a text
 * within its limit fits its column, and the indexed texts (item name, quality, listing id) fit
 * PostgreSQL's 2,704-byte index entries together. The listing id's limit is {@link
 * ListingKey#MAX_ID_LENGTH}.
 */
public final class StoreLimits {

  /** Event ids: backpack.tf's are 24 hex digits, the ids made for skinshark's events 45 chars. */
  public static final int EVENT_ID_LENGTH = 128;

  public static final int ITEM_NAME_LENGTH = 512;
  public static final int QUALITY_LENGTH = 64;
  public static final int QUALITY_COLOR_LENGTH = 64;
  public static final int PARTICLE_LENGTH = 256;
  public static final int WEAR_LENGTH = 256;
  public static final int IMAGE_URL_LENGTH = 2048;
  public static final int VALUE_UNIT_LENGTH = 64;
  public static final int SELLER_ID_LENGTH = 64;
  public static final int SELLER_NAME_LENGTH = 256;
  public static final int DETAILS_LENGTH = 4000;

  /** The currencies are stored as one JSON object ({@code {"keys":2,"metal":11.33}}) this long. */
  public static final int CURRENCIES_LENGTH = 4000;

  /**
   * Digits of a listing's value: fractional refined metal needs the scale, prices the range. A
   * value has at most {@link #VALUE_PRECISION} − {@link #VALUE_SCALE} = 26 digits before the point.
   */
  public static final int VALUE_PRECISION = 38;

  /** Decimals of a listing's value; more are rounded half up, as the databases would. */
  public static final int VALUE_SCALE = 12;

  /**
   * The longest upstream listing object kept as a listing's payload. Its column is a LOB
   * (PostgreSQL's text holds 1 GB), so this is not the column's limit but one listing's share of
   * every read that returns it: real listings are about 3,000 chars.
   */
  public static final int PAYLOAD_LENGTH = 1 << 20;

  /** The earliest time stored: nothing upstream lists or changes predates the epoch. */
  public static final Instant EARLIEST_TIME = Instant.EPOCH;

  /**
   * The first time not stored: 2^32 seconds after the epoch, the end of the 32-bit unsigned seconds
   * that backpack.tf's event ids carry. Times are stored as epoch microseconds in a 64-bit column,
   * which would hold far more; this bound catches a time sent in milliseconds or microseconds where
   * seconds were due, which lands tens of thousands of years out.
   */
  public static final Instant END_OF_TIME = Instant.ofEpochSecond(1L << 32);

  private StoreLimits() {}

  /** Whether {@code time} lies in [{@link #EARLIEST_TIME}, {@link #END_OF_TIME}). */
  public static boolean holdsTime(Instant time) {
    return !time.isBefore(EARLIEST_TIME) && time.isBefore(END_OF_TIME);
  }

  /**
   * Whether every char of {@code text} can be stored as it is: PostgreSQL's text types refuse
   * U+0000, and a surrogate without its pair has no UTF-8 form, so a database would refuse or
   * replace it.
   */
  public static boolean holdsChars(String text) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < length
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return false;
        }
      }
    }
    return true;
  }
}
