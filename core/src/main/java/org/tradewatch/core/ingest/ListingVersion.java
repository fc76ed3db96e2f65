package org.tradewatch.core.ingest;

import java.time.Instant;
import java.util.Objects;
import org.tradewatch.core.listing.EventDigest;
import org.tradewatch.core.listing.ListingState;

/**
 * The part of a stored listing the ingest rules compare against: which event last changed it, and
 * whether it is deleted.
 *
 * @param lastEvent the digest of the id of the event last applied
 * @param lastEventAt that event's upstream time
 * @param deletedAt when it was deleted, or null while live
 */
public record ListingVersion(EventDigest lastEvent, Instant lastEventAt, Instant deletedAt) {

  public ListingVersion {
    Objects.requireNonNull(lastEvent, "lastEvent");
    Objects.requireNonNull(lastEventAt, "lastEventAt");
  }

  /** The version of a listing whose last event has the id {@code lastEventId}. */
  public ListingVersion(String lastEventId, Instant lastEventAt, Instant deletedAt) {
    this(
        EventDigest.of(Objects.requireNonNull(lastEventId, "lastEventId")), lastEventAt, deletedAt);
  }

  /** The version of a held state. */
  public static ListingVersion of(ListingState state) {
    return new ListingVersion(state.lastEvent(), state.lastEventAt(), state.deletedAt());
  }

  /** Whether {@code eventId} is the event last applied. */
  public boolean isLastEvent(String eventId) {
    return lastEvent.matches(eventId);
  }

  public boolean deleted() {
    return deletedAt != null;
  }
}
