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
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.listing.StoreLimits;
import org.tradewatch.core.watch.Ids;
import org.tradewatch.core.watch.PriceBound;
import org.tradewatch.core.watch.Watch;
import org.tradewatch.core.watch.WatchTerms;
import org.tradewatch.persistence.EpochMicrosConverter;

/**
 * One watch. Its id is made by core ({@link Ids}), so no sequence; its owner is an account key,
 * indexed, since every request reads one owner's watches.
 */
@Entity
@Table(
    name = "trader_watch",
    indexes = @Index(name = "trader_watch_owner", columnList = "owner_key"))
public class WatchEntity {

  @Id
  @Column(name = "id", length = Ids.LENGTH)
  String id;

  @Column(name = "owner_key", length = AccountRules.USERNAME_MAX, nullable = false)
  String owner;

  @Column(name = "item_key", length = WatchTerms.MAX_ITEM_KEY_LENGTH)
  String itemKey;

  @Column(name = "name_text", length = WatchTerms.MAX_NAME_LENGTH)
  String name;

  @Column(name = "source", length = 16)
  String source;

  @Column(name = "intent", length = 8)
  String intent;

  @Column(name = "quality", length = WatchTerms.MAX_QUALITY_LENGTH)
  String quality;

  /** {@code atMost} or {@code atLeast}, or null for no bound. */
  @Column(name = "bound_kind", length = 8)
  String boundKind;

  @Column(
      name = "bound_value",
      precision = StoreLimits.VALUE_PRECISION,
      scale = StoreLimits.VALUE_SCALE)
  BigDecimal boundValue;

  @Column(name = "deals_only", nullable = false)
  boolean dealsOnly;

  @Column(name = "paused", nullable = false)
  boolean paused;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  protected WatchEntity() {}

  WatchEntity(Watch watch) {
    id = watch.id();
    owner = watch.owner();
    write(watch);
  }

  /** Everything of {@code watch} but its id and owner. */
  void write(Watch watch) {
    WatchTerms terms = watch.terms();
    itemKey = terms.item() == null ? null : terms.item().id();
    name = terms.name();
    source = terms.source() == null ? null : terms.source().id();
    intent = terms.intent() == null ? null : terms.intent().id();
    quality = terms.quality();
    boundKind = terms.bound() == null ? null : terms.bound().kind().field();
    boundValue = terms.bound() == null ? null : terms.bound().value();
    dealsOnly = terms.dealsOnly();
    paused = watch.paused();
    createdAt = watch.createdAt();
    updatedAt = watch.updatedAt();
  }

  Watch toWatch() {
    PriceBound bound = null;
    if (boundKind != null) {
      PriceBound.Kind kind =
          PriceBound.Kind.AT_MOST.field().equals(boundKind)
              ? PriceBound.Kind.AT_MOST
              : PriceBound.Kind.AT_LEAST;
      bound = new PriceBound(kind, boundValue);
    }
    WatchTerms terms =
        new WatchTerms(
            itemKey == null ? null : ItemKey.parse(itemKey),
            name,
            source == null ? null : Source.fromId(source),
            intent == null ? null : Intent.fromId(intent),
            quality,
            bound,
            dealsOnly);
    return new Watch(id, owner, terms, paused, createdAt, updatedAt);
  }
}
