package org.tradewatch.core.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * The part of a stored listing the ingest rules compare against: which event last changed it.
 *
 * @param lastEventId the id of the event last applied
 * @param lastEventAt that event's upstream time
 * @param deleted whether the listing is currently deleted
 */
public record ListingVersion(String lastEventId, Instant lastEventAt, boolean deleted) {

  public ListingVersion {
    Objects.requireNonNull(lastEventId, "lastEventId");
    Objects.requireNonNull(lastEventAt, "lastEventAt");
  }
}
