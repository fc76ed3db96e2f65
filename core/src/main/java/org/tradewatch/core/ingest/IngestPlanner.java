package org.tradewatch.core.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.stream.ListingEvent;

/**
 * The ingest rules: decides what one batch of events does to the stored listings. A pure function
 * of the batch, what is stored and the time, so the store can run it inside its transaction.
 *
 * <p>The plan is what applying the events one at a time in arrival order would leave behind, with
 * one write per listing:
 *
 * <ul>
 *   <li>An event whose id was applied before, is the stored listing's last event, or already stood
 *       earlier in the batch is a <em>duplicate</em>.
 *   <li>An event strictly older than the listing's last applied event (stored, or applied earlier
 *       in the batch) is <em>stale</em>. Equal times apply: upstream times have one-second
 *       resolution, so two real changes can share one.
 *   <li>Of the remaining events of a listing the last to arrive wins; the others are
 *       <em>superseded</em>. So when a listing's last event in the batch is stale, the latest event
 *       that is not applies instead, and the outcome does not depend on how frames were grouped
 *       into batches.
 *   <li>An event that was applied before (not merely repeated within the batch) stands for what is
 *       stored: the events of that listing that arrived before it are superseded by it, not
 *       applied. Otherwise replaying a group whose last event was applied would apply the events it
 *       superseded the first time (they share its second and left no history), moving the listing
 *       back.
 *   <li>An update writes the whole listing, live: a later update revives a deleted listing.
 *   <li>A delete that carries the listing writes it deleted, keeping the data; the deletion time is
 *       the stored one if the listing was already deleted, else now.
 *   <li>A delete that only names the listing marks the stored listing deleted (a {@link
 *       Tombstone}), or, if an earlier event in the batch carried the listing, writes that listing
 *       deleted. A delete of a listing that is neither stored nor carried is an <em>unknown
 *       delete</em>: a no-op.
 *   <li>Each applied event gets one history entry with the value the listing has after it (null for
 *       a tombstone, whose stored value the planner does not see).
 * </ul>
 */
public final class IngestPlanner {

  private IngestPlanner() {}

  /**
   * Plans one batch.
   *
   * @param events the batch, in arrival order
   * @param current stored versions of the batch's listings (absent keys are not stored)
   * @param appliedEventIds those of the batch's event ids that were applied before
   * @param now when Tradewatch applies the batch: the updated time, and the deletion time of
   *     listings deleted by it
   */
  public static IngestPlan plan(
      List<ListingEvent> events,
      Map<ListingKey, ListingVersion> current,
      Set<String> appliedEventIds,
      Instant now) {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(appliedEventIds, "appliedEventIds");
    Objects.requireNonNull(now, "now");

    Map<ListingKey, Chain> chains = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    int superseded = 0;
    int duplicates = 0;
    int stale = 0;
    int unknownDeletes = 0;
    for (int arrival = 0; arrival < events.size(); arrival++) {
      ListingEvent event = Objects.requireNonNull(events.get(arrival), "event in the batch");
      Chain chain = chains.computeIfAbsent(event.key(), key -> new Chain(current.get(key)));
      boolean firstInBatch = seen.add(event.eventId());
      if (!firstInBatch) {
        duplicates++;
      } else if (appliedEventIds.contains(event.eventId())
          || chain.isStoredLastEvent(event.eventId())) {
        duplicates++;
        if (chain.winner != null) {
          superseded++;
        }
        chain.backToStored(event.eventAt());
      } else if (chain.lastEventAt != null && event.eventAt().isBefore(chain.lastEventAt)) {
        stale++;
      } else if (event.snapshot() == null && !chain.exists) {
        unknownDeletes++;
      } else {
        if (chain.winner != null) {
          superseded++;
        }
        chain.apply(event, arrival, now);
      }
    }

    List<Chain> applied = new ArrayList<>(chains.size());
    for (Chain chain : chains.values()) {
      if (chain.winner != null) {
        applied.add(chain);
      }
    }
    applied.sort(Comparator.comparingInt(chain -> chain.arrival));

    List<Listing> writes = new ArrayList<>(applied.size());
    List<Tombstone> tombstones = new ArrayList<>(0);
    List<HistoryEntry> history = new ArrayList<>(applied.size());
    for (Chain chain : applied) {
      ListingEvent winner = chain.winner;
      HistoryEntry.Type type =
          winner.type() == ListingEvent.Type.UPDATE
              ? HistoryEntry.Type.UPDATE
              : HistoryEntry.Type.DELETE;
      if (chain.snapshot != null) {
        writes.add(
            new Listing(chain.snapshot, now, chain.deletedAt, winner.eventId(), winner.eventAt()));
        history.add(
            new HistoryEntry(
                winner.key(),
                winner.eventId(),
                type,
                winner.eventAt(),
                chain.snapshot.value(),
                chain.snapshot.valueUnit()));
      } else {
        tombstones.add(
            new Tombstone(winner.key(), winner.eventId(), winner.eventAt(), chain.deletedAt, now));
        history.add(
            new HistoryEntry(winner.key(), winner.eventId(), type, winner.eventAt(), null, null));
      }
    }
    return new IngestPlan(
        writes, tombstones, history, applied.size(), superseded, duplicates, stale, unknownDeletes);
  }

  /** One listing's state as the batch's events are applied to it in turn. */
  private static final class Chain {
    private final ListingVersion stored;

    /** Whether the listing is stored or was carried by an event applied earlier in the batch. */
    private boolean exists;

    /** The newest snapshot applied in the batch; null while only the stored one is known. */
    private ListingSnapshot snapshot;

    private Instant deletedAt;
    private Instant lastEventAt;
    private ListingEvent winner;
    private int arrival;

    Chain(ListingVersion stored) {
      this.stored = stored;
      backToStored(null);
    }

    /**
     * Forgets what the batch applied so far: an event that was applied before says the store
     * already holds its effect and, by arrival order, the effect of everything before it.
     */
    void backToStored(Instant appliedEventAt) {
      winner = null;
      snapshot = null;
      exists = stored != null;
      deletedAt = stored == null ? null : stored.deletedAt();
      lastEventAt = stored == null ? null : stored.lastEventAt();
      if (appliedEventAt != null && (lastEventAt == null || appliedEventAt.isAfter(lastEventAt))) {
        lastEventAt = appliedEventAt;
      }
    }

    boolean isStoredLastEvent(String eventId) {
      return stored != null && stored.isLastEvent(eventId);
    }

    void apply(ListingEvent event, int arrival, Instant now) {
      this.winner = event;
      this.arrival = arrival;
      this.lastEventAt = event.eventAt();
      if (event.snapshot() != null) {
        snapshot = event.snapshot();
        exists = true;
      }
      if (event.type() == ListingEvent.Type.UPDATE) {
        deletedAt = null;
      } else if (deletedAt == null) {
        // A repeated delete keeps the first deletion time.
        deletedAt = now;
      }
    }
  }
}
