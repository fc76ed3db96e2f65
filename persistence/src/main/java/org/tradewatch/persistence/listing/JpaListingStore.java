package org.tradewatch.persistence.listing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.ingest.ListingStore;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingRecords;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.InClause;
import org.tradewatch.persistence.TradewatchPersistence;
import org.tradewatch.persistence.Transactions;
import org.tradewatch.persistence.cluster.LeaseFence;

/**
 * The durable record of listings in JPA: the append-only log ({@link ListingEventEntity}), the
 * checkpoint table ({@link ListingEntity}) and, read only, the history of earlier releases.
 * Thread-safe: every call opens its own entity manager and, for writes, its own transaction.
 */
public final class JpaListingStore implements ListingStore, ListingRecords {

  /** States handed to a model per batch while it is built. */
  static final int STATE_BATCH = 10_000;

  private final EntityManagerFactory factory;
  private final boolean h2;
  private final KeyLookup byKey;
  private final boolean legacyHistory;

  private final int snapshotIsolation;

  public JpaListingStore(EntityManagerFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.h2 = TradewatchPersistence.isH2(factory);
    this.snapshotIsolation = Transactions.snapshotIsolation(factory);
    this.byKey = new KeyLookup(h2);
    this.legacyHistory = read(em -> ListingSchema.hasLegacyHistory(connection(em)));
  }

  // ---- writes ----

