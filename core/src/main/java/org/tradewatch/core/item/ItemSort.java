package org.tradewatch.core.item;

import java.util.Locale;

/** The orders of {@code GET /api/items}. */
public enum ItemSort {
  /** Most live listings (buy and sell together) first. */
  LISTINGS("listings", false),
  /**
   * Best spread first: the least best sell minus best buy, so crossed books (a sell under a buy)
   * come first; items missing a side come last. Prices compare only within one source's unit, so
   * this order needs {@code source}.
   */
  SPREAD("spread", true),
  /** Newest change first. */
  UPDATED("updated", false),
  /** By display name, A to Z, ignoring case. */
  NAME("name", false);

  private final String id;
  private final boolean comparesPrices;

  ItemSort(String id, boolean comparesPrices) {
    this.id = id;
    this.comparesPrices = comparesPrices;
  }

  public String id() {
    return id;
  }

  /** Whether the order compares prices, which are in one unit only within a source. */
  public boolean comparesPrices() {
    return comparesPrices;
  }

  /**
   * Parses a sort by its id, ignoring case.
   *
   * @throws IllegalArgumentException naming the allowed values otherwise
   */
  public static ItemSort fromId(String id) {
    if (id != null) {
      String wanted = id.trim().toLowerCase(Locale.ROOT);
      for (ItemSort sort : values()) {
        if (sort.id.equals(wanted)) {
          return sort;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown sort '" + id + "': expected listings, spread, updated or name");
  }

  @Override
  public String toString() {
    return id;
  }
}
