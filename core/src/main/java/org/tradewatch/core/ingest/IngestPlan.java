package org.tradewatch.core.ingest;

import java.util.List;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;

/**
 * What one batch of events does to the store, decided by {@link IngestPlanner}: the listings to
 * write (inserted or replaced whole) and the history entries to append, plus what was skipped.
 *
 * @param writes listings to insert or replace, at most one per key
 * @param history one entry per applied event
 * @param applied events applied
 * @param superseded events skipped because a later event for the same listing stood in the batch
 * @param duplicates events skipped because their id was applied before
 * @param stale events skipped because the stored listing was changed by a newer event
 */
public record IngestPlan(
    List<Listing> writes,
    List<HistoryEntry> history,
    int applied,
    int superseded,
    int duplicates,
    int stale) {

  public IngestPlan {
    writes = List.copyOf(writes);
    history = List.copyOf(history);
  }

  public static IngestPlan empty() {
    return new IngestPlan(List.of(), List.of(), 0, 0, 0, 0);
  }
}