  @Override
  public long[] append(Source source, List<LogEntry> entries, Lease lease) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(entries, "entries");
    for (LogEntry entry : entries) {
      if (entry.key().source() != source) {
        throw new IllegalArgumentException(entry.key() + " appended to the log of " + source);
      }
    }
    if (entries.isEmpty()) {
      return new long[0];
    }
    long[] written =
        write(
            em -> {
              Connection connection = connection(em);
              long[] seqs = positions(connection, entries.size());
              List<Integer> carried = new ArrayList<>();
              try (PreparedStatement insert = connection.prepareStatement(ListingLogRows.APPEND)) {
                for (int i = 0; i < entries.size(); i++) {
                  LogEntry entry = entries.get(i);
                  if (entry.snapshot() == null) {
                    carried.add(i);
                    continue;
                  }
                  ListingLogRows.bindAppend(insert, entry, seqs[i]);
                  insert.addBatch();
                }
                if (carried.size() < entries.size()) {
                  insert.executeBatch();
                }
              }
              for (int i : carried) {
                carry(connection, entries.get(i), seqs[i]);
              }
              ListingCheckpoints.appended(
                  connection, source, seqs[0], seqs[seqs.length - 1], Instant.now());
              LeaseFence.pass(connection, lease, Instant.now());
              return seqs;
            });
    return written;
  }

  /**
   * Positions for {@code count} rows: a block of the sequence per {@link ListingSchema#BLOCK} rows.
   * Taken inside the append's transaction, after the source's previous append committed, so a
   * source's positions grow in the order its rows commit, which is what lets another instance tail
   * the log by position.
   */
  private long[] positions(Connection connection, int count) throws SQLException {
    long[] seqs = new long[count];
    try (PreparedStatement next = connection.prepareStatement(ListingSchema.nextBlockSql(h2))) {
      long base = 0;
      for (int i = 0; i < count; i++) {
        if (i % ListingSchema.BLOCK == 0) {
          try (ResultSet value = next.executeQuery()) {
            value.next();
            base = value.getLong(1);
          }
        }
        seqs[i] = base + i % ListingSchema.BLOCK;
      }
    }
    return seqs;
  }

  /** A row without a snapshot of its own takes the previous row's: from the log, else the table. */
  private static void carry(Connection connection, LogEntry entry, long seq) throws SQLException {
    boolean sweep = entry.kind() == Kind.SWEEP;
    if (entry.previousSeq() > 0) {
      try (PreparedStatement fromLog =
          connection.prepareStatement(
              sweep ? ListingLogRows.SWEEP_FROM_LOG : ListingLogRows.CARRY_FROM_LOG)) {
        ListingLogRows.bindCarried(fromLog, entry, seq, false);
        if (fromLog.executeUpdate() == 1) {
          return;
        }
      }
    }
    try (PreparedStatement fromTable =
        connection.prepareStatement(
            sweep ? ListingLogRows.SWEEP_FROM_TABLE : ListingLogRows.CARRY_FROM_TABLE)) {
      ListingLogRows.bindCarried(fromTable, entry, seq, true);
      if (fromTable.executeUpdate() != 1) {
        throw new IllegalStateException(
            "no stored row of " + entry.key() + " to carry into its " + entry.kind() + " row");
      }
    }
  }

  @Override
  public Set<String> applied(Map<String, ListingState> candidates) {
    Objects.requireNonNull(candidates, "candidates");
    if (candidates.isEmpty()) {
      return Set.of();
    }
    Map<ListingKey, ListingState> listings = new LinkedHashMap<>();
    candidates.values().forEach(state -> listings.putIfAbsent(state.key(), state));
    return read(
        em -> {
          Connection connection = connection(em);
          Set<String> applied = new HashSet<>();
          Set<String> unresolved = new HashSet<>();
          for (ListingState state : listings.values()) {
            // A replay is rare and recent: walk back from the listing's last row to its oldest
            // kept one, since ids are compared to the listing's own rows only.
            Set<String> wanted = new HashSet<>();
            candidates.forEach(
                (id, held) -> {
                  if (held.key().equals(state.key())) {
                    wanted.add(id);
                  }
                });
            boolean chainEnded =
                walk(
                    connection,
                    state.seq(),
                    Integer.MAX_VALUE,
                    row -> {
                      if (wanted.remove(row.eventId())) {
                        applied.add(row.eventId());
                      }
                      return !wanted.isEmpty();
                    });
            if (chainEnded) {
              unresolved.addAll(wanted);
            }
          }
          if (legacyHistory && !unresolved.isEmpty()) {
            applied.addAll(legacyApplied(connection, unresolved, candidates));
          }
          return applied;
        });
  }

  /** Of the ids, those the history of an earlier release holds for their listing. */
  private static Set<String> legacyApplied(
      Connection connection, Set<String> ids, Map<String, ListingState> candidates)
      throws SQLException {
    Set<String> found = new HashSet<>();
    for (List<String> chunk : chunks(ids)) {
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT event_id, source, listing_id FROM "
                  + ListingSchema.LEGACY_HISTORY
                  + " WHERE event_id IN "
                  + ListingLogRows.placeholders(chunk.size()))) {
        for (int i = 0; i < chunk.size(); i++) {
          query.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            ListingKey key = candidates.get(rows.getString(1)).key();
            if (key.source().id().equals(rows.getString(2)) && key.id().equals(rows.getString(3))) {
              found.add(rows.getString(1));
            }
          }
        }
      }
    }
    return found;
  }

  @Override
  public void checkpoint(Source source, List<ListingState> latest, long upTo) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(latest, "latest");
    List<Long> seqs = new ArrayList<>(latest.size());
    for (ListingState state : latest) {
      if (state.key().source() != source) {
        throw new IllegalArgumentException(state.key() + " in a checkpoint of " + source);
      }
      if (state.seq() > 0) {
        seqs.add(state.seq());
      }
    }
    // Chunk by chunk, each in its own transaction: the merge is idempotent and only moves rows
    // forward, so a checkpoint cut short leaves the table correct and the marker where it was.
    for (List<Long> chunk : chunks(seqs)) {
      write(
          em -> {
            try (PreparedStatement merge =
                connection(em).prepareStatement(ListingCheckpoints.merge(chunk.size()))) {
              ListingLogRows.bindLongs(merge, chunk);
              merge.executeUpdate();
            }
            return null;
          });
    }
    write(
        em -> {
          ListingCheckpoints.advance(connection(em), source, upTo, Instant.now());
          return null;
        });
  }

  @Override
  public long checkpointSeq(Source source) {
    return read(em -> ListingCheckpoints.seq(connection(em), source));
  }

  @Override
  public int purgeHistory(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    int purged = 0;
    long before = read(em -> ListingCheckpoints.firstSeqAtOrAfter(connection(em), cutoff));
    for (Source source : Source.values()) {
      long folded = checkpointSeq(source);
      long below = Math.min(before, folded + 1);
      // In slices, so no transaction holds a day's rows.
      while (true) {
        int deleted = write(em -> ListingCheckpoints.purgeSlice(connection(em), source, below));
        purged += deleted;
        if (deleted < ListingCheckpoints.PURGE_SLICE) {
          break;
        }
      }
    }
    if (legacyHistory) {
      purged +=
          write(
              em -> {
                try (PreparedStatement delete =
                    connection(em)
                        .prepareStatement(
                            "DELETE FROM "
                                + ListingSchema.LEGACY_HISTORY
                                + " WHERE event_at < ?")) {
                  ListingLogRows.setInstant(delete, 1, cutoff);
                  return delete.executeUpdate();
                }
              });
    }
    return purged;
  }

  // ---- reads ----

  @Override
  public List<Listing> load(List<ListingState> states) {
    Objects.requireNonNull(states, "states");
    if (states.isEmpty()) {
      return List.of();
    }
    return read(
        em -> {
          Connection connection = connection(em);
          Map<Long, Listing> bySeq = new HashMap<>(states.size() * 2);
          List<Long> seqs = new ArrayList<>(states.size());
          for (ListingState state : states) {
            if (state.seq() > 0) {
              seqs.add(state.seq());
            }
          }
          for (List<Long> chunk : chunks(seqs)) {
            try (PreparedStatement query =
                connection.prepareStatement(
                    ListingLogRows.LISTINGS_BY_SEQ + ListingLogRows.placeholders(chunk.size()))) {
              ListingLogRows.bindLongs(query, chunk);
              try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                  bySeq.put(rows.getLong(1), ListingLogRows.listing(rows));
                }
              }
            }
          }
          // States whose rows the retention removed, or from before the log: the checkpoint
          // table holds them.
          List<ListingKey> folded = new ArrayList<>();
          for (ListingState state : states) {
            if (!bySeq.containsKey(state.seq())) {
              folded.add(state.key());
            }
          }
          Map<ListingKey, Listing> byKeyFound = new HashMap<>();
          if (!folded.isEmpty()) {
            for (ListingEntity entity : byKey.entities(em, folded)) {
              Listing listing = entity.toListing();
              byKeyFound.put(listing.key(), listing);
            }
          }
          List<Listing> found = new ArrayList<>(states.size());
          for (ListingState state : states) {
            Listing listing = bySeq.get(state.seq());
            if (listing == null) {
              listing = byKeyFound.get(state.key());
            }
            if (listing != null) {
              found.add(listing);
            }
          }
          return found;
        });
  }

  @Override
  public List<HistoryEntry> history(ListingState state, int limit) {
    Objects.requireNonNull(state, "state");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    if (limit == 0) {
      return List.of();
    }
    return read(
        em -> {
          Connection connection = connection(em);
          List<HistoryEntry> entries = new ArrayList<>();
          boolean chainEnded =
              walk(
                  connection,
                  state.seq(),
                  Integer.MAX_VALUE,
                  row -> {
                    if (row.kind() != Kind.SWEEP) {
                      entries.add(row.entry(state.key()));
                    }
                    return entries.size() < limit;
                  });
          if (chainEnded && legacyHistory && entries.size() < limit) {
            entries.addAll(legacyHistory(connection, state.key(), limit - entries.size()));
          }
          return entries;
        });
  }

  /** One row of a listing's chain, as walking its history reads it. */
  record ChainRow(
      long previous,
      Kind kind,
      String eventId,
      Instant eventAt,
      java.math.BigDecimal value,
      String valueUnit) {
    HistoryEntry entry(ListingKey key) {
      return new HistoryEntry(
          key,
          eventId,
          kind == Kind.UPDATE ? HistoryEntry.Type.UPDATE : HistoryEntry.Type.DELETE,
          eventAt,
          value,
          valueUnit);
    }
  }

  /** Decides, for each row of a chain, whether to go on to the previous one. */
  private interface ChainVisitor {
    boolean goOn(ChainRow row);
  }

  /**
   * Walks a listing's rows from {@code seq} back, one primary-key read each.
   *
   * @return whether the walk reached the chain's start (no previous row, or one the retention
   *     removed) rather than being stopped by the visitor
   */
  private static boolean walk(Connection connection, long seq, int max, ChainVisitor visitor)
      throws SQLException {
    long next = seq;
    try (PreparedStatement query = connection.prepareStatement(ListingLogRows.HISTORY_ROW)) {
      for (int read = 0; next > 0 && read < max; read++) {
        query.setLong(1, next);
        ChainRow row;
        try (ResultSet found = query.executeQuery()) {
          if (!found.next()) {
            return true;
          }
          row =
              new ChainRow(
                  found.getLong(1),
                  ListingLogRows.kind(found.getString(2)),
                  found.getString(3),
                  ListingLogRows.instant(found, 4),
                  Text.plain(found.getBigDecimal(5)),
                  found.getString(6));
        }
        if (!visitor.goOn(row)) {
          return false;
        }
        next = row.previous();
      }
    }
    return next <= 0;
  }

  private static List<HistoryEntry> legacyHistory(Connection connection, ListingKey key, int limit)
      throws SQLException {
    List<HistoryEntry> entries = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT event_id, event_type, event_at, value_amount, value_unit FROM "
                + ListingSchema.LEGACY_HISTORY
                + " WHERE source = ? AND listing_id = ?"
                + " ORDER BY event_at DESC, recorded_seq DESC FETCH FIRST ? ROWS ONLY")) {
      query.setString(1, key.source().id());
      query.setString(2, key.id());
      query.setInt(3, limit);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          entries.add(
              new HistoryEntry(
                  key,
                  rows.getString(1),
                  "delete".equals(rows.getString(2))
                      ? HistoryEntry.Type.DELETE
                      : HistoryEntry.Type.UPDATE,
                  ListingLogRows.instant(rows, 3),
                  Text.plain(rows.getBigDecimal(4)),
                  rows.getString(5)));
        }
      }
    }
    return entries;
  }

  @Override
  public void states(Consumer<List<ListingState>> sink) {
    Objects.requireNonNull(sink, "sink");
    // One snapshot for the table, the markers and the logs: a checkpoint committed between
    // reading the table and a marker would move the marker past log rows whose states the table
    // read did not hold yet, and they would be left out.
    snapshot(
        em -> {
          Connection connection = connection(em);
          stream(connection, ListingLogRows.TABLE_STATES, statement -> {}, sink);
          for (Source source : Source.values()) {
            if (!ListingCheckpoints.marked(connection, source)) {
              continue; // never appended to: nothing of it in the log to scan for
            }
            long from = ListingCheckpoints.seq(connection, source);
            stream(
                connection,
                ListingLogRows.LOG_STATES,
                statement -> {
                  statement.setLong(1, from);
                  statement.setString(2, source.id());
                },
                sink);
          }
          return null;
        });
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private static void stream(
      Connection connection, String sql, Binder binder, Consumer<List<ListingState>> sink)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setFetchSize(STATE_BATCH);
      binder.bind(statement);
      List<ListingState> batch = new ArrayList<>(STATE_BATCH);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          batch.add(ListingLogRows.state(rows));
          if (batch.size() == STATE_BATCH) {
            sink.accept(batch);
            batch = new ArrayList<>(STATE_BATCH);
          }
        }
      }
      if (!batch.isEmpty()) {
        sink.accept(batch);
      }
    }
  }

  @Override
  public List<Logged> after(Source source, long seq, int max) {
    Objects.requireNonNull(source, "source");
    if (max < 1) {
      throw new IllegalArgumentException("max must be 1 or more, was " + max);
    }
    return read(
        em -> {
          List<Logged> found = new ArrayList<>();
          // Asked every second by every instance following the source: without anything new,
          // one primary-key read and no scan; with it, a scan that ends where the source's log
          // does.
          long end = ListingCheckpoints.appendedSeq(connection(em), source);
          if (end <= seq) {
            return found;
          }
          try (PreparedStatement query =
              connection(em).prepareStatement(ListingLogRows.LOG_AFTER)) {
            query.setLong(1, seq);
            query.setLong(2, end);
            query.setString(3, source.id());
            query.setInt(4, max);
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                found.add(new Logged(ListingLogRows.listing(rows), rows.getLong(1)));
              }
            }
          }
          return found;
        });
  }

  // ---- plumbing ----

  /** {@code values} in lists for an {@code IN}, in order ({@link InClause}). */
  static <T> List<List<T>> chunks(Collection<T> values) {
    return InClause.parts(values);
  }

  private static Connection connection(EntityManager em) {
    return em.unwrap(Connection.class);
  }

  /** Work on a connection that may throw SQLException. */
  private interface Work<T> {
    T run(EntityManager em) throws SQLException;
  }

  private <T> T read(Work<T> work) {
    return Transactions.readOnly(factory, em -> unchecked(em, work));
  }

  private <T> T snapshot(Work<T> work) {
    return Transactions.snapshot(factory, snapshotIsolation, em -> unchecked(em, work));
  }

  private <T> T write(Work<T> work) {
    return Transactions.write(factory, em -> unchecked(em, work));
  }

  private static <T> T unchecked(EntityManager em, Work<T> work) {
    try {
      return work.run(em);
    } catch (SQLException e) {
      throw new PersistenceException(e.getMessage(), e);
    }
  }

  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
