package org.tradewatch.persistence.listing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The indexes of the listing and history tables, kept here rather than in {@code @Index}
 * annotations: EclipseLink's create-or-extend creates annotated indexes only together with their
 * table, so an index added or dropped later would never reach a database that already exists.
 * {@link #apply} runs on every start and brings any database to this list.
 *
 * <p>Every index is paid for by each ingested event (an H2 update removes and re-adds the row in
 * every index of its table), so each one here names the query it serves. The statements are plain
 * {@code CREATE INDEX IF NOT EXISTS} and {@code DROP INDEX IF EXISTS}, which H2 and PostgreSQL both
 * take.
 *
 * <p>None on item_name (a search is a substring LIKE, which no B-tree helps) or deleted_at (nearly
 * every live query wants the live rows, too many for an index to pay).
 */
public final class ListingIndexes {

  /** An index and why it is worth its cost on the ingest path. */
  record Definition(String name, String table, String columns, String serves) {
    String createSql() {
      return "CREATE INDEX IF NOT EXISTS " + name + " ON " + table + " (" + columns + ")";
    }
  }

  static final List<Definition> INDEXES =
      List.of(
          new Definition(
              "ix_listing_listing_id",
              "listing",
              "listing_id",
              // H2 takes an IN list only on an index's first column, and the primary key starts
              // with source.
              "ingest: the stored versions of a batch's listings, looked up by id"),
          new Definition(
              "ix_listing_recent",
              "listing",
              "updated_at DESC, source DESC, listing_id DESC",
              // The direction matters: H2 reads an index only forwards, so only a descending
              // index serves ORDER BY ... DESC without sorting every match.
              "the default sort, newest first (-updated), read in index order"),
          new Definition(
              "ix_listing_value", "listing", "value_amount", "price ranges (minValue, maxValue)"),
          new Definition(
              "ix_listing_history_listing",
              "listing_history",
              "source, listing_id, event_at",
              "a listing's history, newest first"),
          new Definition(
              "ix_listing_history_event_at",
              "listing_history",
              "event_at",
              "the retention purge of old history"));

  /**
   * Indexes earlier releases created that no query could use (ascending on updated_at while every
   * page sorts it descending, or led by source, which nearly every row shares), so they cost every
   * ingested event for nothing.
   */
  static final List<String> DROPPED =
      List.of("ix_listing_source_updated", "ix_listing_source_value", "ix_listing_updated");

  private ListingIndexes() {}

  /** Creates the missing indexes and drops the retired ones, on the caller's connection. */
  public static void apply(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String name : DROPPED) {
        statement.execute("DROP INDEX IF EXISTS " + name);
      }
      for (Definition index : INDEXES) {
        statement.execute(index.createSql());
      }
    }
  }
}
