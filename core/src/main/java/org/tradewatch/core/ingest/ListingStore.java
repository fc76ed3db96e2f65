package org.tradewatch.core.ingest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;

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
  default IngestPlan ingest(
      Collection<ListingKey> keys, Collection<String> eventIds, Planner planner) {
    return ingest(keys, eventIds, planner, null);
  }

  /**
   * Runs one ingest transaction, fenced by {@code lease}: the transaction also checks, and records
   * in the lease, that the lease is still this one, so a holder that was taken over stores nothing.
   *
   * @param lease the lease the consumer runs under, or null for an unfenced write
   * @throws org.tradewatch.core.cluster.LeaseLostException when another instance took the lease
   *     over (nothing was written)
   */
  IngestPlan ingest(
      Collection<ListingKey> keys, Collection<String> eventIds, Planner planner, Lease lease);

  /** Deletes history entries of events older than {@code cutoff}; returns how many. */
  int purgeHistory(Instant cutoff);

  /**
   * Marks deleted, in one transaction, every live listing of {@code source} that is not in {@code
   * keep} and was last changed by an event older than {@code before}: what a fresh snapshot taken
   * at {@code before} no longer holds. Listings changed at or after {@code before} (by deltas of
   * the new session) are left alone, so this may run in any order with those deltas.
   *
   * @param source the listings' source
   * @param keep the ids the snapshot holds
   * @param before the snapshot's event time
   * @param deletedAt the deletion time to store (also stored as the updated time)
   * @return the listings marked deleted
   */
  default List<ListingKey> deleteMissing(
      Source source, Collection<String> keep, Instant before, Instant deletedAt) {
    return deleteMissing(source, keep, before, deletedAt, null);
  }

  /**
   * As {@link #deleteMissing(Source, Collection, Instant, Instant)}, fenced by {@code lease} (or
   * unfenced when null) like {@link #ingest(Collection, Collection, Planner, Lease)}.
   */
  List<ListingKey> deleteMissing(
      Source source, Collection<String> keep, Instant before, Instant deletedAt, Lease lease);
}
