package org.tradewatch.core.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;

/** A listing store in memory that writes plans the way the persistence module must. */
final class InMemoryListingStore implements ListingStore {

  final Map<ListingKey, Listing> listings = new LinkedHashMap<>();
  final List<HistoryEntry> history = new ArrayList<>();
  final List<Collection<ListingKey>> keysAsked = new ArrayList<>();
  final List<Collection<String>> eventIdsAsked = new ArrayList<>();
  final List<java.util.Optional<org.tradewatch.core.cluster.Lease>> leasesAsked = new ArrayList<>();
  RuntimeException failure;

  @Override
  public IngestPlan ingest(
      Collection<ListingKey> keys,
      Collection<String> eventIds,
      Planner planner,
      org.tradewatch.core.cluster.Lease lease) {
    leasesAsked.add(java.util.Optional.ofNullable(lease));
    keysAsked.add(List.copyOf(keys));
    eventIdsAsked.add(List.copyOf(eventIds));
    if (failure != null) {
      throw failure;
    }
    Map<ListingKey, ListingVersion> current = new HashMap<>();
    for (ListingKey key : keys) {
      Listing listing = listings.get(key);
      if (listing != null) {
        current.put(
            key,
            new ListingVersion(listing.lastEventId(), listing.lastEventAt(), listing.deletedAt()));
      }
    }
    Set<String> applied = new HashSet<>();
    for (HistoryEntry entry : history) {
      if (eventIds.contains(entry.eventId())) {
        applied.add(entry.eventId());
      }
    }
    IngestPlan plan = planner.plan(current, applied);
    for (Listing listing : plan.writes()) {
      listings.put(listing.key(), listing);
    }
    for (Tombstone tombstone : plan.tombstones()) {
      Listing stored = listings.get(tombstone.key());
      listings.put(
          tombstone.key(),
          new Listing(
              stored.snapshot(),
              tombstone.updatedAt(),
              tombstone.deletedAt(),
              tombstone.eventId(),
              tombstone.eventAt()));
    }
    history.addAll(plan.history());
    return plan;
  }

  @Override
  public int purgeHistory(Instant cutoff) {
    int before = history.size();
    history.removeIf(entry -> entry.eventAt().isBefore(cutoff));
    return before - history.size();
  }

  @Override
  public List<ListingKey> deleteMissing(
      org.tradewatch.core.listing.Source source,
      Collection<String> keep,
      Instant before,
      Instant deletedAt,
      org.tradewatch.core.cluster.Lease lease) {
    Set<String> kept = new HashSet<>(keep);
    List<ListingKey> deleted = new ArrayList<>();
    for (Map.Entry<ListingKey, Listing> entry : listings.entrySet()) {
      Listing listing = entry.getValue();
      if (entry.getKey().source() == source
          && listing.deletedAt() == null
          && !kept.contains(entry.getKey().id())
          && listing.lastEventAt().isBefore(before)) {
        entry.setValue(
            new Listing(
                listing.snapshot(),
                deletedAt,
                deletedAt,
                listing.lastEventId(),
                listing.lastEventAt()));
        deleted.add(entry.getKey());
      }
    }
    return deleted;
  }
}
