package org.tradewatch.persistence.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tradewatch.persistence.TestDatabase;

class ListingIndexesTest {

  private static final Set<String> EXPECTED =
      Set.of(
          "IX_LISTING_BY_UPDATED",
          "IX_LISTING_BY_VALUE",
          "IX_LISTING_BY_VALUE_DESC",
          "IX_LISTING_BY_ITEM_NAME",
          "IX_LISTING_BY_QUALITY",
          "IX_LISTING_HISTORY_LISTING",
          "IX_LISTING_HISTORY_EVENT_AT");

  @Test
  void aNewDatabaseGetsExactlyTheListedIndexes() throws SQLException {
    try (TestDatabase db = new TestDatabase();
        Connection connection = db.connect()) {
      assertEquals(EXPECTED, secondaryIndexes(db, connection));
    }
  }

  @Test
  void aDatabaseOfAnEarlierReleaseLosesTheRetiredIndexesAndGainsTheNewOnes() throws SQLException {
    try (TestDatabase db = new TestDatabase()) {
      anEarlierReleasesIndexes(db);

      db.open().close();

      try (Connection connection = db.connect()) {
        assertEquals(EXPECTED, secondaryIndexes(db, connection));
      }
    }
  }

  private static void anEarlierReleasesIndexes(TestDatabase db) throws SQLException {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      // The indexes as the earlier release's annotations made them.
      statement.execute("DROP INDEX ix_listing_by_updated");
      statement.execute("DROP INDEX ix_listing_by_value");
      statement.execute("DROP INDEX ix_listing_by_value_desc");
      statement.execute("DROP INDEX ix_listing_by_item_name");
      statement.execute(
          "CREATE INDEX ix_listing_recent ON listing (updated_at DESC, source DESC, listing_id DESC)");
      statement.execute("CREATE INDEX ix_listing_value ON listing (value_amount)");
      statement.execute("CREATE INDEX ix_listing_source_updated ON listing (source, updated_at)");
      statement.execute("CREATE INDEX ix_listing_source_value ON listing (source, value_amount)");
      statement.execute("CREATE INDEX ix_listing_updated ON listing (updated_at)");
      statement.execute("CREATE INDEX IF NOT EXISTS ix_listing_listing_id ON listing (listing_id)");
    }
  }

  @ParameterizedTest
  @CsvSource({
    "ix_listing_by_updated, 'updated_at DESC, source DESC, listing_id DESC'",
    "ix_listing_by_value, 'value_amount ASC NULLS LAST, source ASC, listing_id ASC'",
    "ix_listing_by_value_desc, 'value_amount DESC NULLS LAST, source DESC, listing_id DESC'",
  })
  void eachSortIsReadInItsIndexOrderInsteadOfSortingEveryMatch(String index, String order)
      throws SQLException {
    // H2's plan, with the index ListingSearch names for H2; PostgreSQL's planner weighs LIMIT.
    try (TestDatabase db = TestDatabase.h2();
        Connection connection = db.connect();
        Statement statement = connection.createStatement();
        // The statement ListingSearch gives a page of that sort, filters and all.
        ResultSet plan =
            statement.executeQuery(
                "EXPLAIN SELECT source, listing_id FROM listing USE INDEX ("
                    + index
                    + ") WHERE source = 'bptf' AND LOWER(quality) = LOWER('Unusual')"
                    + " AND deleted_at IS NULL ORDER BY "
                    + order
                    + " LIMIT 101 OFFSET 0")) {
      assertTrue(plan.next());
      String text = plan.getString(1);
      assertTrue(
          text.toUpperCase(Locale.ROOT).contains(index.toUpperCase(Locale.ROOT))
              && text.contains("index sorted"),
          text);
    }
  }

  @Test
  void aBatchOfKeysIsLookedUpAlongThePrimaryKeyOnH2() throws SQLException {
    // No index on listing_id alone is kept for this (every index costs every ingested event), so
    // the lookup must not fall back to walking a source's listings.
    try (TestDatabase db = TestDatabase.h2();
        Connection connection = db.connect();
        java.sql.PreparedStatement statement =
            connection.prepareStatement(
                "EXPLAIN SELECT l.listing_id, l.last_event_id" + KeyLookup.H2_FROM)) {
      statement.setObject(1, new String[] {"bptf", "skinshark"});
      statement.setObject(2, new String[] {"440_1", "730_2"});
      try (ResultSet plan = statement.executeQuery()) {
        assertTrue(plan.next());
        String text = plan.getString(1);
        assertTrue(
            text.contains("PRIMARY_KEY")
                && text.contains("SOURCE = WANTED_SOURCE")
                && text.contains("LISTING_ID = WANTED_ID"),
            text);
      }
    }
  }

  @Test
  void aDatabaseFromBeforeTheVocabularyGetsItsNamesFromItsListings() throws SQLException {
    try (TestDatabase db = new TestDatabase()) {
      aDatabaseFromBeforeTheVocabulary(db);
    }
  }

  private static void aDatabaseFromBeforeTheVocabulary(TestDatabase db) throws SQLException {
    Fixtures.put(
        new JpaListingStore(db.factory()),
        java.util.List.of(
            Fixtures.listing(Fixtures.bptf("1"), "Team Captain", "1", "e1", Fixtures.T0),
            Fixtures.listing(Fixtures.bptf("2"), "Team Captain", "2", "e2", Fixtures.T0),
            Fixtures.listing(
                Fixtures.skinshark("3"),
                "AK-47 | Redline (Field-Tested)",
                "3",
                "e3",
                Fixtures.T0)));
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM listing_name");
    }

    var factory = db.open();
    try {
      var found =
          new JpaListingStore(factory)
              .search(
                  new org.tradewatch.core.listing.ListingQuery(
                      "captain",
                      null,
                      null,
                      null,
                      null,
                      null,
                      false,
                      org.tradewatch.core.listing.ListingSort.UPDATED_DESC,
                      1,
                      10));
      assertEquals(2, found.total());
    } finally {
      factory.close();
    }
  }

  private static Set<String> secondaryIndexes(TestDatabase db, Connection connection)
      throws SQLException {
    Set<String> names = new TreeSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                db.isPostgres()
                    ? "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
                        + " AND tablename IN ('listing', 'listing_history')"
                        + " AND indexname NOT LIKE '%\\_pkey'"
                    : "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES"
                        + " WHERE TABLE_NAME IN ('LISTING', 'LISTING_HISTORY')"
                        + " AND INDEX_TYPE_NAME <> 'PRIMARY KEY'")) {
      while (rows.next()) {
        names.add(rows.getString(1).toUpperCase(Locale.ROOT));
      }
    }
    return names;
  }
}
