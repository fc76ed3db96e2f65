package org.tradewatch.core.listing;

import java.util.List;
import java.util.function.Consumer;

/**
 * Read port over the durable record of listings (the persistence module implements it): whole
 * listings and their history for the states the market model holds, and the states themselves to
 * build or catch up a model.
 */
public interface ListingRecords {

  /** A listing as one log row stored it, with the row's position. */
  record Logged(Listing listing, long seq) {
    public ListingState state() {
      return ListingState.of(listing, seq);
    }
  }

  /**
   * The whole listings of the given states, in the same order; a state whose listing is not stored
   * is left out.
   */
  List<Listing> load(List<ListingState> states);

  /** The listing's most recent applied events up to its held state, newest first. */
  List<HistoryEntry> history(ListingState state, int limit);

  /**
   * Hands every stored listing's latest state to {@code sink}, in batches: the checkpoint table,
   * then each source's log after its checkpoint in log order. A later batch may hold a newer state
   * of a listing an earlier one held.
   */
  void states(Consumer<List<ListingState>> sink);

  /**
   * The source's log rows after {@code seq}, in log order, at most {@code max}: how an instance
   * that does not hold the source's stream catches up with what the holder appended.
   */
  List<Logged> after(Source source, long seq, int max);
}
