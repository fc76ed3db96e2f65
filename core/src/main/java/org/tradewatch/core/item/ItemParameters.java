package org.tradewatch.core.item;

import java.util.function.Function;
import org.tradewatch.core.listing.InvalidListingParameterException;
import org.tradewatch.core.listing.ListingParameters;
import org.tradewatch.core.listing.Source;

/**
 * The item search's and the order book's parameters as clients write them, parsed and checked in
 * one place, in the style of {@link ListingParameters}: a bad one is refused with a message naming
 * it.
 */
public final class ItemParameters {

  /** Entries of each side of an order book by default, and at most. */
  public static final int DEFAULT_BOOK_LIMIT = 50;

  public static final int MAX_BOOK_LIMIT = 200;

  private ItemParameters() {}

  /**
   * An item search from {@code q}, {@code source}, {@code appid}, {@code quality}, {@code sort},
   * {@code page} and {@code limit}.
   *
   * @param parameter a parameter's value by its name, or null when it is absent
   * @throws InvalidListingParameterException naming the first bad parameter
   */
  public static ItemQuery query(Function<String, String> parameter) {
    String q = text("q", parameter.apply("q"));
    String quality = text("quality", parameter.apply("quality"));
    String sourceText = parameter.apply("source");
    Source source = blank(sourceText) ? null : parsed("source", () -> Source.fromId(sourceText));
    Integer appid = integer("appid", parameter.apply("appid"), 0, Integer.MAX_VALUE, null);
    String sortText = parameter.apply("sort");
    ItemSort sort =
        blank(sortText) ? ItemSort.LISTINGS : parsed("sort", () -> ItemSort.fromId(sortText));
    if (sort.comparesPrices() && source == null) {
      throw new InvalidListingParameterException(
          "sort",
          "sort="
              + sort.id()
              + " compares prices, which are in one unit only within a source (bptf in refined"
              + " metal, skinshark in US dollars): give source too");
    }
    int page = integer("page", parameter.apply("page"), 1, ListingParameters.MAX_PAGE, 1);
    int limit =
        integer("limit", parameter.apply("limit"), 1, ItemQuery.MAX_LIMIT, ItemQuery.DEFAULT_LIMIT);
    return new ItemQuery(q, source, appid, quality, sort, page, limit);
  }

  /**
   * An item key from its text ({@link ItemKey#parse}).
   *
   * @throws InvalidListingParameterException naming {@code key} when the text is not a key
   */
  public static ItemKey key(String text) {
    return key("key", text);
  }

  /** An item key given as the parameter {@code name}; errors name that parameter. */
  public static ItemKey key(String name, String text) {
    if (blank(text)) {
      throw new InvalidListingParameterException(name, "an item key is required");
    }
    return parsed(name, () -> ItemKey.parse(text));
  }

  /**
   * The entries a side of a book shows ({@code limit}, default {@value #DEFAULT_BOOK_LIMIT}).
   *
   * @throws InvalidListingParameterException naming {@code limit}
   */
  public static int bookLimit(String text) {
    return integer("limit", text, 1, MAX_BOOK_LIMIT, DEFAULT_BOOK_LIMIT);
  }

  /**
   * A side's cursor ({@code buysAfter} or {@code sellsAfter}): a previous page's {@code buysNext}
   * or {@code sellsNext}; null when absent.
   *
   * @throws InvalidListingParameterException naming the parameter
   */
  public static BookCursor cursor(String name, String text) {
    if (blank(text)) {
      return null;
    }
    if (text.length() > 2 * ListingParameters.MAX_TEXT_LENGTH) {
      throw new InvalidListingParameterException(
          name, "at most " + 2 * ListingParameters.MAX_TEXT_LENGTH + " characters");
    }
    return parsed(name, () -> BookCursor.parse(text.trim()));
  }

  private static String text(String name, String value) {
    if (value != null && value.length() > ListingParameters.MAX_TEXT_LENGTH) {
      throw new InvalidListingParameterException(
          name, "at most " + ListingParameters.MAX_TEXT_LENGTH + " characters");
    }
    return blank(value) ? null : value;
  }

  private interface Parse<T> {
    T get();
  }

  private static <T> T parsed(String name, Parse<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new InvalidListingParameterException(name, e.getMessage());
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static Integer integer(String name, String value, int min, int max, Integer fallback) {
    if (blank(value)) {
      return fallback;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidListingParameterException(
          name, "not a whole number: '" + shortened(value) + "'");
    }
    if (parsed < min || parsed > max) {
      throw new InvalidListingParameterException(
          name, "must be between " + min + " and " + max + ", was " + parsed);
    }
    return parsed;
  }

  private static String shortened(String value) {
    String trimmed = value.trim();
    return trimmed.length() > 40 ? trimmed.substring(0, 40) + "..." : trimmed;
  }
}
