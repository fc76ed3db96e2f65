package org.tradewatch.persistence.listing;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.EpochMicrosConverter;

/**
 * One applied event of a listing. The unique event id is what ingest asks for to find duplicates; a
 * surrogate id from a sequence keeps the rows narrow (IDENTITY is not an option: EclipseLink's DDL
 * for it is rejected by H2 2.x).
 */
@Entity
@Table(
    name = "listing_history",
    // A unique index rather than a unique constraint: EclipseLink adds constraints with ALTER
    // TABLE on every start, which fails with a logged stack trace once the table exists.
    indexes = {
      @Index(name = "uq_listing_history_event", columnList = "event_id", unique = true),
      @Index(name = "ix_listing_history_listing", columnList = "source, listing_id, event_at"),
      @Index(name = "ix_listing_history_event_at", columnList = "event_at")
    })
public class HistoryEntity {

  /** Ids handed out per sequence round trip: a frame appends up to 500 entries at once. */
  static final int ID_ALLOCATION = 1000;

  @Id
  @SequenceGenerator(
      name = "listing_history_seq",
      sequenceName = "listing_history_seq",
      allocationSize = ID_ALLOCATION)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "listing_history_seq")
  @Column(name = "id")
  Long id;

  @Column(name = "source", length = 16, nullable = false)
  String source;

  @Column(name = "listing_id", length = ListingKey.MAX_ID_LENGTH, nullable = false)
  String listingId;

  @Column(name = "event_id", length = ListingEntity.EVENT_ID_LENGTH, nullable = false)
  String eventId;

  @Column(name = "event_type", length = 8, nullable = false)
  String type;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "event_at", nullable = false)
  Instant eventAt;

  @Column(
      name = "value_amount",
      precision = ListingEntity.VALUE_PRECISION,
      scale = ListingEntity.VALUE_SCALE)
  BigDecimal value;

  @Column(name = "value_unit", length = ListingEntity.SHORT_TEXT_LENGTH)
  String valueUnit;

  protected HistoryEntity() {}

  HistoryEntity(HistoryEntry entry) {
    source = entry.key().source().id();
    listingId = entry.key().id();
    eventId = entry.eventId();
    type = entry.type().id();
    eventAt = entry.eventAt();
    value = entry.value();
    valueUnit = Text.fit(entry.valueUnit(), ListingEntity.SHORT_TEXT_LENGTH);
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
