package org.tradewatch.core.ingest;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.tradewatch.core.listing.ListingKey;

/**
 * Write port over the listing store; the persistence module implements it.
 *
 * <p>{@link #ingest} is the one write path for stream events: inside a single transaction the store
 * loads what the planner needs, asks the planner, and writes the plan. Either all of a batch is
 * stored or none of it.
 */
public interface ListingStore {

  /** What the planner is given about the batch's listings, loaded inside the transaction. */
  interface Planner {
    /**
     * @param current stored versions of the batch's listings (absent keys are not stored)
     * @param appliedEventIds those of the batch's event ids that were already applied
     */
    IngestPlan plan(Map<ListingKey, ListingVersion> current, Set<String> appliedEventIds);
  }

  /**
   * Runs one ingest transaction for the given keys and event ids.
   *
   * @param keys the listings the batch touches
   * @param eventIds the batch's event ids
   * @param planner decides what to write from what is stored
   * @return the plan that was written
   */
  IngestPlan ingest(Collection<ListingKey> keys, Collection<String> eventIds, Planner planner);

  /** Deletes history entries of events older than {@code cutoff}; returns how many. */
  int purgeHistory(Instant cutoff);
}
