package org.tradewatch.web.page.listing;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.stream.Stream;
import org.tradewatch.core.item.Wear;
import org.tradewatch.core.listing.InvalidListingParameterException;
import org.tradewatch.core.listing.ItemFilter;
import org.tradewatch.core.listing.ListingParameters;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.web.api.ApiException;

/**
 * The listings page's filters as the visitor typed them: refilled into the form as they were (even
 * when invalid, so an error can be corrected in place), and carried into the paging links and the
 * live socket's URL. The parameter names are the REST API's.
 */
public final class ListingFilters {

  /** The live socket filters by these; sort and page only order and cut the page. */
  static final List<String> LIVE =
      List.of(
          "q",
          "source",
          "intent",
          "quality",
          "effect",
          "killstreak",
          "craftable",
          "australium",
          "wear",
          "minValue",
          "maxValue");

  private static final List<String> ALL = Stream.concat(LIVE.stream(), Stream.of("sort")).toList();

  private final Map<String, String> values = new LinkedHashMap<>();

  private ListingFilters(Map<String, String> values) {
    this.values.putAll(values);
  }

  /** The filters in {@code request}'s parameters; blanks are left out. */
  static ListingFilters from(HttpServletRequest request) {
    return of(request::getParameter);
  }

  /** The filters that {@code parameters} gives by name; blanks are left out. */
  static ListingFilters of(Function<String, String> parameters) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : ALL) {
      String value = parameters.apply(name);
      if (value != null && !value.isBlank()) {
        values.put(name, value.strip());
      }
    }
    return new ListingFilters(values);
  }

  /**
   * The query for page {@code page} (as typed, validated with the REST API's rules and messages).
   *
   * @throws org.tradewatch.web.api.ApiException when a parameter is invalid
   */
  ListingQuery query(String page, int pageSize) {
    // The form's fields, by the names the REST API takes; the page has no cursor, game or
    // deleted listings, and its page size is its own.
    try {
      return ListingParameters.query(
          name ->
              switch (name) {
                case "page" -> page;
                case "limit" -> Integer.toString(pageSize);
                case "appid", "includeDeleted", "after" -> null;
                default -> get(name);
              });
    } catch (InvalidListingParameterException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  public String getQ() {
    return get("q");
  }

  public String getSource() {
    return get("source");
  }

  public String getIntent() {
    return get("intent");
  }

  public String getQuality() {
    return get("quality");
  }

  public String getEffect() {
    return get("effect");
  }

  public String getKillstreak() {
    return get("killstreak");
  }

  public String getCraftable() {
    return get("craftable");
  }

  public String getAustralium() {
    return get("australium");
  }

  public String getWear() {
    return get("wear");
  }

  /** The killstreak tier asked for (0 to 3) however it was written, or null (none, or not one). */
  public Integer getKillstreakTier() {
    return parsedFilter("killstreak", ItemFilter::killstreakTier);
  }

  /** The wear tier asked for by its name however it was written, or null (none, or not one). */
  public String getWearTier() {
    Wear wear = parsedFilter("wear", ItemFilter::wear);
    return wear == null ? null : wear.id();
  }

  /** One item filter as the REST API reads it, so that the form shows it selected; null if bad. */
  private <T> T parsedFilter(String name, Function<ItemFilter, T> part) {
    String value = get(name);
    if (value == null) {
      return null;
    }
    try {
      return part.apply(
          ListingParameters.filters(asked -> asked.equals(name) ? value : null).itemFilter());
    } catch (InvalidListingParameterException e) {
      return null;
    }
  }

  public String getMinValue() {
    return get("minValue");
  }

  public String getMaxValue() {
    return get("maxValue");
  }

  /** The sort by its REST name; newest first when none was asked for. */
  public String getSort() {
    String sort = get("sort");
    return sort == null ? ListingSort.UPDATED_DESC.id() : sort;
  }

  /** Whether any filter narrows the listings (sort aside): the page offers to clear them. */
  public boolean isFiltered() {
    return LIVE.stream().anyMatch(values::containsKey);
  }

  /** The query string of page {@code page} with these filters, for paging links. */
  public String link(int page) {
    StringJoiner query = encoded(ALL);
    if (page > 1) {
      query.add("page=" + page);
    }
    return query.toString();
  }

  /**
   * The address of page {@code page} with these filters relative to the listings page: {@code
   * ?query}, or empty for the first page without filters.
   */
  public String href(int page) {
    String query = link(page);
    return query.isEmpty() ? "" : "?" + query;
  }

  /** The query string of the live socket with these filters. */
  public String getLiveQuery() {
    return encoded(LIVE).toString();
  }

  private StringJoiner encoded(List<String> names) {
    StringJoiner query = new StringJoiner("&");
    for (String name : names) {
      String value = values.get(name);
      if (value != null) {
        // %20 rather than URLEncoder's +: the WebSocket container need not read + as a space.
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        query.add(name + "=" + encoded);
      }
    }
    return query;
  }

  private String get(String name) {
    return values.get(name);
  }
}
