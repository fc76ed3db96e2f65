package org.tradewatch.core.listing;

import java.util.List;
import java.util.Objects;

/**
 * A listing, deleted or not, with its most recent events, newest first: read for one state of it,
 * so the history ends at the event that made the listing what it is.
 */
public record ListingDetail(Listing listing, List<HistoryEntry> history) {

  public ListingDetail {
    Objects.requireNonNull(listing, "listing");
    history = List.copyOf(history);
  }
}
