package org.tradewatch.core.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;

/**
 * Write port over the durable record of listings, which the persistence module implements: an
 * append-only log in which every applied event adds one row holding the listing's whole state after
 * it, plus a checkpoint table of each listing's latest state that start-up reads instead of the
 * whole log.
 *
 * <p>Appending is the only thing ingest writes: no row is updated in place and the log carries no
 * search index, since every index and every in-place update is paid for by each event. What ingest
 * checks events against comes from the market model, not from here.
 */
public interface ListingStore {

  /** What a log row records. */
  enum Kind {
    /** An upstream event that created, changed or revived the listing. */
    UPDATE,
    /** An upstream event that deleted it. */
    DELETE,
    /**
     * A listing a fresh snapshot of its source no longer holds, marked deleted by Tradewatch: not
     * an upstream event, so it keeps the listing's last event and is left out of its history.
     */
    SWEEP
  }

  /**
   * One row to append: a listing's whole state after an event.
   *
   * @param key the listing
   * @param kind what the row records
   * @param eventId the upstream event's id; null for a sweep, which keeps the previous row's
   * @param eventAt that event's upstream time; null for a sweep
   * @param snapshot the listing as the event describes it; null keeps the previous row's (a delete
   *     that only names the listing, or a sweep)
   * @param updatedAt when Tradewatch applied it
   * @param deletedAt when the listing was deleted, or null while live
   * @param previousSeq the listing's previous row, or 0 when it has none (a new listing, or one
   *     stored before the log existed, whose state is in the checkpoint table)
   */
  record LogEntry(
      ListingKey key,
      Kind kind,
      String eventId,
      Instant eventAt,
      ListingSnapshot snapshot,
      Instant updatedAt,
      Instant deletedAt,
      long previousSeq) {

    public LogEntry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(updatedAt, "updatedAt");
      if (kind == Kind.SWEEP) {
        if (eventId != null || eventAt != null || snapshot != null || deletedAt == null) {
          throw new IllegalArgumentException(
              "a sweep keeps the previous row's event and snapshot and sets deletedAt");
        }
      } else {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventAt, "eventAt");
      }
      if (kind == Kind.UPDATE && snapshot == null) {
        throw new IllegalArgumentException("an update must carry the listing");
      }
      if (snapshot != null && !snapshot.key().equals(key)) {
        throw new IllegalArgumentException("snapshot of " + snapshot.key() + " logged for " + key);
      }
    }
  }

  /**
   * Appends the entries in one transaction, fenced by {@code lease}: the transaction also checks,
   * and records in the lease, that the lease is still this one, so a holder that was taken over
   * stores nothing.
   *
   * @param source the source every entry is of
   * @param entries the rows, in order
   * @param lease the lease the consumer runs under, or null for an unfenced write
   * @return each entry's position in the log, in order, each greater than every position the
   *     source's earlier appends returned
   * @throws org.tradewatch.core.cluster.LeaseLostException when another instance took the lease
   *     over (nothing was written)
   */
  long[] append(Source source, List<LogEntry> entries, Lease lease);

  /**
   * Of the given event ids, those that were applied before, each to the listing whose held state is
   * given with it: asked only of events that are not newer than their listing's last one, which a
   * live stream rarely sends (replays after a reconnect, repeated frames).
   */
  Set<String> applied(Map<String, ListingState> candidates);

  /**
   * Writes the states into the checkpoint table, by key, where they are newer than what it holds,
   * and records that the source's log is folded in up to {@code upTo}: start-up then reads the
   * table and only the log after it.
   *
   * @param latest the source's states changed since its last checkpoint, each its listing's latest
   * @param upTo the position up to which every change of the source is in {@code latest}
   */
  void checkpoint(Source source, List<ListingState> latest, long upTo);

  /** Where the source's last checkpoint stands: its log is folded in up to here (0 for none). */
  long checkpointSeq(Source source);

  /**
   * Deletes history older than {@code cutoff}: log rows applied before it that a checkpoint has
   * folded in; returns how many.
   */
  int purgeHistory(Instant cutoff);
}
