package org.tradewatch.persistence.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradewatch.persistence.TestDatabase;
import org.tradewatch.persistence.TradewatchPersistence;

class ListingIndexesTest {

  private static final Set<String> EXPECTED =
      Set.of(
          "IX_LISTING_LISTING_ID",
          "IX_LISTING_RECENT",
          "IX_LISTING_VALUE",
          "IX_LISTING_HISTORY_LISTING",
          "IX_LISTING_HISTORY_EVENT_AT");

  @Test
  void aNewDatabaseGetsExactlyTheListedIndexes() throws SQLException {
    try (TestDatabase db = new TestDatabase();
        Connection connection = DriverManager.getConnection(db.url(), "sa", "")) {
      assertEquals(EXPECTED, secondaryIndexes(connection));
    }
  }

  @Test
  void aDatabaseOfAnEarlierReleaseLosesTheRetiredIndexesAndGainsTheNewOnes(@TempDir Path dir)
      throws SQLException {
    String url = "jdbc:h2:file:" + dir.resolve("old").toAbsolutePath();
    TradewatchPersistence.create(url, "sa", "", Map.of()).close();
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        Statement statement = connection.createStatement()) {
      // The indexes as the earlier release's annotations made them.
      statement.execute("DROP INDEX ix_listing_recent");
      statement.execute("CREATE INDEX ix_listing_source_updated ON listing (source, updated_at)");
      statement.execute("CREATE INDEX ix_listing_source_value ON listing (source, value_amount)");
      statement.execute("CREATE INDEX ix_listing_updated ON listing (updated_at)");
    }

    TradewatchPersistence.create(url, "sa", "", Map.of()).close();

    try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
      assertEquals(EXPECTED, secondaryIndexes(connection));
    }
  }

  @Test
  void theDefaultNewestFirstPageIsReadInIndexOrderInsteadOfSortingEveryMatch() throws SQLException {
    try (TestDatabase db = new TestDatabase();
        Connection connection = DriverManager.getConnection(db.url(), "sa", "");
        Statement statement = connection.createStatement();
        // The order ListingSearch gives a -updated query: the sort, then the key, all descending.
        ResultSet plan =
            statement.executeQuery(
                "EXPLAIN SELECT source, listing_id FROM listing WHERE deleted_at IS NULL"
                    + " ORDER BY updated_at DESC, source DESC, listing_id DESC"
                    + " FETCH FIRST 100 ROWS ONLY")) {
      assertTrue(plan.next());
      String text = plan.getString(1);
      assertTrue(text.contains("IX_LISTING_RECENT") && text.contains("index sorted"), text);
    }
  }

  private static Set<String> secondaryIndexes(Connection connection) throws SQLException {
    Set<String> names = new TreeSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES"
                    + " WHERE TABLE_NAME IN ('LISTING', 'LISTING_HISTORY')"
                    + " AND INDEX_TYPE_NAME <> 'PRIMARY KEY'")) {
      while (rows.next()) {
        names.add(rows.getString(1).toUpperCase(Locale.ROOT));
      }
    }
    return names;
  }
}
