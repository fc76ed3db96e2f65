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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradewatch.core.ingest.ListingStore;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.ListingState;
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
            .valueUnit("ref")
            .payload("{\"id\":\"440_1\"}")
            .build();
    Listing listing = new Listing(snapshot, at, null, "e1", at);
    HistoryEntry entry =
        new HistoryEntry(key, "e1", HistoryEntry.Type.UPDATE, at, new BigDecimal("1.33"), "ref");
    StreamCounters counters = new StreamCounters(Source.BPTF, 1, 0, 0, 0, at);

    long seq;
    EntityManagerFactory first = TradewatchPersistence.create(url, "sa", "secret", Map.of());
    try {
      seq = new JpaListingStore(first).append(Source.BPTF, List.of(logged(listing, 0)), null)[0];
      new JpaStreamStatusStore(first).save(counters);
    } finally {
      first.close();
    }
    assertTrue(Files.list(dir).findAny().isPresent(), "the database is a file");

    EntityManagerFactory second = TradewatchPersistence.create(url, "sa", "secret", Map.of());
    try {
      JpaListingStore store = new JpaListingStore(second);
      List<ListingState> states = new ArrayList<>();
      store.states(states::addAll);
      assertEquals(List.of(ListingState.of(listing, seq)), states);
      assertEquals(List.of(listing), store.load(states));
      assertEquals(List.of(entry), store.history(states.get(0), 10));
      assertEquals(counters, new JpaStreamStatusStore(second).load(Source.BPTF).orElseThrow());
      // The log's positions continue past those the first factory handed out.
      Listing next = new Listing(snapshot, at, null, "e2", at);
      long nextSeq = store.append(Source.BPTF, List.of(logged(next, seq)), null)[0];
      assertTrue(nextSeq > seq, nextSeq + " after " + seq);
      assertEquals(2, store.history(ListingState.of(next, nextSeq), 10).size());
    } finally {
      second.close();
    }
  }

  private static ListingStore.LogEntry logged(Listing listing, long previousSeq) {
    return new ListingStore.LogEntry(
        listing.key(),
        ListingStore.Kind.UPDATE,
        listing.lastEventId(),
        listing.lastEventAt(),
        listing.snapshot(),
        listing.updatedAt(),
        listing.deletedAt(),
        previousSeq);
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
