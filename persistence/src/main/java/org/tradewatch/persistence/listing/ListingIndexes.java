package org.tradewatch.persistence.listing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

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
 * <p>A name search does not scan item names: it matches the text against the vocabulary of distinct
 * names ({@link ItemNames}) and looks the matching names up in {@link #BY_NAME}.
 */
public final class ListingIndexes {

  /** An index and why it is worth its cost on the ingest path. */
  record Definition(String name, String table, String columns, String serves) {
    String createSql() {
      return "CREATE INDEX IF NOT EXISTS " + name + " ON " + table + " (" + columns + ")";
    }
  }

  /** Newest first, the default order; covers every filter column, so no row is read to filter. */
  static final String BY_UPDATED = "ix_listing_by_updated";

  /** Cheapest first, listings without a value last; covers the filters. */
  static final String BY_VALUE = "ix_listing_by_value";

  /** Dearest first, listings without a value last; covers the filters. */
  static final String BY_VALUE_DESC = "ix_listing_by_value_desc";

  /**
   * A name search's listings by name; covers the filters and the value, not updated_at: every entry
   * is rewritten at every event, so each column costs ingest.
   */
  static final String BY_NAME = "ix_listing_by_item_name";

  /**
   * A quality filter's count, for a quality few listings have: counting 1,000 Collector's items (2
   * %) along a value index read 50,000 entries, and along this index reads 1,000. Keyed by {@link
   * #QUALITY_KEY}, since the filter ignores case.
   */
  static final String BY_QUALITY = "ix_listing_by_quality";

  /**
   * The listing's quality in lower case, kept by the database itself (a generated column, which the
   * entity does not map): the key of {@link #BY_QUALITY}, since an index cannot ignore case.
   */
  static final String QUALITY_KEY = "quality_key";

  /** The columns a search filters on, carried in each search index after its own key. */
  private static final String FILTERS = "deleted_at, intent, quality, appid";

  static final List<Definition> INDEXES =
      List.of(
          new Definition(
              BY_UPDATED,
              "listing",
              "updated_at DESC, source DESC, listing_id DESC, "
                  + FILTERS
                  + ", value_amount, item_name",
              // The direction matters: H2 reads an index only forwards, so only a descending
              // index serves ORDER BY ... DESC without sorting every match. The filter columns
              // after the key let a search test a listing from the index entry alone (H2 reads
              // the row only for a column the index lacks): 0.8 us an entry against 3.3 us a row.
              "the default sort, newest first (-updated), and any filter along it"),
          new Definition(
              BY_VALUE,
              "listing",
              "value_amount ASC NULLS LAST, source ASC, listing_id ASC, " + FILTERS,
              // No item_name: carrying it in both value indexes cost ingest a tenth of its rate
              // (2,702 against 2,962 events/s), since an UPDATE rewrites every index's entry.
              "sort by value, cheapest first; price ranges"),
          new Definition(
              BY_VALUE_DESC,
              "listing",
              "value_amount DESC NULLS LAST, source DESC, listing_id DESC, " + FILTERS,
              "sort by value, dearest first (-value)"),
          new Definition(
              BY_NAME,
              "listing",
              "item_name, source, listing_id, " + FILTERS + ", value_amount",
              // Counted from the index alone; sorting newest first reads the few rows.
              "a name search that matches few listings: their entries by name, sorted in memory"),
          new Definition(
              BY_QUALITY,
              "listing",
              QUALITY_KEY + ", deleted_at, intent, source, appid",
              "the count of a quality filter, which the value and updated indexes walk slowly"),
          // The history's own indexes cost only inserts: history rows are never updated.
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
   * Indexes earlier releases created: led by source, which nearly every row shares, or ascending on
   * updated_at while every page sorts it descending, so no query could use them; or narrower
   * versions of the search indexes above, which made every filtered search read whole rows; or
   * listing_id alone, for lookups by key that the primary key now serves ({@link KeyLookup}).
   */
  static final List<String> DROPPED =
      List.of(
          "ix_listing_listing_id",
          "ix_listing_source_updated",
          "ix_listing_source_value",
          "ix_listing_updated",
          "ix_listing_recent",
          "ix_listing_value");

  private ListingIndexes() {}

  /**
   * Adds {@link #QUALITY_KEY} where it is missing. Its type has no length: a lower-case text can be
   * longer than the original (one capital letter can become two), and a length would refuse that
   * listing. PostgreSQL asks for {@code STORED}, which H2 does not know.
   */
  static String qualityKeySql(Connection connection) throws SQLException {
    boolean postgres =
        connection
            .getMetaData()
            .getDatabaseProductName()
            .toLowerCase(Locale.ROOT)
            .contains("postgres");
    return "ALTER TABLE listing ADD COLUMN IF NOT EXISTS "
        + QUALITY_KEY
        + " VARCHAR GENERATED ALWAYS AS (LOWER(quality))"
        + (postgres ? " STORED" : "");
  }

  /**
   * Creates the missing indexes and drops the retired ones, on the caller's connection; then fills
   * the item-name vocabulary of a database that predates it ({@link ItemNames#backfill}).
   */
  public static void apply(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(qualityKeySql(connection));
      for (String name : DROPPED) {
        statement.execute("DROP INDEX IF EXISTS " + name);
      }
      for (Definition index : INDEXES) {
        statement.execute(index.createSql());
      }
    }
    ItemNames.backfill(connection);
  }
}
