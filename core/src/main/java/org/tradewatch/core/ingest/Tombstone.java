package org.tradewatch.core.ingest;

import java.time.Instant;
import java.util.Objects;
import org.tradewatch.core.listing.ListingKey;

/**
 * Marks a stored listing deleted without replacing what is stored of it: the result of a delete
 * event that names a listing without describing it (skinshark's {@code market.remove}).
 *
 * @param key the listing
 * @param eventId the delete event's id, to store as the listing's last event
 * @param eventAt that event's upstream time
 * @param deletedAt the deletion time to store
 * @param updatedAt when Tradewatch applied it
 */
public record Tombstone(
    ListingKey key, String eventId, Instant eventAt, Instant deletedAt, Instant updatedAt) {

  public Tombstone {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventAt, "eventAt");
    Objects.requireNonNull(deletedAt, "deletedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
