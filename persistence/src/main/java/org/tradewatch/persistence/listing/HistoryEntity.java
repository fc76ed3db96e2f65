package org.tradewatch.persistence.listing;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.listing.StoreLimits;
import org.tradewatch.persistence.EpochMicrosConverter;
import org.tradewatch.persistence.InsertionOrder;

/**
 * One applied event of a listing, keyed by its event id: upstream ids are unique (skinshark's are
 * made unique by their prefix), and the key is what ingest asks for to find duplicates. A natural
 * key also spares a database sequence, whose existence check EclipseLink logs as a failure on every
 * fresh database.
 */
@Entity
// Indexes are in ListingIndexes, which brings existing databases up to date too.
@Table(name = "listing_history")
public class HistoryEntity {

  @Id
  @Column(name = "event_id", length = StoreLimits.EVENT_ID_LENGTH, nullable = false)
  String eventId;

  @Column(name = "source", length = 16, nullable = false)
  String source;

  @Column(name = "listing_id", length = ListingKey.MAX_ID_LENGTH, nullable = false)
  String listingId;

  /** Breaks ties between events of the same second: the one applied later comes first. */
  @Column(name = "recorded_seq", nullable = false)
  long recordedSeq;

  @Column(name = "event_type", length = 8, nullable = false)
  String type;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "event_at", nullable = false)
  Instant eventAt;

  @Column(
      name = "value_amount",
      precision = StoreLimits.VALUE_PRECISION,
      scale = StoreLimits.VALUE_SCALE)
  BigDecimal value;

  @Column(name = "value_unit", length = StoreLimits.VALUE_UNIT_LENGTH)
  String valueUnit;

  protected HistoryEntity() {}

  HistoryEntity(HistoryEntry entry) {
    source = entry.key().source().id();
    listingId = entry.key().id();
    eventId = entry.eventId();
    recordedSeq = InsertionOrder.next();
    type = entry.type().id();
    eventAt = entry.eventAt();
    value = entry.value();
    valueUnit = Text.fit(entry.valueUnit(), StoreLimits.VALUE_UNIT_LENGTH);
  }

  HistoryEntry toEntry() {
    return new HistoryEntry(
        new ListingKey(Source.fromId(source), listingId),
        eventId,
        type(type),
        eventAt,
        Text.plain(value),
        valueUnit);
  }

  private static HistoryEntry.Type type(String id) {
    for (HistoryEntry.Type candidate : HistoryEntry.Type.values()) {
      if (candidate.id().equals(id)) {
        return candidate;
      }
    }
    throw new IllegalStateException("unknown history entry type in the database: " + id);
  }
}
