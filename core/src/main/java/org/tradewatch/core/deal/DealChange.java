package org.tradewatch.core.deal;

import java.time.Instant;
import java.util.Objects;
import org.tradewatch.core.listing.ListingKey;

/**
 * One listing's deal opened, changed or closed by a change of the market model.
 *
 * @param before the deal as it was open, or null when the listing was no deal
 * @param after the deal as it is open now, or null when the listing is no deal any more
 * @param at the time of the change that did it (as Tradewatch applied it)
 */
public record DealChange(Deal before, Deal after, Instant at) {

  public DealChange {
    Objects.requireNonNull(at, "at");
    if (before == null && after == null) {
      throw new IllegalArgumentException("a deal change has a deal before or after it");
    }
    if (before != null && after != null && !before.listing().equals(after.listing())) {
      throw new IllegalArgumentException("a deal change is one listing's");
    }
  }

  /** The listing whose deal changed. */
  public ListingKey listing() {
    return after != null ? after.listing() : before.listing();
  }

  public boolean opened() {
    return before == null;
  }

  public boolean closed() {
    return after == null;
  }
}
