package org.tradewatch.core.ingest;

import java.util.List;
import java.util.Map;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.market.MarketChange;

/**
 * What applying one group of frames did: the counts for the stream's status, and the listings
 * written, so the live layer can push them on as deltas without reading them back.
 *
 * @param applied listing events applied
 * @param superseded events skipped because a later event for the same listing stood in the group
 * @param duplicates events skipped because they were applied before
 * @param stale events skipped because the stored listing was changed by a newer event
 * @param unknownDeletes deletes of listings that are not stored (no-ops)
 * @param quarantined frames or events that could not be decoded and were quarantined
 * @param ignored events of other types than listing events, by event name
 * @param writes listings written whole (inserted, replaced, deleted with their data)
 * @param tombstones stored listings marked deleted in place
 * @param changes what the writes and tombstones changed in the market model, before and after, in
 *     the order they were applied
 */
public record IngestResult(
    int applied,
    int superseded,
    int duplicates,
    int stale,
    int unknownDeletes,
    int quarantined,
    Map<String, Integer> ignored,
    List<Listing> writes,
    List<Tombstone> tombstones,
    List<MarketChange> changes) {

  public IngestResult {
    requireNotNegative("applied", applied);
    requireNotNegative("superseded", superseded);
    requireNotNegative("duplicates", duplicates);
    requireNotNegative("stale", stale);
    requireNotNegative("unknownDeletes", unknownDeletes);
    requireNotNegative("quarantined", quarantined);
    ignored = Map.copyOf(ignored);
    writes = List.copyOf(writes);
    tombstones = List.copyOf(tombstones);
    changes = List.copyOf(changes);
  }

  /** The result of a written plan plus what never reached the planner. */
  public static IngestResult of(
      IngestPlan plan, List<MarketChange> changes, int quarantined, Map<String, Integer> ignored) {
    return new IngestResult(
        plan.applied(),
        plan.superseded(),
        plan.duplicates(),
        plan.stale(),
        plan.unknownDeletes(),
        quarantined,
        ignored,
        plan.writes(),
        plan.tombstones(),
        changes);
  }

  /**
   * This result with listings a failed append had committed after all, read back from the log: they
   * are written listings the live layer has not seen yet. Their events were counted when this
   * group's retry found them applied (as duplicates), so the counts stay as they are.
   */
  public IngestResult withRecovered(List<Listing> recovered) {
    List<Listing> all = new java.util.ArrayList<>(recovered);
    all.addAll(writes);
    return new IngestResult(
        applied,
        superseded,
        duplicates,
        stale,
        unknownDeletes,
        quarantined,
        ignored,
        all,
        tombstones,
        changes);
  }

  /** Listing events looked at but not applied (as {@link IngestPlan#skipped()}). */
  public int skipped() {
    return superseded + duplicates + stale + unknownDeletes;
  }

  /** Events of other types, all names together. */
  public int ignoredCount() {
    return ignored.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static void requireNotNegative(String name, int count) {
    if (count < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was " + count);
    }
  }
}
