package org.tradewatch.persistence.listing;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;
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
public class ListingEntity {

  // Display columns are cut to these lengths (the payload column keeps the upstream text whole),
  // because one over-long name must not make a whole batch of 500 events fail.
  static final int ITEM_NAME_LENGTH = 512;
  static final int SHORT_TEXT_LENGTH = 64;
  static final int NAME_LENGTH = 256;
  static final int URL_LENGTH = 2048;
  static final int DETAILS_LENGTH = 4000;
  static final int EVENT_ID_LENGTH = 128;
  static final int CURRENCIES_LENGTH = 4000;

  /** The longest payload kept: H2's longest text that is stored in its row. */
  static final int PAYLOAD_LENGTH = 1_000_000;

  /** Digits for listing values: fractional refined metal needs scale, prices need range. */
  static final int VALUE_PRECISION = 38;

  static final int VALUE_SCALE = 12;

  @Id
  @Column(name = "source", length = 16)
  String source;

  @Id
  @Column(name = "listing_id", length = ListingKey.MAX_ID_LENGTH)
  String listingId;

  @Column(name = "appid")
  Integer appid;

  @Column(name = "item_name", length = ITEM_NAME_LENGTH)
  String itemName;

  @Column(name = "quality", length = SHORT_TEXT_LENGTH)
  String quality;

  @Column(name = "quality_color", length = SHORT_TEXT_LENGTH)
  String qualityColor;

  @Column(name = "particle", length = NAME_LENGTH)
  String particle;

  @Column(name = "wear", length = NAME_LENGTH)
  String wear;

  @Column(name = "image_url", length = URL_LENGTH)
  String imageUrl;

  @Column(name = "intent", length = 8)
  String intent;

  @Column(name = "currencies", length = CURRENCIES_LENGTH)
  String currencies;

  @Column(name = "value_amount", precision = VALUE_PRECISION, scale = VALUE_SCALE)
  BigDecimal value;

  @Column(name = "value_unit", length = SHORT_TEXT_LENGTH)
  String valueUnit;

  @Column(name = "seller_id", length = SHORT_TEXT_LENGTH)
  String sellerId;

  @Column(name = "seller_name", length = NAME_LENGTH)
  String sellerName;

  @Column(name = "details", length = DETAILS_LENGTH)
  String details;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "listed_at")
  Instant listedAt;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "bumped_at")
  Instant bumpedAt;

  // Not a LOB, as in the log (ListingEventEntity); ListingSchema converts an earlier release's.
  @Column(name = "payload", length = PAYLOAD_LENGTH, nullable = false)
  String payload;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "deleted_at")
  Instant deletedAt;

  @Column(name = "last_event_id", length = EVENT_ID_LENGTH, nullable = false)
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
            .build();
    return new Listing(snapshot, updatedAt, deletedAt, lastEventId, lastEventAt);
  }
}
