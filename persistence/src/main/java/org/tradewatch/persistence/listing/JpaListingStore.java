package org.tradewatch.persistence.listing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.ingest.IngestPlan;
import org.tradewatch.core.ingest.ListingStore;
import org.tradewatch.core.ingest.ListingVersion;
import org.tradewatch.core.ingest.Tombstone;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingPage;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingReader;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.TradewatchPersistence;
import org.tradewatch.persistence.Transactions;
import org.tradewatch.persistence.cluster.LeaseFence;

/**
 * The listing store in JPA. Thread-safe: every call opens its own entity manager and, for writes,
 * its own transaction.
 */
public final class JpaListingStore implements ListingStore, ListingReader {

  /**
   * The most values bound in one IN list: a frame of 500 events is one round trip per table, and
   * every database accepts this many parameters in one statement.
   */
  static final int IN_CHUNK = 500;

  private final EntityManagerFactory factory;
  private final ItemNames names = new ItemNames();
  private final ListingSearch.Limits limits;
  private final boolean h2;
  private final KeyLookup byKey;
  private final int snapshotIsolation;

  public JpaListingStore(EntityManagerFactory factory) {
    this(factory, ListingSearch.Limits.DEFAULT);
  }

  JpaListingStore(EntityManagerFactory factory, ListingSearch.Limits limits) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.h2 = TradewatchPersistence.isH2(factory);
    this.byKey = new KeyLookup(h2);
    this.snapshotIsolation = Transactions.snapshotIsolation(factory);
  }

  @Override
  public IngestPlan ingest(
      Collection<ListingKey> keys, Collection<String> eventIds, Planner planner, Lease lease) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(eventIds, "eventIds");
    Objects.requireNonNull(planner, "planner");
    Set<String> newNames = new HashSet<>();
    IngestPlan written =
        inTransaction(
            em -> {
              // Nothing is written before the plan, so queries need not flush first.
              em.setFlushMode(FlushModeType.COMMIT);
              // Only what the rules compare: loading whole listings would read every payload back.
              Map<ListingKey, ListingVersion> current = byKey.versions(em, keys);
              Set<String> applied = loadAppliedEventIds(em, eventIds);
              IngestPlan plan =
                  planner.plan(
                      Collections.unmodifiableMap(current), Collections.unmodifiableSet(applied));
              if (plan == null) {
                throw new IllegalStateException("the planner returned no plan");
              }
              Connection connection = em.unwrap(Connection.class);
              write(connection, plan, new HashSet<>(keys), current.keySet());
              try {
                newNames.addAll(names.register(em, connection, plan.writes()));
              } catch (SQLException e) {
                throw new PersistenceException(
                    "writing new item names failed: " + e.getMessage(), e);
              }
              fence(em, lease);
              return plan;
            });
    names.committed(newNames);
    return written;
  }

  private static void write(
      Connection connection, IngestPlan plan, Set<ListingKey> named, Set<ListingKey> stored) {
    List<Listing> inserts = new ArrayList<>();
    List<Listing> updates = new ArrayList<>();
    for (Listing listing : plan.writes()) {
      requireNamed(named, listing.key(), "writes");
      (stored.contains(listing.key()) ? updates : inserts).add(listing);
    }
    for (Tombstone tombstone : plan.tombstones()) {
      requireNamed(named, tombstone.key(), "marks deleted");
      if (!stored.contains(tombstone.key())) {
        throw new IllegalStateException(
            "the plan marks deleted listing " + tombstone.key() + ", which is not stored");
      }
    }
    try {
      ListingRows.insert(connection, inserts);
      ListingRows.update(connection, updates);
      ListingRows.bury(connection, plan.tombstones());
      ListingRows.appendHistory(connection, plan.history());
    } catch (SQLException e) {
      throw new PersistenceException("writing an ingest plan failed: " + e.getMessage(), e);
    }
  }

  // The planner was shown only the named keys' stored versions: a write to any other listing
  // would skip the ordering check (or collide with a row nobody loaded), so it is refused.
  private static void requireNamed(Set<ListingKey> named, ListingKey key, String what) {
    if (!named.contains(key)) {
      throw new IllegalStateException(
          "the plan " + what + " listing " + key + ", which the batch did not name");
    }
  }

  private static Set<String> loadAppliedEventIds(EntityManager em, Collection<String> eventIds) {
    Set<String> applied = new HashSet<>();
    TypedQuery<String> query =
        em.createQuery(
            "SELECT h.eventId FROM HistoryEntity h WHERE h.eventId IN :ids", String.class);
    for (List<String> chunk : chunks(new LinkedHashSet<>(eventIds))) {
      applied.addAll(query.setParameter("ids", chunk).getResultList());
    }
    return applied;
  }

  /** {@code values} in lists of at most {@link #IN_CHUNK}, in order. */
  static List<List<String>> chunks(Collection<String> values) {
    List<List<String>> chunks = new ArrayList<>();
    List<String> chunk = new ArrayList<>(Math.min(values.size(), IN_CHUNK));
    for (String value : values) {
      if (chunk.size() == IN_CHUNK) {
        chunks.add(chunk);
        chunk = new ArrayList<>(IN_CHUNK);
      }
      chunk.add(value);
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  @Override
  public int purgeHistory(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return inTransaction(
        em ->
            em.createQuery("DELETE FROM HistoryEntity h WHERE h.eventAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
  }

  // The live listings' ids are read and compared in Java: a NOT IN list of a whole snapshot would
  // pass every database's parameter limit; the updates go by key in one batch, all in one
  // transaction so that a failure leaves nothing half swept.
  @Override
  public List<ListingKey> deleteMissing(
      Source source, Collection<String> keep, Instant before, Instant deletedAt, Lease lease) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(keep, "keep");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(deletedAt, "deletedAt");
    Set<String> kept = new HashSet<>(keep);
    return inTransaction(
        em -> {
          List<String> candidates =
              em.createQuery(
                      "SELECT l.listingId FROM ListingEntity l WHERE l.source = :source"
                          + " AND l.deletedAt IS NULL AND l.lastEventAt < :before",
                      String.class)
                  .setParameter("source", source.id())
                  .setParameter("before", before)
                  .getResultList();
          List<String> missing = new ArrayList<>();
          for (String id : candidates) {
            if (!kept.contains(id)) {
              missing.add(id);
            }
          }
          try {
            ListingRows.sweep(em.unwrap(Connection.class), source, missing, before, deletedAt);
          } catch (SQLException e) {
            throw new PersistenceException(
                "sweeping missing listings failed: " + e.getMessage(), e);
          }
          List<ListingKey> keys = new ArrayList<>(missing.size());
          for (String id : missing) {
            keys.add(new ListingKey(source, id));
          }
          fence(em, lease);
          return keys;
        });
  }

  @Override
  public ListingPage search(ListingQuery query) {
    Objects.requireNonNull(query, "query");
    // The page's keys, its count and then its rows are read in separate statements; one snapshot
    // keeps them agreeing while ingest commits in between.
    return Transactions.snapshot(
        factory,
        snapshotIsolation,
        em -> new ListingSearch(em, query, names, h2, byKey, limits).run());
  }

  @Override
  public Optional<Listing> find(ListingKey key) {
    Objects.requireNonNull(key, "key");
    return read(
        em ->
            Optional.ofNullable(em.find(ListingEntity.class, ListingId.of(key)))
                .map(ListingEntity::toListing));
  }

  @Override
  public List<HistoryEntry> history(ListingKey key, int limit) {
    Objects.requireNonNull(key, "key");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    if (limit == 0) {
      return List.of();
    }
    return read(
        em ->
            em
                .createQuery(
                    "SELECT h FROM HistoryEntity h"
                        + " WHERE h.source = :source AND h.listingId = :id"
                        // Ids grow with insertion: the later applied of two same-time events
                        // comes first.
                        + " ORDER BY h.eventAt DESC, h.recordedSeq DESC",
                    HistoryEntity.class)
                .setParameter("source", key.source().id())
                .setParameter("id", key.id())
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(HistoryEntity::toEntry)
                .toList());
  }

  /**
   * The last statement of a leased write, just before its commit: the transaction stores nothing
   * once the lease was taken over. Last rather than first, so the lease's row stays locked only for
   * the commit and the holder's renewals never wait behind a whole batch.
   */
  private static void fence(EntityManager em, Lease lease) {
    if (lease == null) {
      return;
    }
    try {
      LeaseFence.pass(em.unwrap(Connection.class), lease, Instant.now());
    } catch (SQLException e) {
      throw new PersistenceException("checking the lease failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Listing> findAll(Collection<ListingKey> keys) {
    Objects.requireNonNull(keys, "keys");
    if (keys.isEmpty()) {
      return List.of();
    }
    return read(
        em -> {
          List<Listing> found = new ArrayList<>(keys.size());
          for (ListingEntity entity : byKey.entities(em, keys)) {
            found.add(entity.toListing());
          }
          return found;
        });
  }

  private <T> T read(Function<EntityManager, T> work) {
    return Transactions.read(factory, work);
  }

  private <T> T inTransaction(Function<EntityManager, T> work) {
    return Transactions.write(factory, work);
  }
}
