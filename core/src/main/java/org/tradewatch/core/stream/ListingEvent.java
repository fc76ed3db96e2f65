package org.tradewatch.core.stream;

import java.time.Instant;
import java.util.Objects;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.StoreLimits;

/**
 * One decoded upstream event about one listing.
 *
 * @param eventId the upstream's unique event id, at most {@link StoreLimits#EVENT_ID_LENGTH} chars
 * @param eventAt the upstream's time for the event: the ordering key
 * @param type whether the listing was created/updated or deleted
 * @param key the listing it concerns
 * @param snapshot the listing as the event describes it; null only for a delete that names the
 *     listing without describing it
 */
public record ListingEvent(
    String eventId, Instant eventAt, Type type, ListingKey key, ListingSnapshot snapshot) {

  /** What happened to the listing. */
  public enum Type {
    UPDATE,
    DELETE
  }

  public ListingEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventAt, "eventAt");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    if (eventId.isEmpty() || eventId.length() > StoreLimits.EVENT_ID_LENGTH) {
      throw new IllegalArgumentException(
          "event id must have 1 to "
              + StoreLimits.EVENT_ID_LENGTH
              + " chars, had "
              + eventId.length());
    }
    if (snapshot == null && type == Type.UPDATE) {
      throw new IllegalArgumentException("an update must carry the listing it updates");
    }
    if (snapshot != null && !snapshot.key().equals(key)) {
      throw new IllegalArgumentException(
          "event key " + key + " differs from its snapshot's key " + snapshot.key());
    }
  }
}
