package org.tradewatch.persistence.listing;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.MappedSuperclass;
import java.math.BigDecimal;
import java.time.Instant;
import org.tradewatch.core.listing.StoreLimits;
import org.tradewatch.persistence.EpochMicrosConverter;

/**
 * A listing's state as both the log ({@link ListingEventEntity}) and the checkpoint table ({@link
 * ListingEntity}) hold it, column for column; each adds its key and its payload column, which H2
 * keeps in the row in the log and apart from it in the checkpoint table.
 */
@MappedSuperclass
abstract class ListingColumns {

  // The limits are core's (StoreLimits): the decoders refuse or cut what exceeds them, so every
  // event they pass fits these columns.

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

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "deleted_at")
  Instant deletedAt;
}
