package org.tradewatch.persistence.watch;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.tradewatch.core.account.AccountRules;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.listing.StoreLimits;
import org.tradewatch.core.watch.Alert;
import org.tradewatch.core.watch.Ids;
import org.tradewatch.persistence.EpochMicrosConverter;

/**
 * One alert, with what the listing was when it matched (the listing changes and goes on; the alert
 * says what the trader was told). Indexed by owner and time, which every read of a user's alerts
 * asks, and by time alone, which the purge of old alerts asks.
 */
@Entity
@Table(
    name = "watch_alert",
    indexes = {
      @Index(name = "watch_alert_owner_at", columnList = "owner_key,created_at"),
      @Index(name = "watch_alert_at", columnList = "created_at")
    })
public class AlertEntity {

  @Id
  @Column(name = "id", length = Ids.LENGTH)
  String id;

  @Column(name = "owner_key", length = AccountRules.USERNAME_MAX, nullable = false)
  String owner;

  @Column(name = "watch_id", length = Ids.LENGTH, nullable = false)
  String watchId;

  @Column(name = "source", length = 16, nullable = false)
  String source;

  @Column(name = "listing_id", length = ListingKey.MAX_ID_LENGTH, nullable = false)
  String listingId;

  @Column(name = "item_key", length = ItemKey.MAX_ID_LENGTH)
  String itemKey;

  @Column(name = "item_name", length = StoreLimits.ITEM_NAME_LENGTH)
  String itemName;

  @Column(name = "quality", length = StoreLimits.QUALITY_LENGTH)
  String quality;

  @Column(name = "intent", length = 8)
  String intent;

  @Column(
      name = "value_amount",
      precision = StoreLimits.VALUE_PRECISION,
      scale = StoreLimits.VALUE_SCALE)
  BigDecimal value;

  @Column(name = "value_unit", length = StoreLimits.VALUE_UNIT_LENGTH, nullable = false)
  String valueUnit;

  @Column(name = "reason", length = 8, nullable = false)
  String reason;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "created_at", nullable = false)
  Instant at;

  @Column(name = "is_read", nullable = false)
  boolean read;

  protected AlertEntity() {}

  AlertEntity(Alert alert) {
    id = alert.id();
    owner = alert.owner();
    watchId = alert.watchId();
    source = alert.listing().source().id();
    listingId = alert.listing().id();
    itemKey = alert.item() == null ? null : alert.item().id();
    itemName = alert.itemName();
    quality = alert.quality();
    intent = alert.intent() == null ? null : alert.intent().id();
    value = alert.value();
    valueUnit = alert.valueUnit();
    reason = alert.reason().id();
    at = alert.at();
    read = alert.read();
  }

  Alert toAlert() {
    return new Alert(
        id,
        owner,
        watchId,
        new ListingKey(Source.fromId(source), listingId),
        itemKey == null ? null : ItemKey.parse(itemKey),
        itemName,
        quality,
        intent == null ? null : Intent.fromId(intent),
        value,
        valueUnit,
        Alert.Reason.fromId(reason),
        at,
        read);
  }
}
