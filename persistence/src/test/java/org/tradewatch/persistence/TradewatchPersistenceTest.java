package org.tradewatch.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradewatch.core.ingest.IngestPlan;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.status.StreamCounters;
import org.tradewatch.persistence.listing.JpaListingStore;
import org.tradewatch.persistence.status.JpaStreamStatusStore;

class TradewatchPersistenceTest {

  @Test
  void picksTheDriverFromTheUrl() {
    assertEquals("org.h2.Driver", TradewatchPersistence.driverFor("jdbc:h2:mem:x"));
    assertEquals(
        "org.postgresql.Driver", TradewatchPersistence.driverFor("jdbc:postgresql://db/tw"));
    assertNull(TradewatchPersistence.driverFor("jdbc:mariadb://db/tw"));
  }

  @Test
  void refusesAnUnknownDatabaseWithoutADriverAndNamesTheProperty() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TradewatchPersistence.create("jdbc:mariadb://db/tw", "u", "p", Map.of()));

    assertTrue(e.getMessage().contains(TradewatchPersistence.JDBC_DRIVER), e.getMessage());
  }

  @Test
  void anUnreachableDatabaseFailsAtCreation() {
    // IFEXISTS refuses to create the database, so the first connection fails like a down server.
    assertThrows(
        PersistenceException.class,
        () -> TradewatchPersistence.create("jdbc:h2:mem:absent;IFEXISTS=TRUE", "sa", "", Map.of()));
  }

  @Test
  void pingIsTrueWhileTheDatabaseAnswersAndFalseOnceClosed() {
    TestDatabase db = new TestDatabase();
    EntityManagerFactory factory = db.factory();

    assertTrue(TradewatchPersistence.ping(factory));

    db.close();
    assertFalse(TradewatchPersistence.ping(factory));
  }

  @Test
  void aFileDatabaseKeepsItsDataWhenTheFactoryIsReopened(@TempDir Path dir) throws IOException {
    String url = "jdbc:h2:file:" + dir.resolve("tradewatch").toAbsolutePath();
    ListingKey key = new ListingKey(Source.BPTF, "440_1");
    Instant at = Instant.parse("2025-03-01T12:00:00.123456Z");
    ListingSnapshot snapshot =
        ListingSnapshot.builder(key)
            .itemName("Team Captain \uD83C\uDFA9")
            .currencies(Map.of("metal", new BigDecimal("1.33")))
            .value(new BigDecimal("1.33"))
            .payload("{\"id\":\"440_1\"}")
            .build();
    Listing listing = new Listing(snapshot, at, null, "e1", at);
    HistoryEntry entry =
        new HistoryEntry(key, "e1", HistoryEntry.Type.UPDATE, at, new BigDecimal("1.33"), "ref");
    StreamCounters counters = new StreamCounters(Source.BPTF, 1, 0, 0, 0, at);

    EntityManagerFactory first = TradewatchPersistence.create(url, "sa", "secret", Map.of());
    try {
      new JpaListingStore(first)
          .ingest(
              List.of(key),
              List.of("e1"),
              (current, applied) ->
                  new IngestPlan(List.of(listing), List.of(), List.of(entry), 1, 0, 0, 0, 0));
      new JpaStreamStatusStore(first).save(counters);
    } finally {
      first.close();
    }
    assertTrue(Files.list(dir).findAny().isPresent(), "the database is a file");

    EntityManagerFactory second = TradewatchPersistence.create(url, "sa", "secret", Map.of());
    try {
      JpaListingStore store = new JpaListingStore(second);
      assertEquals(listing, store.find(key).orElseThrow());
      assertEquals(List.of(entry), store.history(key, 10));
      assertEquals(counters, new JpaStreamStatusStore(second).load(Source.BPTF).orElseThrow());
      // The history sequence continues past the ids the first factory handed out.
      ListingKey other = new ListingKey(Source.BPTF, "440_2");
      Listing next = new Listing(snapshot.toBuilder().build(), at, null, "e2", at);
      store.ingest(
          List.of(key),
          List.of("e2"),
          (current, applied) ->
              new IngestPlan(
                  List.of(next),
                  List.of(),
                  List.of(
                      new HistoryEntry(key, "e2", HistoryEntry.Type.UPDATE, at, null, null),
                      new HistoryEntry(other, "e3", HistoryEntry.Type.UPDATE, at, null, null)),
                  1,
                  0,
                  0,
                  0,
                  0));
      assertEquals(2, store.history(key, 10).size());
    } finally {
      second.close();
    }
  }

  @Test
  void extraPropertiesOverrideTheDefaults() {
    // Without DB_CLOSE_DELAY the in-memory database goes away with the factory's connections.
    EntityManagerFactory factory =
        TradewatchPersistence.create(
            "jdbc:h2:mem:" + UUID.randomUUID(),
            "sa",
            "",
            Map.of("eclipselink.jdbc.batch-writing", "None"));
    try {
      assertEquals("None", factory.getProperties().get("eclipselink.jdbc.batch-writing"));
      assertEquals("false", factory.getProperties().get("eclipselink.weaving"));
      assertTrue(TradewatchPersistence.ping(factory));
    } finally {
      factory.close();
    }
  }
}
