package org.tradewatch.persistence.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.persistence.listing.Fixtures.T0;
import static org.tradewatch.persistence.listing.Fixtures.bptf;
import static org.tradewatch.persistence.listing.Fixtures.historyOf;
import static org.tradewatch.persistence.listing.Fixtures.remove;
import static org.tradewatch.persistence.listing.Fixtures.skinshark;
import static org.tradewatch.persistence.listing.Fixtures.snapshot;
import static org.tradewatch.persistence.listing.Fixtures.update;

import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.ingest.IngestResult;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.persistence.TestDatabase;

/**
 * The listing tables' shape: no index but the primary keys, and a database of the previous release
 * (search indexes, a generated column, a vocabulary, history by event id) upgraded on start so that
 * its listings and history read on as before.
 */
class ListingSchemaTest {

  private static final Instant NOW = Instant.parse("2025-03-01T13:00:00.654321Z");

  private static final ListingKey CAPTAIN = bptf("440_1");
  private static final ListingKey EARBUDS = bptf("440_2");
  private static final ListingKey REDLINE = skinshark("ss-1");
  private static final ListingKey ASIIMOV = skinshark("ss-2");

  /** A live listing the previous release stored, with two events in its history. */
  private static final Listing CAPTAIN_BEFORE =
      new Listing(
          snapshot(CAPTAIN, "Strange Team Captain", "12.33")
              .quality("Strange")
              .currencies(Map.of("metal", new BigDecimal("12.33")))
              .sellerName("Ann")
              .build(),
          T0.minusSeconds(3600).plusNanos(456_000),
          null,
          "b-2",
          T0.minusSeconds(3600));

  private static final Listing EARBUDS_BEFORE =
      new Listing(
          snapshot(EARBUDS, "Earbuds", "2").build(),
          T0.minusSeconds(3000),
          T0.minusSeconds(3000),
          "b-3",
          T0.minusSeconds(3000));

  /** Its last two events share their second, as upstream's one-second times often do. */
  private static final Listing REDLINE_BEFORE =
      new Listing(
          snapshot(REDLINE, "AK-47 | Redline", "10.5").valueUnit("USD").build(),
          T0.minusSeconds(1800),
          null,
          "s-2",
          T0.minusSeconds(1800));

  private static final Listing ASIIMOV_BEFORE =
      new Listing(
          snapshot(ASIIMOV, "AWP | Asiimov", "45").valueUnit("USD").build(),
          T0.minusSeconds(1700),
          null,
          "s-3",
          T0.minusSeconds(1700));

  private static final HistoryEntry B1 = historyOf(CAPTAIN, "b-1", T0.minusSeconds(7200), "11");
  private static final HistoryEntry B2 = historyOf(CAPTAIN, "b-2", T0.minusSeconds(3600), "12.33");
  private static final HistoryEntry S1 = usd(REDLINE, "s-1", T0.minusSeconds(1800), "10");
  private static final HistoryEntry S2 = usd(REDLINE, "s-2", T0.minusSeconds(1800), "10.5");

  private static HistoryEntry usd(ListingKey key, String eventId, Instant at, String value) {
    return new HistoryEntry(
        key, eventId, HistoryEntry.Type.UPDATE, at, new BigDecimal(value), "USD");
  }

