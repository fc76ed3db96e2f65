package org.tradewatch.persistence.listing;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.listing.StoreLimits;
import org.tradewatch.persistence.EpochMicrosConverter;

/**
 * One listing as the last checkpoint folded it in from the log ({@link ListingEventEntity}): the
 * table start-up reads, and where a listing whose log rows are past the retention is read from.
 * Written and read by its primary key alone, and only by the checkpoint, never by ingest.
 * Enumerations are stored by their API ids ({@code bptf}, {@code sell}) so the table reads the same
 * as the REST output and survives reordering of the Java enums.
 */
@Entity
@IdClass(ListingId.class)
// No index but the primary key: see ListingSchema, which also retires earlier releases' indexes.
@Table(name = "listing")
public class ListingEntity extends ListingColumns {

  @Id
  @Column(name = "source", length = 16)
  String source;

  @Id
  @Column(name = "listing_id", length = ListingKey.MAX_ID_LENGTH)
  String listingId;

  // A LOB here, unlike in the log: H2 keeps it apart from the row, so start-up's scan of this table
  // reads the few columns the model needs without deserialising every payload (about 2.5 times
  // faster over 300,000 rows); the payload is read only for a listing whose log rows are gone.
  @Lob
  @Column(name = "payload", nullable = false)
  String payload;

  @Column(name = "last_event_id", length = StoreLimits.EVENT_ID_LENGTH, nullable = false)
  String lastEventId;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "last_event_at", nullable = false)
  Instant lastEventAt;

  /** The log row this state was folded in from; null for listings stored before the log. */
  @Column(name = "last_seq")
  Long lastSeq;

  protected ListingEntity() {}

  ListingEntity(ListingKey key) {
    this.source = key.source().id();
    this.listingId = key.id();
  }

  ListingKey key() {
    return new ListingKey(Source.fromId(source), listingId);
  }

  Listing toListing() {
    ListingSnapshot snapshot =
        ListingSnapshot.builder(key())
            .appid(appid)
            .itemName(itemName)
            .quality(quality)
            .qualityColor(qualityColor)
            .particle(particle)
            .wear(wear)
            .imageUrl(imageUrl)
            .intent(intent == null ? null : Intent.fromId(intent))
            .currencies(CurrenciesJson.decode(currencies))
            .value(Text.plain(value))
            .valueUnit(valueUnit)
            .sellerId(sellerId)
            .sellerName(sellerName)
            .details(details)
            .listedAt(listedAt)
            .bumpedAt(bumpedAt)
            .payload(payload)
            .craftable(craftable)
            .killstreakTier(killstreakTier)
            .australium(australium)
            .festivized(festivized)
            .stattrak(stattrak)
            .suggested(Text.plain(suggested))
            .build();
    return new Listing(snapshot, updatedAt, deletedAt, lastEventId, lastEventAt);
  }
}
