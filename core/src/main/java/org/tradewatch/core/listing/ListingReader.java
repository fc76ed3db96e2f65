package org.tradewatch.core.listing;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Read port over the listing store; the persistence module implements it. */
public interface ListingReader {

  /** The listings matching {@code query}, one page of them, with the total match count. */
  ListingPage search(ListingQuery query);

  /** The listing, deleted or not. */
  Optional<Listing> find(ListingKey key);

  /**
   * The stored listings among {@code keys}, deleted or not, in no particular order; keys not stored
   * are left out.
   */
  List<Listing> findAll(Collection<ListingKey> keys);

  /** The listing's most recent applied events, newest first, at most {@code limit}. */
  List<HistoryEntry> history(ListingKey key, int limit);

  /**
   * The listing, deleted or not, with at most {@code historyLimit} of its most recent events, read
   * so that they agree (the newest event is the listing's last); empty when there is no such
   * listing.
   */
  Optional<ListingDetail> detail(ListingKey key, int historyLimit);
}
