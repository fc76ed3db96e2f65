package org.tradewatch.core.listing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One applied event in a listing's compact history.
 *
 * @param key the listing
 * @param eventId the upstream event id
 * @param type update or delete
 * @param eventAt the event's upstream time
 * @param value the listing's value after the event (null when unknown)
 * @param valueUnit the unit of {@code value}
 */
public record HistoryEntry(
    ListingKey key,
    String eventId,
    HistoryEntry.Type type,
    Instant eventAt,
    BigDecimal value,
    String valueUnit) {

  /** What the event did to the listing. */
  public enum Type {
    UPDATE("update"),
    DELETE("delete");

    private final String id;

    Type(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  public HistoryEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(eventAt, "eventAt");
  }
}
