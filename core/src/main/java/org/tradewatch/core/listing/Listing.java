package org.tradewatch.core.listing;

import java.time.Instant;
import java.util.Objects;

/**
 * A listing as Tradewatch stores it: the latest snapshot applied, when Tradewatch last changed it,
 * whether it is deleted, and which upstream event made it so.
 *
 * @param snapshot what upstream last said of it
 * @param updatedAt when Tradewatch last applied an event to it
 * @param deletedAt when it was deleted (null while live); deleted listings are kept
 * @param lastEventId the id of the event last applied
 * @param lastEventAt that event's upstream time (the ordering key: older events are skipped)
 */
public record Listing(
    ListingSnapshot snapshot,
    Instant updatedAt,
    Instant deletedAt,
    String lastEventId,
    Instant lastEventAt) {

  public Listing {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(lastEventId, "lastEventId");
    Objects.requireNonNull(lastEventAt, "lastEventAt");
  }

  public ListingKey key() {
    return snapshot.key();
  }

  public boolean deleted() {
    return deletedAt != null;
  }
}
