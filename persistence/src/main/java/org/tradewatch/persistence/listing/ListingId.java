package org.tradewatch.persistence.listing;

import java.io.Serializable;
import java.util.Objects;
import org.tradewatch.core.listing.ListingKey;

/** The primary key of {@link ListingEntity}: the upstream's own key, so no surrogate is needed. */
public final class ListingId implements Serializable {

  private static final long serialVersionUID = 1L;

  private String source;
  private String listingId;

  public ListingId() {}

  public ListingId(String source, String listingId) {
    this.source = source;
    this.listingId = listingId;
  }

  static ListingId of(ListingKey key) {
    return new ListingId(key.source().id(), key.id());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ListingId that
        && Objects.equals(source, that.source)
        && Objects.equals(listingId, that.listingId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, listingId);
  }

  @Override
  public String toString() {
    return source + "/" + listingId;
  }
}
