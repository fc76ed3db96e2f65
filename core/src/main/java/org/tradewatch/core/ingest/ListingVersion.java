package org.tradewatch.core.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * The part of a stored listing the ingest rules compare against: which event last changed it, and
 * whether it is deleted.
 *
 * @param lastEventId the id of the event last applied
 * @param lastEventAt that event's upstream time
 * @param deletedAt when it was deleted, or null while live
 */
public record ListingVersion(String lastEventId, Instant lastEventAt, Instant deletedAt) {

  public ListingVersion {
    Objects.requireNonNull(lastEventId, "lastEventId");
    Objects.requireNonNull(lastEventAt, "lastEventAt");
  }

  public boolean deleted() {
    return deletedAt != null;
  }
}
