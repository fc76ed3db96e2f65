package org.tradewatch.core.ingest;

import java.util.List;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;

/**
 * What one batch of events does to the store, decided by {@link IngestPlanner}: the listings to
 * write (inserted or replaced whole), the stored listings to mark deleted in place, and the history
 * entries to append, plus what was skipped.
 *
 * @param writes listings to insert or replace whole, at most one per key
 * @param tombstones stored listings to mark deleted, keeping the rest of what is stored; never a
 *     key that is also in {@code writes}
 * @param history one entry per applied event
 * @param applied events applied
 * @param superseded events skipped because a later event for the same listing stood in the batch
 * @param duplicates events skipped because their id was applied before
 * @param stale events skipped because the stored listing was changed by a newer event
 * @param unknownDeletes snapshot-less deletes of listings that are not stored (no-ops)
 */
public record IngestPlan(
    List<Listing> writes,
    List<Tombstone> tombstones,
    List<HistoryEntry> history,
    int applied,
    int superseded,
    int duplicates,
    int stale,
    int unknownDeletes) {

  public IngestPlan {
    writes = List.copyOf(writes);
    tombstones = List.copyOf(tombstones);
    history = List.copyOf(history);
  }

  public static IngestPlan empty() {
    return new IngestPlan(List.of(), List.of(), List.<HistoryEntry>of(), 0, 0, 0, 0, 0);
  }

  /** Events that were looked at but not applied. */
  public int skipped() {
    return superseded + duplicates + stale + unknownDeletes;
  }
}
