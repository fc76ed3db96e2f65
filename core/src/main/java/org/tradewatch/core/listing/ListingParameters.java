package org.tradewatch.core.listing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.tradewatch.core.item.Wear;

/**
 * The listing search's parameters as clients write them, parsed and checked in one place for the
 * REST API, the listings page and the live socket: each takes them by the same names, and a bad one
 * is refused with a message naming it.
 */
public final class ListingParameters {

  /** The filters, which the live socket takes too. */
  public static final List<String> FILTERS =
      List.of(
          "q",
          "source",
          "intent",
          "quality",
          "appid",
          "minValue",
          "maxValue",
          "effect",
          "killstreak",
          "craftable",
          "australium",
          "wear");

  /** The rest of a search: what it includes, its order and its page. */
  public static final List<String> PAGING =
      List.of("includeDeleted", "sort", "page", "limit", "after");

  public static final int MAX_TEXT_LENGTH = 200;
  public static final BigDecimal MAX_VALUE = new BigDecimal("1000000000000");
  public static final int MAX_SCALE = 12;
  public static final int MAX_PAGE = 1_000_000;

  private ListingParameters() {}

  /**
   * A whole search from its parameters.
   *
   * @param parameter a parameter's value by its name, or null when it is absent
   * @throws InvalidListingParameterException naming the first bad parameter
   */
  public static ListingQuery query(Function<String, String> parameter) {
    return parse(parameter, true);
  }

  /**
   * The filters alone (every live listing, default order): paging parameters are not read.
   *
   * @throws InvalidListingParameterException naming the first bad parameter
   */
  public static ListingQuery filters(Function<String, String> parameter) {
    return parse(parameter, false);
  }

  private static ListingQuery parse(Function<String, String> parameter, boolean paging) {
    String q = parameter.apply("q");
    String quality = parameter.apply("quality");
    if (q != null && q.length() > MAX_TEXT_LENGTH) {
      throw new InvalidListingParameterException("q", "at most " + MAX_TEXT_LENGTH + " characters");
    }
    if (quality != null && quality.length() > MAX_TEXT_LENGTH) {
      throw new InvalidListingParameterException(
          "quality", "at most " + MAX_TEXT_LENGTH + " characters");
    }
    BigDecimal min = decimal("minValue", parameter.apply("minValue"));
    BigDecimal max = decimal("maxValue", parameter.apply("maxValue"));
    if (min != null && max != null && min.compareTo(max) > 0) {
      throw new InvalidListingParameterException("minValue", "must not be greater than maxValue");
    }
    String source = parameter.apply("source");
    String intent = parameter.apply("intent");
    String sort = paging ? parameter.apply("sort") : null;
    String page = paging ? parameter.apply("page") : null;
    return new ListingQuery(
        q,
        blank(source) ? null : parsed("source", () -> Source.fromId(source)),
        blank(intent) ? null : parsed("intent", () -> Intent.fromId(intent)),
        quality,
        integer("appid", parameter.apply("appid"), 0, Integer.MAX_VALUE, null),
        min,
        max,
        paging && bool("includeDeleted", parameter.apply("includeDeleted")),
        blank(sort)
            ? ListingSort.UPDATED_DESC
            : parsed("sort", () -> ListingSort.fromId(sort.trim())),
        integer("page", page, 1, MAX_PAGE, 1),
        paging
            ? integer(
                "limit",
                parameter.apply("limit"),
                1,
                ListingQuery.MAX_LIMIT,
                ListingQuery.DEFAULT_LIMIT)
            : ListingQuery.DEFAULT_LIMIT,
        paging ? cursor(parameter.apply("after"), sort, page) : null,
        itemFilter(parameter));
  }

  /** The filters on the listing's item: effect, killstreak, craftable, australium and wear. */
  private static ItemFilter itemFilter(Function<String, String> parameter) {
    String effect = parameter.apply("effect");
    if (effect != null && effect.length() > MAX_TEXT_LENGTH) {
      throw new InvalidListingParameterException(
          "effect", "at most " + MAX_TEXT_LENGTH + " characters");
    }
    if (effect != null
        && !effect.isBlank()
        && effect.strip().chars().allMatch(c -> c >= '0' && c <= '9')) {
      // backpack.tf's payload has the effect's id too, but listings keep its name (as items do).
      throw new InvalidListingParameterException(
          "effect", "the effect's name, e.g. Burning Flames, not its id: was '" + effect + "'");
    }
    String wear = parameter.apply("wear");
    return new ItemFilter(
        effect,
        killstreak(parameter.apply("killstreak")),
        optionalBool("craftable", parameter.apply("craftable")),
        optionalBool("australium", parameter.apply("australium")),
        blank(wear) ? null : parsed("wear", () -> Wear.fromId(wear)));
  }

  /**
   * A killstreak tier by its name or number: none 0, killstreak 1, specialized 2, professional 3.
   */
  private static Integer killstreak(String value) {
    if (blank(value)) {
      return null;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "0", "none" -> 0;
      case "1", "killstreak" -> 1;
      case "2", "specialized", "specialized killstreak" -> 2;
      case "3", "professional", "professional killstreak" -> 3;
      default ->
          throw new InvalidListingParameterException(
              "killstreak",
              "expected none, killstreak, specialized, professional or 0 to 3, was '"
                  + value
                  + "'");
    };
  }

  private static ListingKey cursor(String after, String sort, String page) {
    if (blank(after)) {
      return null;
    }
    if (sort == null || !"key".equals(sort.trim())) {
      throw new InvalidListingParameterException("after", "a cursor needs sort=key");
    }
    if (!blank(page) && !page.trim().equals("1")) {
      throw new InvalidListingParameterException("after", "a cursor replaces page; leave page out");
    }
    int slash = after.indexOf('/');
    if (slash < 0) {
      throw new InvalidListingParameterException(
          "after", "expected source/id, was '" + after + "'");
    }
    return parsed(
        "after",
        () -> new ListingKey(Source.fromId(after.substring(0, slash)), after.substring(slash + 1)));
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
      throw new InvalidListingParameterException(name, "not a whole number: '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw new InvalidListingParameterException(
          name, "must be between " + min + " and " + max + ", was " + parsed);
    }
    return parsed;
  }

  private static BigDecimal decimal(String name, String value) {
    if (blank(value)) {
      return null;
    }
    BigDecimal parsed;
    try {
      parsed = new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidListingParameterException(name, "not a number: '" + value + "'");
    }
    if (parsed.signum() < 0) {
      throw new InvalidListingParameterException(name, "must not be negative, was " + value);
    }
    if (parsed.compareTo(MAX_VALUE) > 0 || parsed.scale() > MAX_SCALE) {
      throw new InvalidListingParameterException(
          name, "at most " + MAX_VALUE.toPlainString() + " with " + MAX_SCALE + " decimals");
    }
    return parsed;
  }

  private static boolean bool(String name, String value) {
    return Boolean.TRUE.equals(optionalBool(name, value));
  }

  /** true, false, or null when absent. */
  private static Boolean optionalBool(String name, String value) {
    if (blank(value)) {
      return null;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new InvalidListingParameterException(
              name, "expected true or false, was '" + value + "'");
    };
  }
}
