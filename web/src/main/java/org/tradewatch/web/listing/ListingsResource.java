package org.tradewatch.web.listing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingReader;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.core.listing.Source;
import org.tradewatch.web.api.ApiException;

/**
 * Search the stored listings, and read one with its recent events. Application-scoped, as it keeps
 * no state: a request-scoped resource would be created and injected on every request.
 */
@Path("listings")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ListingsResource {

  static final int MAX_TEXT_LENGTH = 200;
  static final int HISTORY_LIMIT = 100;
  static final int CONSISTENT_READ_ATTEMPTS = 5;
  static final BigDecimal MAX_VALUE = new BigDecimal("1000000000000");
  static final int MAX_SCALE = 12;

  @Inject ListingReader listings;

  @GET
  @Operation(
      summary = "Search listings",
      description =
          "Live listings by default; every filter is optional. Bad parameters get 400 with a"
              + " message naming the parameter.")
  @APIResponse(
      responseCode = "200",
      description = "{items, total, page, limit}, and next (the cursor) with sort=key")
  @APIResponse(responseCode = "400", description = "{message} naming the bad parameter")
  public JsonObject search(
      @Parameter(description = "case-insensitive part of the item name") @QueryParam("q") String q,
      @Parameter(description = "bptf or skinshark") @QueryParam("source") String source,
      @Parameter(description = "buy or sell") @QueryParam("intent") String intent,
      @Parameter(
              description =
                  "quality name (Unique, Strange, Unusual...) or skinshark rarity, any case")
          @QueryParam("quality")
          String quality,
      @Parameter(description = "game id, e.g. 440 or 730") @QueryParam("appid") String appid,
      @Parameter(description = "lowest value, inclusive") @QueryParam("minValue") String minValue,
      @Parameter(description = "highest value, inclusive") @QueryParam("maxValue") String maxValue,
      @Parameter(description = "true to include deleted listings") @QueryParam("includeDeleted")
          String includeDeleted,
      @Parameter(
              description =
                  "value, -value, updated, -updated (default), or key: by source and id, the"
                      + " stable order for walking every listing with after=")
          @QueryParam("sort")
          String sort,
      @Parameter(description = "page number from 1") @QueryParam("page") String page,
      @Parameter(description = "page size 1-500, default 100") @QueryParam("limit") String limit,
      @Parameter(
              description =
                  "with sort=key: the cursor, source/id of the last listing of the previous page"
                      + " (the response's next)")
          @QueryParam("after")
          String after) {
    ListingQuery query =
        parse(
            q,
            source,
            intent,
            quality,
            appid,
            minValue,
            maxValue,
            includeDeleted,
            sort,
            page,
            limit,
            after);
    return ListingJson.page(listings.search(query), query.sort() == ListingSort.KEY);
  }

  @GET
  @Path("{source}/{id}")
  @Operation(summary = "One listing, deleted or not, with its recent events newest first")
  @APIResponse(responseCode = "200", description = "the listing with history")
  @APIResponse(responseCode = "404", description = "no such listing")
  public JsonObject one(@PathParam("source") String source, @PathParam("id") String id) {
    ListingKey key;
    try {
      key = new ListingKey(Source.fromId(source), id);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("no listing " + source + "/" + id + ": " + e.getMessage());
    }
    return read(listings, key)
        .map(detail -> ListingJson.detail(detail.listing(), detail.history()))
        .orElseThrow(() -> ApiException.notFound("no listing " + key));
  }

  /** A listing, deleted or not, with its most recent events, newest first. */
  public record Detail(Listing listing, List<HistoryEntry> history) {}

  /**
   * Reads a listing and its recent history so that they agree; empty when there is no such listing.
   * Shared by the REST API and the listing page.
   */
  public static Optional<Detail> read(ListingReader listings, ListingKey key) {
    // The listing and its history are two reads; an event applied between them would leave the
    // history a step ahead of the listing, so read again until they agree.
    for (int attempt = 1; ; attempt++) {
      Optional<Listing> found = listings.find(key);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      Listing listing = found.get();
      List<HistoryEntry> history = listings.history(key, HISTORY_LIMIT);
      boolean agree = history.isEmpty() || history.get(0).eventId().equals(listing.lastEventId());
      if (agree || attempt == CONSISTENT_READ_ATTEMPTS) {
        return Optional.of(new Detail(listing, history));
      }
    }
  }

  /** Parses the listing filters as the REST API and the live socket take them. */
  public static ListingQuery parse(
      String q,
      String source,
      String intent,
      String quality,
      String appid,
      String minValue,
      String maxValue,
      String includeDeleted,
      String sort,
      String page,
      String limit,
      String after) {
    if (q != null && q.length() > MAX_TEXT_LENGTH) {
      throw ApiException.badRequest("q: at most " + MAX_TEXT_LENGTH + " characters");
    }
    if (quality != null && quality.length() > MAX_TEXT_LENGTH) {
      throw ApiException.badRequest("quality: at most " + MAX_TEXT_LENGTH + " characters");
    }
    BigDecimal min = decimal("minValue", minValue);
    BigDecimal max = decimal("maxValue", maxValue);
    if (min != null && max != null && min.compareTo(max) > 0) {
      throw ApiException.badRequest("minValue: must not be greater than maxValue");
    }
    return new ListingQuery(
        q,
        blank(source) ? null : parsed("source", () -> Source.fromId(source)),
        blank(intent) ? null : parsed("intent", () -> Intent.fromId(intent)),
        quality,
        integer("appid", appid, 0, Integer.MAX_VALUE, null),
        min,
        max,
        bool("includeDeleted", includeDeleted),
        blank(sort) ? ListingSort.UPDATED_DESC : parsed("sort", () -> ListingSort.fromId(sort)),
        integer("page", page, 1, 1_000_000, 1),
        integer("limit", limit, 1, ListingQuery.MAX_LIMIT, ListingQuery.DEFAULT_LIMIT),
        cursor(after, sort, page));
  }

  private static ListingKey cursor(String after, String sort, String page) {
    if (blank(after)) {
      return null;
    }
    if (!"key".equals(sort)) {
      throw ApiException.badRequest("after: a cursor needs sort=key");
    }
    if (!blank(page) && !page.trim().equals("1")) {
      throw ApiException.badRequest("after: a cursor replaces page; leave page out");
    }
    int slash = after.indexOf('/');
    if (slash < 0) {
      throw ApiException.badRequest("after: expected source/id, was '" + after + "'");
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
      throw ApiException.badRequest(name + ": " + e.getMessage());
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static Integer integer(String name, String value, int min, int max, Integer fallback) {
    if (blank(value)) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < min || parsed > max) {
        throw ApiException.badRequest(
            name + ": must be between " + min + " and " + max + ", was " + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": not a whole number: '" + value + "'");
    }
  }

  private static BigDecimal decimal(String name, String value) {
    if (blank(value)) {
      return null;
    }
    try {
      BigDecimal parsed = new BigDecimal(value.trim());
      if (parsed.signum() < 0) {
        throw ApiException.badRequest(name + ": must not be negative, was " + value);
      }
      if (parsed.compareTo(MAX_VALUE) > 0 || parsed.scale() > MAX_SCALE) {
        throw ApiException.badRequest(
            name + ": at most " + MAX_VALUE.toPlainString() + " with " + MAX_SCALE + " decimals");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": not a number: '" + value + "'");
    }
  }

  private static boolean bool(String name, String value) {
    if (blank(value)) {
      return false;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw ApiException.badRequest(name + ": expected true or false, was '" + value + "'");
    };
  }
}
