package org.tradewatch.core.listing;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import org.tradewatch.core.item.ItemKey;

/**
 * A search over stored listings. Null filters match everything.
 *
 * @param text matched case-insensitively anywhere in the item name, or null
 * @param source only this source, or null
 * @param intent only this intent, or null
 * @param quality only this quality (or skinshark rarity) by name, ignoring case, or null
 * @param appid only this game, or null
 * @param minValue value at least this, or null
 * @param maxValue value at most this, or null
 * @param includeDeleted whether deleted listings are included
 * @param sort the order
 * @param page the page, from 1
 * @param limit listings per page, 1 to {@link #MAX_LIMIT}
 * @param after with {@link ListingSort#KEY} only: start after this listing (a cursor), or null
 * @param itemFilter the filters on the listing's item (effect, killstreak, craftable, australium,
 *     wear); {@link ItemFilter#ANY} for none
 */
public record ListingQuery(
    String text,
    Source source,
    Intent intent,
    String quality,
    Integer appid,
    BigDecimal minValue,
    BigDecimal maxValue,
    boolean includeDeleted,
    ListingSort sort,
    int page,
    int limit,
    ListingKey after,
    ItemFilter itemFilter) {

  public static final int MAX_LIMIT = 500;
  public static final int DEFAULT_LIMIT = 100;

  public ListingQuery {
    Objects.requireNonNull(sort, "sort");
    itemFilter = itemFilter == null ? ItemFilter.ANY : itemFilter;
    if (text != null && text.isBlank()) {
      text = null;
    }
    // Quality names come from a form or a URL: surrounding spaces are never part of the name.
    quality = quality == null || quality.isBlank() ? null : quality.strip();
    if (page < 1) {
      throw new IllegalArgumentException("page must be 1 or more, was " + page);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    if (minValue != null && maxValue != null && minValue.compareTo(maxValue) > 0) {
      throw new IllegalArgumentException("minValue must not be greater than maxValue");
    }
    if (after != null && sort != ListingSort.KEY) {
      throw new IllegalArgumentException("a cursor (after) needs sort=key");
    }
    if (after != null && page != 1) {
      throw new IllegalArgumentException("a cursor (after) replaces page; leave page at 1");
    }
  }

  /** A query without filters on the item (the filters before they existed). */
  public ListingQuery(
      String text,
      Source source,
      Intent intent,
      String quality,
      Integer appid,
      BigDecimal minValue,
      BigDecimal maxValue,
      boolean includeDeleted,
      ListingSort sort,
      int page,
      int limit,
      ListingKey after) {
    this(
        text,
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
        after,
        ItemFilter.ANY);
  }

  /** A query without a quality filter (the filters before quality existed). */
  public ListingQuery(
      String text,
      Source source,
      Intent intent,
      Integer appid,
      BigDecimal minValue,
      BigDecimal maxValue,
      boolean includeDeleted,
      ListingSort sort,
      int page,
      int limit,
      ListingKey after) {
    this(
        text,
        source,
        intent,
        null,
        appid,
        minValue,
        maxValue,
        includeDeleted,
        sort,
        page,
        limit,
        after);
  }

  /** A query without a quality filter or a cursor. */
  public ListingQuery(
      String text,
      Source source,
      Intent intent,
      Integer appid,
      BigDecimal minValue,
      BigDecimal maxValue,
      boolean includeDeleted,
      ListingSort sort,
      int page,
      int limit) {
    this(
        text,
        source,
        intent,
        null,
        appid,
        minValue,
        maxValue,
        includeDeleted,
        sort,
        page,
        limit,
        null);
  }

  /** Every live listing, most recently updated first, first page of the default size. */
  public static ListingQuery all() {
    return new ListingQuery(
        null, null, null, null, null, null, false, ListingSort.UPDATED_DESC, 1, DEFAULT_LIMIT);
  }

  /** This query with {@code itemFilter} as its filters on the item. */
  public ListingQuery withItemFilter(ItemFilter itemFilter) {
    return new ListingQuery(
        text,
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
        after,
        itemFilter);
  }

  /**
   * Whether a listing passes this query's filters, the same ones the store applies: used where
   * listings are matched one by one (the live socket). Sort and paging play no part.
   */
  public boolean matches(Listing listing) {
    ListingSnapshot snapshot = listing.snapshot();
    return matches(
            listing.deleted(),
            snapshot.key().source(),
            snapshot.intent(),
            snapshot.quality(),
            snapshot.appid(),
            snapshot.value(),
            snapshot.itemName())
        && (itemFilter.isAny() || itemFilter.matches(ItemKey.of(snapshot)));
  }

  /** Whether a listing's state passes this query's filters, by the same rules as a listing. */
  public boolean matches(ListingState state) {
    return matches(
            state.deleted(),
            state.key().source(),
            state.intent(),
            state.quality(),
            state.appid(),
            state.value(),
            state.itemName())
        && itemFilter.matches(state.item());
  }

  private boolean matches(
      boolean deleted,
      Source listingSource,
      Intent listingIntent,
      String listingQuality,
      Integer listingAppid,
      BigDecimal value,
      String itemName) {
    if (!includeDeleted && deleted) {
      return false;
    }
    if (source != null && listingSource != source) {
      return false;
    }
    if (intent != null && listingIntent != intent) {
      return false;
    }
    if (quality != null && !quality.equalsIgnoreCase(listingQuality)) {
      return false;
    }
    if (appid != null && !appid.equals(listingAppid)) {
      return false;
    }
    if (minValue != null || maxValue != null) {
      if (value == null
          || (minValue != null && value.compareTo(minValue) < 0)
          || (maxValue != null && value.compareTo(maxValue) > 0)) {
        return false;
      }
    }
    if (text != null) {
      return itemName != null
          && itemName.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    }
    return true;
  }

  /** The number of listings before this page. */
  public long offset() {
    return (long) (page - 1) * limit;
  }
}
