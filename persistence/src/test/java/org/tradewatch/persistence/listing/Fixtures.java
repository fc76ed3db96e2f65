package org.tradewatch.persistence.listing;

import java.math.BigDecimal;
import java.time.Instant;
import org.tradewatch.core.ingest.ListingStore;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.stream.ListingEvent;

/** Listings, upstream events and log rows for storage tests. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2025-03-01T12:00:00.123Z");

  private Fixtures() {}

  static ListingKey bptf(String id) {
    return new ListingKey(Source.BPTF, id);
  }

  static ListingKey skinshark(String id) {
    return new ListingKey(Source.SKINSHARK, id);
  }

  static ListingSnapshot.Builder snapshot(ListingKey key, String itemName, String value) {
    return ListingSnapshot.builder(key)
        .appid(440)
        .itemName(itemName)
        .intent(Intent.SELL)
        .value(value == null ? null : new BigDecimal(value))
        .valueUnit("ref")
        .payload("{\"id\":\"" + key.id() + "\"}");
  }

  /** An upstream event that creates or changes the listing. */
  static ListingEvent update(ListingSnapshot snapshot, String eventId, Instant at) {
    return new ListingEvent(eventId, at, ListingEvent.Type.UPDATE, snapshot.key(), snapshot);
  }

  static ListingEvent update(
      ListingKey key, String itemName, String value, String eventId, Instant at) {
    return update(snapshot(key, itemName, value).build(), eventId, at);
  }

  /** An upstream delete that carries the listing (backpack.tf's). */
  static ListingEvent delete(ListingSnapshot snapshot, String eventId, Instant at) {
    return new ListingEvent(eventId, at, ListingEvent.Type.DELETE, snapshot.key(), snapshot);
  }

  /** An upstream delete that only names the listing (skinshark's {@code market.remove}). */
  static ListingEvent remove(ListingKey key, String eventId, Instant at) {
    return new ListingEvent(eventId, at, ListingEvent.Type.DELETE, key, null);
  }

  /** A live listing as one event at {@code at}, applied at {@code at}. */
  static Listing listing(
      ListingKey key, String itemName, String value, String eventId, Instant at) {
    return new Listing(snapshot(key, itemName, value).build(), at, null, eventId, at);
  }

  /** The log row of a listing that an update left, after {@code previousSeq} (0 for none). */
  static ListingStore.LogEntry updated(Listing listing, long previousSeq) {
    return new ListingStore.LogEntry(
        listing.key(),
        ListingStore.Kind.UPDATE,
        listing.lastEventId(),
        listing.lastEventAt(),
        listing.snapshot(),
        listing.updatedAt(),
        listing.deletedAt(),
        previousSeq);
  }

  /** The log row of a delete that only names the listing, after {@code previousSeq}. */
  static ListingStore.LogEntry buried(
      ListingKey key, String eventId, Instant at, long previousSeq) {
    return new ListingStore.LogEntry(
        key, ListingStore.Kind.DELETE, eventId, at, null, at, at, previousSeq);
  }

  static HistoryEntry historyOf(ListingKey key, String eventId, Instant at, String value) {
    return new HistoryEntry(
        key,
        eventId,
        HistoryEntry.Type.UPDATE,
        at,
        value == null ? null : new BigDecimal(value),
        value == null ? null : "ref");
  }
}
