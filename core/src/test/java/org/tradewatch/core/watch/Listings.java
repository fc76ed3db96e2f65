package org.tradewatch.core.watch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.EventDigest;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketChange;

/**
 * A market for tests of watches: holds each listing's state and turns each new state into the
 * change the market model would report for it.
 */
final class Listings {

  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  private final Map<ListingKey, ListingState> held = new HashMap<>();
  private long seq;

  static ListingKey bptf(String id) {
    return new ListingKey(Source.BPTF, id);
  }

  static ItemKey item(String name, String quality) {
    return ItemKey.of(Source.BPTF, 440, name, quality, null, null, null, null, null, null, null);
  }

  /** A listing as an event describes it, for {@link #apply}. */
  record Listing(
      ListingKey key,
      String name,
      String quality,
      Intent intent,
      String value,
      String suggested,
      boolean removed) {

    static Listing sell(String id, String name, String quality, String value) {
      return new Listing(bptf(id), name, quality, Intent.SELL, value, null, false);
    }

    Listing price(String value) {
      return new Listing(key, name, quality, intent, value, suggested, removed);
    }

    Listing intent(Intent intent) {
      return new Listing(key, name, quality, intent, value, suggested, removed);
    }

    Listing suggested(String suggested) {
      return new Listing(key, name, quality, intent, value, suggested, removed);
    }

    Listing deleted() {
      return new Listing(key, name, quality, intent, value, suggested, true);
    }

    Listing relisted() {
      return new Listing(key, name, quality, intent, value, suggested, false);
    }
  }

  /** The change that storing {@code listing} makes: its previous state and its new one. */
  MarketChange apply(Listing listing) {
    seq++;
    Instant at = T0.plusSeconds(seq);
    Source source = listing.key().source();
    ListingState after =
        new ListingState(
            listing.key(),
            440,
            listing.name(),
            listing.quality(),
            listing.intent(),
            listing.value() == null ? null : new BigDecimal(listing.value()),
            at,
            listing.removed() ? at : null,
            EventDigest.of("event-" + seq),
            at,
            seq,
            listing.name() == null
                ? null
                : ItemKey.of(
                    source,
                    440,
                    listing.name(),
                    listing.quality(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null),
            listing.suggested() == null ? null : new BigDecimal(listing.suggested()));
    ListingState before = held.put(listing.key(), after);
    return new MarketChange(before, after);
  }

  /** The changes of storing each listing in turn, as one batch. */
  List<MarketChange> applyAll(Listing... listings) {
    java.util.ArrayList<MarketChange> changes = new java.util.ArrayList<>();
    for (Listing listing : listings) {
      changes.add(apply(listing));
    }
    return changes;
  }

  /** The same listing again with a newer event that changes nothing a watch looks at (a bump). */
  MarketChange bump(ListingKey key) {
    ListingState was = held.get(key);
    seq++;
    Instant at = T0.plusSeconds(seq);
    ListingState after =
        new ListingState(
            key,
            was.appid(),
            was.itemName(),
            was.quality(),
            was.intent(),
            was.value(),
            at,
            null,
            EventDigest.of("event-" + seq),
            at,
            seq,
            was.item(),
            was.suggested());
    held.put(key, after);
    return new MarketChange(was, after);
  }
}
