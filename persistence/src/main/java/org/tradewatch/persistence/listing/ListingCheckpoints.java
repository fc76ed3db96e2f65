package org.tradewatch.persistence.listing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.tradewatch.core.listing.Source;

/**
 * The SQL of checkpoints and of the retention: folding log rows into the listing table, the marker
 * of how far each source's log is folded, and deleting rows past both.
 */
final class ListingCheckpoints {

  /** Rows one purge transaction deletes at most. */
  static final int PURGE_SLICE = 10_000;

  private static final String FOLDED =
      ListingLogRows.SNAPSHOT + ", updated_at, deleted_at, last_event_id, last_event_at, last_seq";

  private static final String FROM_LOG =
      ListingLogRows.SNAPSHOT + ", updated_at, deleted_at, event_id, event_at, seq";

  private ListingCheckpoints() {}

  /**
   * Folds the log rows at the given positions ({@code count} of them) into the listing table: a row
   * replaces the listing's only if it is newer, so checkpoints may overlap or repeat.
   */
  static String merge(int count) {
    StringBuilder set = new StringBuilder();
    String[] targets = FOLDED.split(",\\s*");
    String[] sources = FROM_LOG.split(",\\s*");
    for (int i = 0; i < targets.length; i++) {
      set.append(i == 0 ? "" : ", ").append(targets[i]).append(" = s.").append(sources[i]);
    }
    return "MERGE INTO listing t USING (SELECT source, listing_id, "
        + FROM_LOG
        + " FROM listing_event WHERE seq IN "
        + ListingLogRows.placeholders(count)
        + ") s ON (t.source = s.source AND t.listing_id = s.listing_id)"
        + " WHEN MATCHED AND (t.last_seq IS NULL OR t.last_seq < s.seq) THEN UPDATE SET "
        + set
        + " WHEN NOT MATCHED THEN INSERT (source, listing_id, "
        + FOLDED
        + ") VALUES (s.source, s.listing_id, s."
        + String.join(", s.", sources)
        + ")";
  }

  /** Where the source's log is folded up to, 0 for nowhere. */
  static long seq(Connection connection, Source source) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT seq FROM listing_checkpoint WHERE source = ?")) {
      query.setString(1, source.id());
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getLong(1) : 0;
      }
    }
  }

  /**
   * Whether the source has a marker. Its first append creates one (see {@link #appended}), so a
   * source without one has no rows in the log.
   */
  static boolean marked(Connection connection, Source source) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM listing_checkpoint WHERE source = ?")) {
      query.setString(1, source.id());
      try (ResultSet row = query.executeQuery()) {
        return row.next();
      }
    }
  }

  /**
   * Records, in the transaction of an append, where the source's log now ends; the source's first
   * append also marks it just below its first row (a source without a marker thus has nothing in
   * the log, and start-up need not scan the log for it). One row's update per append.
   */
  static void appended(
      Connection connection, Source source, long firstSeq, long lastSeq, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE listing_checkpoint SET appended_seq = ? WHERE source = ?")) {
      update.setLong(1, lastSeq);
      update.setString(2, source.id());
      if (update.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO listing_checkpoint (source, seq, appended_seq, written_at)"
                + " VALUES (?, ?, ?, ?)")) {
      insert.setString(1, source.id());
      insert.setLong(2, firstSeq - 1);
      insert.setLong(3, lastSeq);
      insert.setLong(4, JpaListingStore.micros(now));
      insert.executeUpdate();
    }
  }

  /**
   * Where the source's log ends, as its last committed append recorded it; 0 when it has none. A
   * source's appends commit one after another in position order, so every row of the source up to
   * this is committed.
   */
  static long appendedSeq(Connection connection, Source source) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT appended_seq FROM listing_checkpoint WHERE source = ?")) {
      query.setString(1, source.id());
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getLong(1) : 0;
      }
    }
  }

  /** Moves the source's marker to {@code upTo}, never back. */
  static void advance(Connection connection, Source source, long upTo, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE listing_checkpoint SET seq = ?, written_at = ? WHERE source = ? AND seq < ?")) {
      update.setLong(1, upTo);
      update.setLong(2, JpaListingStore.micros(now));
      update.setString(3, source.id());
      update.setLong(4, upTo);
      // A marker that is there but not behind upTo stays; only a missing one is inserted. Its seq
      // says nothing about that: a source checkpointed before it logged anything is marked at 0.
      if (update.executeUpdate() == 1 || marked(connection, source)) {
        return;
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO listing_checkpoint (source, seq, written_at) VALUES (?, ?, ?)")) {
      insert.setString(1, source.id());
      insert.setLong(2, upTo);
      insert.setLong(3, JpaListingStore.micros(now));
      insert.executeUpdate();
    }
  }

  /**
   * The first position whose row was applied at or after {@code cutoff}, found along the primary
   * key: positions are taken in time order, so the log needs no index on its times. Past the last
   * row when every row is older.
   */
  static long firstSeqAtOrAfter(Connection connection, Instant cutoff) throws SQLException {
    long low;
    long high;
    try (PreparedStatement bounds =
            connection.prepareStatement("SELECT MIN(seq), MAX(seq) FROM listing_event");
        ResultSet row = bounds.executeQuery()) {
      row.next();
      low = row.getLong(1);
      if (row.wasNull()) {
        return 0;
      }
      high = row.getLong(2) + 1;
    }
    long cutoffMicros = JpaListingStore.micros(cutoff);
    long found = high;
    try (PreparedStatement first =
        connection.prepareStatement(
            "SELECT seq, updated_at FROM listing_event WHERE seq >= ? ORDER BY seq"
                + " FETCH FIRST 1 ROWS ONLY")) {
      while (low < high) {
        long middle = low + (high - low) / 2;
        first.setLong(1, middle);
        try (ResultSet row = first.executeQuery()) {
          if (!row.next() || row.getLong(1) >= high) {
            high = middle;
          } else if (row.getLong(2) >= cutoffMicros) {
            found = row.getLong(1);
            high = middle;
          } else {
            low = row.getLong(1) + 1;
          }
        }
      }
    }
    return found;
  }

  /** Deletes up to {@link #PURGE_SLICE} of the source's rows below {@code below}. */
  static int purgeSlice(Connection connection, Source source, long below) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM listing_event WHERE seq IN (SELECT seq FROM listing_event"
                + " WHERE seq < ? AND source = ? ORDER BY seq FETCH FIRST "
                + PURGE_SLICE
                + " ROWS ONLY)")) {
      delete.setLong(1, below);
      delete.setString(2, source.id());
      return delete.executeUpdate();
    }
  }
}