  /** A database as the previous release left it, not opened by this release yet. */
  private static TestDatabase previousRelease() throws SQLException {
    TestDatabase db = TestDatabase.empty();
    try {
      PreviousRelease.createIn(db)
          .listing(CAPTAIN_BEFORE)
          .listing(EARBUDS_BEFORE)
          .listing(REDLINE_BEFORE)
          .listing(ASIIMOV_BEFORE)
          .history(B1, 1)
          .history(B2, 2)
          .history(
              new HistoryEntry(
                  EARBUDS,
                  "b-3",
                  HistoryEntry.Type.DELETE,
                  T0.minusSeconds(3000),
                  new BigDecimal("2"),
                  "ref"),
              3)
          .history(S1, 4)
          .history(S2, 5)
          .history(usd(ASIIMOV, "s-3", T0.minusSeconds(1700), "45"), 6);
      return db;
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  @Test
  void aNewDatabaseHasNoIndexButThePrimaryKeysOnTheListingTables() throws SQLException {
    try (TestDatabase db = new TestDatabase();
        Connection connection = db.connect()) {
      for (String table : List.of("listing", "listing_event", "listing_checkpoint")) {
        assertEquals(Set.of(), secondaryIndexes(db, connection, table), table);
      }
    }
  }

  @Test
  void aBatchOfKeysIsLookedUpAlongThePrimaryKeyOnH2() throws SQLException {
    // No index on listing_id alone is kept for this (every index costs every ingested event), so
    // the lookup must not fall back to walking a source's listings.
    try (TestDatabase db = TestDatabase.h2();
        Connection connection = db.connect();
        PreparedStatement statement =
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
  void theUpgradeDropsTheSearchIndexesTheGeneratedQualityAndTheVocabulary() throws SQLException {
    try (TestDatabase db = previousRelease()) {
      try (Connection connection = db.connect()) {
        assertEquals(5, secondaryIndexes(db, connection, "listing").size(), "as it was");
        assertTrue(hasColumn(connection, "listing", "quality_key"), "as it was");
        assertTrue(hasTable(connection, "listing_name"), "as it was");
      }

      db.factory();

      try (Connection connection = db.connect()) {
        assertEquals(Set.of(), secondaryIndexes(db, connection, "listing"));
        assertFalse(hasColumn(connection, "listing", "quality_key"));
        assertFalse(hasTable(connection, "listing_name"), "the vocabulary is gone");
        assertTrue(hasTable(connection, "listing_history"), "read where the log's history ends");
      }
    }
  }

  @Test
  void theIndexesOfOlderReleasesGoToo() throws SQLException {
    try (TestDatabase db = previousRelease()) {
      try (Connection connection = db.connect();
          Statement statement = connection.createStatement()) {
        // Led by source, ascending where pages sort descending, or on listing_id alone.
        statement.execute(
            "CREATE INDEX ix_listing_recent ON listing (updated_at DESC, source DESC,"
                + " listing_id DESC)");
        statement.execute("CREATE INDEX ix_listing_value ON listing (value_amount)");
        statement.execute("CREATE INDEX ix_listing_source_updated ON listing (source, updated_at)");
        statement.execute("CREATE INDEX ix_listing_source_value ON listing (source, value_amount)");
        statement.execute("CREATE INDEX ix_listing_updated ON listing (updated_at)");
        statement.execute("CREATE INDEX ix_listing_listing_id ON listing (listing_id)");
      }

      db.factory();

      try (Connection connection = db.connect()) {
        assertEquals(Set.of(), secondaryIndexes(db, connection, "listing"));
      }
    }
  }

  @Test
  void listingsOfThePreviousReleaseAreReadAndSearchedAsTheyWere() throws SQLException {
    try (TestDatabase db = previousRelease()) {
      Market market = Market.restarted(db.factory(), NOW);

      for (Listing before :
          List.of(CAPTAIN_BEFORE, EARBUDS_BEFORE, REDLINE_BEFORE, ASIIMOV_BEFORE)) {
        assertEquals(before, market.find(before.key()));
      }
      assertEquals(
          List.of(CAPTAIN_BEFORE),
          market
              .reader
              .search(
                  new ListingQuery(
                      "team captain",
                      null,
                      null,
                      "strange",
                      null,
                      null,
                      null,
                      false,
                      ListingSort.UPDATED_DESC,
                      1,
                      10,
                      null))
              .items());
      assertEquals(3, market.reader.search(ListingQuery.all()).total(), "the deleted one is not");
      assertEquals(List.of(B2, B1), market.reader.history(CAPTAIN, 10));
      assertEquals(List.of(S2), market.reader.history(REDLINE, 1));
    }
  }

  @Test
  void newEventsOfAnOldListingShowBeforeItsOldHistoryAndItsOldEventsStayApplied()
      throws SQLException {
    try (TestDatabase db = previousRelease()) {
      Market market = Market.restarted(db.factory(), NOW);

      market.apply(update(CAPTAIN, "Strange Team Captain", "13", "b-4", T0));

      assertEquals(List.of("b-4", "b-2", "b-1"), market.historyIds(CAPTAIN));
      IngestResult replay =
          market.apply(update(CAPTAIN, "Strange Team Captain", "11", "b-1", B1.eventAt()));
      assertEquals(1, replay.duplicates());
      // Of the same second as the listing's last event: only its history tells it from a new one.
      IngestResult sameSecond =
          market.apply(update(REDLINE, "AK-47 | Redline", "10", "s-1", S1.eventAt()));
      assertEquals(1, sameSecond.duplicates());
      assertEquals(0, sameSecond.applied());
      assertEquals(REDLINE_BEFORE, market.find(REDLINE));
    }
  }

  @Test
  void aTombstoneAndASweepOfAnOldListingKeepItsSnapshot() throws SQLException {
    try (TestDatabase db = previousRelease()) {
      Market market = Market.restarted(db.factory(), NOW);

      market.apply(remove(REDLINE, "s-4", T0));
      market.sweep(Set.of(), T0.minusSeconds(60));

      assertEquals(
          new Listing(REDLINE_BEFORE.snapshot(), NOW, NOW, "s-4", T0), market.find(REDLINE));
      assertEquals(List.of("s-4", "s-2", "s-1"), market.historyIds(REDLINE));
      assertEquals(
          new Listing(ASIIMOV_BEFORE.snapshot(), NOW, NOW, "s-3", T0.minusSeconds(1700)),
          market.find(ASIIMOV));
      assertEquals(List.of("s-3"), market.historyIds(ASIIMOV));
    }
  }

  @Test
  void aCheckpointFoldsNewStatesOverTheOldRowsAndARestartBuildsTheSameModel() throws SQLException {
    try (TestDatabase db = previousRelease()) {
      Market market = Market.restarted(db.factory(), NOW);
      market.apply(update(CAPTAIN, "Strange Team Captain", "13", "b-4", T0));
      market.apply(remove(REDLINE, "s-4", T0));

      market.checkpoint();

      EntityManagerFactory factory = db.open();
      try {
        Market restarted = Market.restarted(factory, NOW);
        assertEquals(Market.everything(market.model), Market.everything(restarted.model));
        for (ListingKey key : List.of(CAPTAIN, EARBUDS, REDLINE, ASIIMOV)) {
          assertEquals(market.find(key), restarted.find(key));
        }
        assertEquals(EARBUDS_BEFORE, restarted.find(EARBUDS));
        assertEquals(List.of("b-4", "b-2", "b-1"), restarted.historyIds(CAPTAIN));
      } finally {
        factory.close();
      }
    }
  }

  @Test
  void thePurgeDeletesTheOldHistoryByItsEventTime() throws SQLException {
    try (TestDatabase db = previousRelease()) {
      Market market = Market.restarted(db.factory(), NOW);

      assertEquals(1, market.store.purgeHistory(B2.eventAt()));

      assertEquals(List.of("b-2"), market.historyIds(CAPTAIN));
      assertEquals(List.of("s-2", "s-1"), market.historyIds(REDLINE));
    }
  }

  @Test
  void aHistoryTableOfAnotherSchemaIsNotTakenForThisDatabases() throws SQLException {
    try (TestDatabase db = new TestDatabase()) {
      String other = "other_" + UUID.randomUUID().toString().replace("-", "");
      try (Connection connection = db.connect();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE SCHEMA " + other);
        statement.execute(
            "CREATE TABLE " + other + ".listing_history (event_id VARCHAR(128) PRIMARY KEY)");
      }
      try {
        Market market = new Market(db.factory(), NOW);
        ListingKey key = bptf("440_1");
        market.applyEach(update(key, "A", "1", "e1", T0), update(key, "A", "2", "e2", T0));

        assertEquals(List.of("e2", "e1"), market.historyIds(key));
        assertEquals(1, market.apply(update(key, "A", "1", "e1", T0)).duplicates());
        assertEquals(0, market.store.purgeHistory(NOW.plusSeconds(1)), "nothing is folded in");
      } finally {
        try (Connection connection = db.connect();
            Statement statement = connection.createStatement()) {
          statement.execute("DROP SCHEMA " + other + " CASCADE");
        }
      }
    }
  }

  private static Set<String> secondaryIndexes(TestDatabase db, Connection connection, String table)
      throws SQLException {
    Set<String> names = new TreeSet<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            db.isPostgres()
                ? "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
                    + " AND tablename = ? AND indexname NOT LIKE '%\\_pkey'"
                : "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES"
                    + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND LOWER(TABLE_NAME) = ?"
                    + " AND INDEX_TYPE_NAME <> 'PRIMARY KEY'")) {
      query.setString(1, table);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }

  private static boolean hasColumn(Connection connection, String table, String column)
      throws SQLException {
    return exists(
        connection,
        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE LOWER(TABLE_SCHEMA) ="
            + " LOWER(CURRENT_SCHEMA) AND LOWER(TABLE_NAME) = ? AND LOWER(COLUMN_NAME) = ?",
        table,
        column);
  }

  private static boolean hasTable(Connection connection, String table) throws SQLException {
    return exists(
        connection,
        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_SCHEMA) ="
            + " LOWER(CURRENT_SCHEMA) AND LOWER(TABLE_NAME) = ?",
        table);
  }

  private static boolean exists(Connection connection, String countSql, String... values)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(countSql)) {
      for (int i = 0; i < values.length; i++) {
        query.setString(i + 1, values[i]);
      }
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1) > 0;
      }
    }
  }
}
