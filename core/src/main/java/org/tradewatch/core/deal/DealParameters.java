package org.tradewatch.core.deal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.tradewatch.core.listing.InvalidListingParameterException;
import org.tradewatch.core.listing.ListingParameters;
import org.tradewatch.core.listing.Source;

/**
 * The deal search's parameters as clients write them, for the REST API, the deals page and the live
 * socket, in the style of {@link ListingParameters}: a bad one is refused with a message naming it.
 */
public final class DealParameters {

  /** The filters, which the live socket takes too. */
  public static final List<String> FILTERS = List.of("source", "appid", "minProfit", "minDiscount");

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private DealParameters() {}

  /**
   * A deal search from {@code source}, {@code appid}, {@code minProfit}, {@code minDiscount},
   * {@code page} and {@code limit}.
   *
   * @param parameter a parameter's value by its name, or null when it is absent
   * @throws InvalidListingParameterException naming the first bad parameter
   */
  public static DealQuery query(Function<String, String> parameter) {
    return parse(parameter, true);
  }

  /**
   * The filters alone (the first page of every matching deal): paging parameters are not read.
   *
   * @throws InvalidListingParameterException naming the first bad parameter
   */
  public static DealQuery filters(Function<String, String> parameter) {
    return parse(parameter, false);
  }

  private static DealQuery parse(Function<String, String> parameter, boolean paging) {
    String sourceText = parameter.apply("source");
    Source source = null;
    if (!blank(sourceText)) {
      try {
        source = Source.fromId(sourceText);
      } catch (IllegalArgumentException e) {
        throw new InvalidListingParameterException("source", e.getMessage());
      }
    }
    Integer appid = integer("appid", parameter.apply("appid"), 0, Integer.MAX_VALUE, null);
    BigDecimal minProfit =
        decimal("minProfit", parameter.apply("minProfit"), ListingParameters.MAX_VALUE);
    if (minProfit != null && source == null) {
      throw new InvalidListingParameterException(
          "minProfit",
          "an amount is in one unit only within a source (bptf in refined metal, skinshark in its"
              + " currency): give source too");
    }
    BigDecimal minDiscount = decimal("minDiscount", parameter.apply("minDiscount"), HUNDRED);
    int page =
        paging ? integer("page", parameter.apply("page"), 1, ListingParameters.MAX_PAGE, 1) : 1;
    int limit =
        paging
            ? integer(
                "limit", parameter.apply("limit"), 1, DealQuery.MAX_LIMIT, DealQuery.DEFAULT_LIMIT)
            : DealQuery.DEFAULT_LIMIT;
    return new DealQuery(source, appid, minProfit, minDiscount, page, limit);
  }

  /**
   * A yes-or-no parameter ({@code true} or {@code false}, any case), {@code fallback} when absent.
   *
   * @throws InvalidListingParameterException naming it
   */
  public static boolean bool(String name, String value, boolean fallback) {
    if (blank(value)) {
      return fallback;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new InvalidListingParameterException(
              name, "expected true or false, was '" + shortened(value) + "'");
    };
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

  private static BigDecimal decimal(String name, String value, BigDecimal max) {
    if (blank(value)) {
      return null;
    }
    BigDecimal parsed;
    try {
      parsed = new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidListingParameterException(name, "not a number: '" + shortened(value) + "'");
    }
    if (parsed.signum() < 0 || parsed.compareTo(max) > 0) {
      throw new InvalidListingParameterException(
          name, "must be between 0 and " + max.toPlainString() + ", was " + shortened(value));
    }
    if (parsed.scale() > ListingParameters.MAX_SCALE) {
      throw new InvalidListingParameterException(
          name, "at most " + ListingParameters.MAX_SCALE + " decimals");
    }
    return parsed;
  }

  private static String shortened(String value) {
    String trimmed = value.trim();
    return trimmed.length() > 40 ? trimmed.substring(0, 40) + "..." : trimmed;
  }
}
