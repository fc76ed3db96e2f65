package org.tradewatch.persistence.listing;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.StoreLimits;
import org.tradewatch.persistence.EpochMicrosConverter;

/**
 * One row of the listing log: a listing's whole state after one applied event, keyed by its
 * position in the log ({@code seq}, from a database sequence), with a pointer to the listing's
 * previous row. Rows are only ever appended (and, past the retention and a checkpoint, deleted), so
 * writing one touches the end of the primary key and nothing else; the table has no other index,
 * and a listing's history is its chain of previous rows. Mapped so that the table is created and
 * extended with the others; {@link ListingLogRows} reads and writes it with plain JDBC.
 */
@Entity
@Table(name = "listing_event")
public class ListingEventEntity {

  @Id
  @Column(name = "seq")
  long seq;

  /** The listing's previous row, or 0 when it has none in the log. */
  @Column(name = "prev_seq", nullable = false)
  long previousSeq;

  @Column(name = "source", length = 16, nullable = false)
  String source;

  @Column(name = "listing_id", length = ListingKey.MAX_ID_LENGTH, nullable = false)
  String listingId;

  /** {@code update}, {@code delete} or {@code sweep} (see ListingStore.Kind). */
  @Column(name = "event_kind", length = 8, nullable = false)
  String kind;

  @Column(name = "event_id", length = StoreLimits.EVENT_ID_LENGTH, nullable = false)
  String eventId;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "event_at", nullable = false)
  Instant eventAt;

  @Column(name = "appid")
  Integer appid;

  @Column(name = "item_name", length = StoreLimits.ITEM_NAME_LENGTH)
  String itemName;

  @Column(name = "quality", length = StoreLimits.QUALITY_LENGTH)
  String quality;

  @Column(name = "quality_color", length = StoreLimits.QUALITY_COLOR_LENGTH)
  String qualityColor;

  @Column(name = "particle", length = StoreLimits.PARTICLE_LENGTH)
  String particle;

  @Column(name = "wear", length = StoreLimits.WEAR_LENGTH)
  String wear;

  // What the item key needs beyond the name, quality, effect and wear (ItemKey.of).
  @Column(name = "craftable")
  Boolean craftable;

  @Column(name = "killstreak_tier")
  Integer killstreakTier;

  @Column(name = "australium")
  Boolean australium;

  @Column(name = "festivized")
  Boolean festivized;

  @Column(name = "stattrak")
  Boolean stattrak;

  @Column(
      name = "suggested",
      precision = StoreLimits.VALUE_PRECISION,
      scale = StoreLimits.VALUE_SCALE)
  BigDecimal suggested;

  @Column(name = "image_url", length = StoreLimits.IMAGE_URL_LENGTH)
  String imageUrl;

  @Column(name = "intent", length = 8)
  String intent;

  @Column(name = "currencies", length = StoreLimits.CURRENCIES_LENGTH)
  String currencies;

  @Column(
      name = "value_amount",
      precision = StoreLimits.VALUE_PRECISION,
      scale = StoreLimits.VALUE_SCALE)
  BigDecimal value;

  @Column(name = "value_unit", length = StoreLimits.VALUE_UNIT_LENGTH)
  String valueUnit;

  @Column(name = "seller_id", length = StoreLimits.SELLER_ID_LENGTH)
  String sellerId;

  @Column(name = "seller_name", length = StoreLimits.SELLER_NAME_LENGTH)
  String sellerName;

  @Column(name = "details", length = StoreLimits.DETAILS_LENGTH)
  String details;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "listed_at")
  Instant listedAt;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "bumped_at")
  Instant bumpedAt;

  // Not a LOB: H2 keeps a LOB apart from its row, which made appending a row 3-4 times slower and
  // reading a page of rows 5-10 times slower (docs/performance.md).
  @Column(name = "payload", length = StoreLimits.PAYLOAD_LENGTH, nullable = false)
  String payload;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "deleted_at")
  Instant deletedAt;

  protected ListingEventEntity() {}
}
