package org.tradewatch.core.listing;

/** The orders a listing search can return, by their API names. */
public enum ListingSort {
  VALUE_ASC("value"),
  VALUE_DESC("-value"),
  UPDATED_ASC("updated"),
  UPDATED_DESC("-updated"),
  /** By source, then listing id: a stable order that changes never reshuffle, for cursors. */
  KEY("key");

  private final String id;

  ListingSort(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /**
   * Parses {@code value}, {@code -value}, {@code updated} or {@code -updated}.
   *
   * @throws IllegalArgumentException naming the allowed values otherwise
   */
  public static ListingSort fromId(String id) {
    for (ListingSort sort : values()) {
      if (sort.id.equals(id)) {
        return sort;
      }
    }
    throw new IllegalArgumentException(
        "unknown sort '" + id + "': expected one of value, -value, updated, -updated, key");
  }
}
