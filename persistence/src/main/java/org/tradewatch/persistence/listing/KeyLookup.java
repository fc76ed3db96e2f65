package org.tradewatch.persistence.listing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tradewatch.core.ingest.ListingVersion;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.EpochMicrosConverter;

/**
 * Listings read by a batch of keys, through the primary key (source, listing_id) alone.
 *
 * <p>H2 uses an IN list only on an index's first column, so {@code source = ? AND listing_id IN
 * (...)} would walk every listing of the source along the primary key; with the wanted keys joined
 * as a table ({@code TABLE(wanted_source = ?, wanted_id = ?)}) each key is one primary-key lookup.
 * Other databases take the IN list on the primary key as it is. This is what lets the listing table
 * do without an index on listing_id alone: H2 removes and re-adds a row in every index of its table
 * at every UPDATE, whichever columns changed, so each index is paid for by every ingested event
 * (that one cost ingest a tenth of its rate).
 */
final class KeyLookup {

  private static final EpochMicrosConverter MICROS = new EpochMicrosConverter();

  /** The FROM clause on H2: the wanted keys as a table, joined to the listing as {@code l}. */
  static final String H2_FROM =
      " FROM TABLE(wanted_source VARCHAR(16) = ?, wanted_id VARCHAR("
          + ListingKey.MAX_ID_LENGTH
          + ") = ?) wanted JOIN listing l ON l.source = wanted_source AND l.listing_id = wanted_id";

  private final boolean h2;

  KeyLookup(boolean h2) {
    this.h2 = h2;
  }

  /** The stored versions of those of {@code keys} that are stored: only what the rules compare. */
  Map<ListingKey, ListingVersion> versions(EntityManager em, Collection<ListingKey> keys) {
    Map<ListingKey, ListingVersion> stored = new HashMap<>();
    if (keys.isEmpty()) {
      return stored;
    }
    if (h2) {
      String[][] wanted = sourcesAndIds(keys);
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          em.createNativeQuery(
                  "SELECT l.source, l.listing_id, l.last_event_id, l.last_event_at, l.deleted_at"
                      + H2_FROM)
              .setParameter(1, wanted[0])
              .setParameter(2, wanted[1])
              .getResultList();
      for (Object[] row : rows) {
        stored.put(
            new ListingKey(Source.fromId((String) row[0]), (String) row[1]),
            new ListingVersion((String) row[2], instant(row[3]), instant(row[4])));
      }
      return stored;
    }
    TypedQuery<Object[]> query =
        em.createQuery(
            "SELECT l.listingId, l.lastEventId, l.lastEventAt, l.deletedAt FROM ListingEntity l"
                + " WHERE l.source = :source AND l.listingId IN :ids",
            Object[].class);
    for (Map.Entry<Source, List<String>> entry : idsBySource(keys).entrySet()) {
      query.setParameter("source", entry.getKey().id());
      for (List<String> chunk : JpaListingStore.chunks(entry.getValue())) {
        for (Object[] row : query.setParameter("ids", chunk).getResultList()) {
          stored.put(
              new ListingKey(entry.getKey(), (String) row[0]),
              new ListingVersion((String) row[1], (Instant) row[2], (Instant) row[3]));
        }
      }
    }
    return stored;
  }

  /** The stored listings of {@code keys}, whole, in no particular order. */
  List<ListingEntity> entities(EntityManager em, Collection<ListingKey> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    if (h2) {
      String[][] wanted = sourcesAndIds(keys);
      @SuppressWarnings("unchecked")
      List<ListingEntity> found =
          em.createNativeQuery("SELECT l.*" + H2_FROM, ListingEntity.class)
              .setParameter(1, wanted[0])
              .setParameter(2, wanted[1])
              .getResultList();
      return found;
    }
    List<ListingEntity> found = new ArrayList<>(keys.size());
    TypedQuery<ListingEntity> query =
        em.createQuery(
            "SELECT l FROM ListingEntity l WHERE l.source = :source AND l.listingId IN :ids",
            ListingEntity.class);
    for (Map.Entry<Source, List<String>> entry : idsBySource(keys).entrySet()) {
      query.setParameter("source", entry.getKey().id());
      for (List<String> chunk : JpaListingStore.chunks(entry.getValue())) {
        found.addAll(query.setParameter("ids", chunk).getResultList());
      }
    }
    return found;
  }

  /** The distinct keys as two arrays of equal length, sources and ids, bound to the TABLE. */
  private static String[][] sourcesAndIds(Collection<ListingKey> keys) {
    Set<ListingKey> distinct = new LinkedHashSet<>(keys);
    String[] sources = new String[distinct.size()];
    String[] ids = new String[distinct.size()];
    int i = 0;
    for (ListingKey key : distinct) {
      sources[i] = key.source().id();
      ids[i] = key.id();
      i++;
    }
    return new String[][] {sources, ids};
  }

  private static Map<Source, List<String>> idsBySource(Collection<ListingKey> keys) {
    Map<Source, List<String>> bySource = new EnumMap<>(Source.class);
    for (ListingKey key : new LinkedHashSet<>(keys)) {
      bySource.computeIfAbsent(key.source(), s -> new ArrayList<>()).add(key.id());
    }
    return bySource;
  }

  private static Instant instant(Object micros) {
    return micros == null ? null : MICROS.convertToEntityAttribute(((Number) micros).longValue());
  }
}
