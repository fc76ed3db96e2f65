package org.tradewatch.persistence.listing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.EpochMicrosConverter;

/**
 * Listings read from the checkpoint table by a batch of keys, through its primary key (source,
 * listing_id) alone.
 *
 * <p>H2 uses an IN list only on an index's first column, so {@code source = ? AND listing_id IN
 * (...)} would walk every listing of the source along the primary key; with the wanted keys joined
 * as a table ({@code TABLE(wanted_source = ?, wanted_id = ?)}) each key is one primary-key lookup.
 * Other databases take the IN list on the primary key as it is.
 */
final class KeyLookup {

  private static final EpochMicrosConverter MICROS = new EpochMicrosConverter();

  /** The FROM clause on H2: the wanted keys as a table, joined to the listing as {@code l}. */
  static final String H2_FROM =
      " FROM TABLE(wanted_source VARCHAR(16) = ?, wanted_id VARCHAR("
          + ListingKey.MAX_ID_LENGTH
          + ") = ?) wanted JOIN listing l ON l.source = wanted_source AND l.listing_id = wanted_id";

  /** Elsewhere: the primary key takes {@code source = ?} and an IN list of ids. */
  private static final String JPQL_FROM =
      " FROM ListingEntity l WHERE l.source = :source AND l.listingId IN :ids";

  private final boolean h2;

  KeyLookup(boolean h2) {
    this.h2 = h2;
  }

  /** The stored listings of {@code keys}, whole, in no particular order. */
  List<ListingEntity> entities(EntityManager em, Collection<ListingKey> keys) {
    return h2
        ? joined(em.createNativeQuery("SELECT l.*" + H2_FROM, ListingEntity.class), keys)
        : inLists(em.createQuery("SELECT l" + JPQL_FROM, ListingEntity.class), keys);
  }

  /** On H2: every row of {@code query} (its FROM {@link #H2_FROM}) for the distinct keys. */
  @SuppressWarnings("unchecked") // a native query's rows are of the type it was asked for
  private static <T> List<T> joined(Query query, Collection<ListingKey> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    Set<ListingKey> distinct = new LinkedHashSet<>(keys);
    String[] sources = new String[distinct.size()];
    String[] ids = new String[distinct.size()];
    int i = 0;
    for (ListingKey key : distinct) {
      sources[i] = key.source().id();
      ids[i] = key.id();
      i++;
    }
    return (List<T>) query.setParameter(1, sources).setParameter(2, ids).getResultList();
  }

  /** Elsewhere: every row of {@code query} (its FROM {@link #JPQL_FROM}), per source and chunk. */
  private static <T> List<T> inLists(TypedQuery<T> query, Collection<ListingKey> keys) {
    Map<Source, List<String>> bySource = new EnumMap<>(Source.class);
    for (ListingKey key : new LinkedHashSet<>(keys)) {
      bySource.computeIfAbsent(key.source(), s -> new ArrayList<>()).add(key.id());
    }
    List<T> found = new ArrayList<>(keys.size());
    for (Map.Entry<Source, List<String>> entry : bySource.entrySet()) {
      query.setParameter("source", entry.getKey().id());
      for (List<String> chunk : JpaListingStore.chunks(entry.getValue())) {
        found.addAll(query.setParameter("ids", chunk).getResultList());
      }
    }
    return found;
  }
}
