package org.tradewatch.core.market;

import java.math.BigDecimal;
import java.time.Instant;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.EventDigest;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.PriceUnit;
import org.tradewatch.core.listing.Source;

/** Listing states for tests, built field by field. */
final class States {

  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  static ListingKey bptf(String id) {
    return new ListingKey(Source.BPTF, id);
  }

  static ListingKey skinshark(String id) {
    return new ListingKey(Source.SKINSHARK, id);
  }

  static Builder state(ListingKey key) {
    return new Builder(key);
  }

  /** A state of {@code key} named {@code name}, valued {@code value}, updated at T0 + second. */
  static ListingState at(ListingKey key, String name, String value, int second, long seq) {
    return state(key).name(name).value(value).updated(T0.plusSeconds(second)).seq(seq).build();
  }

  static final class Builder {
    private final ListingKey key;
    private Integer appid = 440;
    private String name = "Item";
    private String quality;
    private Intent intent = Intent.SELL;
    private BigDecimal value;
    private Instant updatedAt = T0;
    private Instant deletedAt;
    private String eventId;
    private Instant lastEventAt = T0;
    private long seq = 1;
    private ItemKey item;
    private BigDecimal suggested;
    private String unit;
    private boolean unitSet;

    private Builder(ListingKey key) {
      this.key = key;
      this.eventId = "e-" + key;
    }

    Builder appid(Integer appid) {
      this.appid = appid;
      return this;
    }

    Builder name(String name) {
      this.name = name;
      return this;
    }

    Builder quality(String quality) {
      this.quality = quality;
      return this;
    }

    Builder intent(Intent intent) {
      this.intent = intent;
      return this;
    }

    Builder value(String value) {
      this.value = value == null ? null : new BigDecimal(value);
      return this;
    }

    Builder updated(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    Builder deleted(Instant deletedAt) {
      this.deletedAt = deletedAt;
      return this;
    }

    Builder event(String eventId, Instant at) {
      this.eventId = eventId;
      this.lastEventAt = at;
      return this;
    }

    Builder seq(long seq) {
      this.seq = seq;
      return this;
    }

    Builder item(ItemKey item) {
      this.item = item;
      return this;
    }

    Builder suggested(String suggested) {
      this.suggested = suggested == null ? null : new BigDecimal(suggested);
      return this;
    }

    /** The price unit; the source's usual one unless set. */
    Builder unit(String unit) {
      this.unit = unit;
      this.unitSet = true;
      return this;
    }

    ListingState build() {
      return new ListingState(
          key,
          appid,
          name,
          quality,
          intent,
          value,
          updatedAt,
          deletedAt,
          EventDigest.of(eventId),
          lastEventAt,
          seq,
          item,
          suggested,
          unitSet ? unit : PriceUnit.usual(key.source(), value));
    }
  }

  private States() {}
}
