package org.tradewatch.persistence.listing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tradewatch.core.ingest.IngestPlan;
import org.tradewatch.core.ingest.ListingStore;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;

/** Listings and explicit plans for storage tests, so they never depend on core's ingest rules. */
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

  static Listing listing(ListingSnapshot snapshot, String eventId, Instant at) {
    return new Listing(snapshot, at, null, eventId, at);
  }

  static Listing listing(
      ListingKey key, String itemName, String value, String eventId, Instant at) {
    return listing(snapshot(key, itemName, value).build(), eventId, at);
  }

  static HistoryEntry entry(Listing listing) {
    return new HistoryEntry(
        listing.key(),
        listing.lastEventId(),
        listing.deleted() ? HistoryEntry.Type.DELETE : HistoryEntry.Type.UPDATE,
        listing.lastEventAt(),
        listing.snapshot().value(),
        listing.snapshot().valueUnit());
  }

  /** A plan that writes every listing given and records one history entry for each. */
  static IngestPlan writing(List<Listing> listings) {
    List<HistoryEntry> history = new ArrayList<>();
    for (Listing listing : listings) {
      history.add(entry(listing));
    }
    return new IngestPlan(listings, List.of(), history, listings.size(), 0, 0, 0, 0);
  }

  /** Stores the listings through ingest, as one batch that the planner applies whole. */
  static IngestPlan put(ListingStore store, Listing... listings) {
    return put(store, Arrays.asList(listings));
  }

  static IngestPlan put(ListingStore store, List<Listing> listings) {
    IngestPlan plan = writing(listings);
    return store.ingest(
        listings.stream().map(Listing::key).toList(),
        listings.stream().map(Listing::lastEventId).toList(),
        (current, applied) -> plan);
  }
}
