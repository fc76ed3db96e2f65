package org.tradewatch.core.listing;

import java.util.Objects;

/** Identifies one listing: the source it came from and the upstream's own listing id. */
public record ListingKey(Source source, String id) {

  /**
   * The longest upstream listing id Tradewatch accepts (backpack.tf buy ids are about 60); the
   * store's key column is this long (see {@link StoreLimits}).
   */
  public static final int MAX_ID_LENGTH = 128;

  public ListingKey {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("listing id must not be blank");
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          "listing id longer than " + MAX_ID_LENGTH + " characters: " + id.length());
    }
  }

  @Override
  public String toString() {
    return source.id() + "/" + id;
  }
}
