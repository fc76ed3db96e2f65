package org.tradewatch.persistence.listing;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * What the listing tables need beyond what EclipseLink creates from the entities, applied on every
 * start so that a database of any earlier release is brought up to date: the log's sequence, and
 * the search indexes, columns and tables that searches in SQL needed before the market model
 * answered them. Every index of the listing table was paid for by every ingested event (an H2
 * UPDATE removes and re-adds the row in each), which is why none is left.
 *
 * <p>The history of earlier releases ({@code listing_history}, one row per event, keyed by event
 * id) is left as it is and read where the log's history ends, until the retention has emptied it.
 */
public final class ListingSchema {

  /** The log's positions come from this sequence in blocks: one value per append. */
  static final String SEQUENCE = "listing_event_seq";

  /** Positions each value of {@link #SEQUENCE} stands for: more than one append ever writes. */
  static final int BLOCK = 4096;

  /** The history table of earlier releases. */
  static final String LEGACY_HISTORY = "listing_history";

  /** The item-name vocabulary of earlier releases, one row per source and distinct name. */
  static final String RETIRED_VOCABULARY = "listing_name";

  /** Indexes of earlier releases, all on the listing table. */
  static final List<String> RETIRED_INDEXES =
      List.of(
          "ix_listing_by_updated",
          "ix_listing_by_value",
          "ix_listing_by_value_desc",
          "ix_listing_by_item_name",
          "ix_listing_by_quality",
          "ix_listing_listing_id",
          "ix_listing_source_updated",
          "ix_listing_source_value",
          "ix_listing_updated",
          "ix_listing_recent",
          "ix_listing_value");

  private ListingSchema() {}

  /** Brings the database's listing tables to this release, on the caller's connection. */
  public static void apply(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String index : RETIRED_INDEXES) {
        statement.execute("DROP INDEX IF EXISTS " + index);
      }
      // The lower-case quality, generated for an index that is gone.
      statement.execute("ALTER TABLE listing DROP COLUMN IF EXISTS quality_key");
      // The item-name vocabulary of name searches in SQL (ItemNameEntity's table).
      statement.execute("DROP TABLE IF EXISTS " + RETIRED_VOCABULARY);
      statement.execute(
          "CREATE SEQUENCE IF NOT EXISTS " + SEQUENCE + " START WITH 1 INCREMENT BY " + BLOCK);
    }
  }

  /**
   * Whether the history table of an earlier release is there, in the schema the connection works
   * in: another schema of the same database (another copy of the application, a benchmark's) may
   * hold a table of that name, which the unqualified statements reading it would never reach.
   */
  static boolean hasLegacyHistory(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String escape = meta.getSearchStringEscape();
    String schema = connection.getSchema();
    for (String name : List.of(LEGACY_HISTORY, LEGACY_HISTORY.toUpperCase(Locale.ROOT))) {
      try (ResultSet tables =
          meta.getTables(
              null,
              schema == null ? null : literal(schema, escape),
              literal(name, escape),
              new String[] {"TABLE"})) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A metadata pattern matching {@code name} alone: its wildcards ({@code _}, {@code %}) escaped.
   */
  private static String literal(String name, String escape) {
    if (escape == null || escape.isEmpty()) {
      return name;
    }
    return name.replace(escape, escape + escape)
        .replace("_", escape + "_")
        .replace("%", escape + "%");
  }

  /** The statement that takes the next block of positions, in the database's dialect. */
  static String nextBlockSql(boolean h2) {
    return h2 ? "VALUES NEXT VALUE FOR " + SEQUENCE : "SELECT nextval('" + SEQUENCE + "')";
  }
}
