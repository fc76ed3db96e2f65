package org.tradewatch.persistence.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.persistence.listing.Fixtures.T0;
import static org.tradewatch.persistence.listing.Fixtures.bptf;
import static org.tradewatch.persistence.listing.Fixtures.delete;
import static org.tradewatch.persistence.listing.Fixtures.historyOf;
import static org.tradewatch.persistence.listing.Fixtures.remove;
import static org.tradewatch.persistence.listing.Fixtures.skinshark;
import static org.tradewatch.persistence.listing.Fixtures.snapshot;
import static org.tradewatch.persistence.listing.Fixtures.update;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tradewatch.core.ingest.IngestResult;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.listing.StoreLimits;
import org.tradewatch.persistence.TestDatabase;

/** The ingest rules meeting the store: events through IngestService, read back as readers do. */
class JpaListingStoreIngestTest {

  /** When Tradewatch applies what the tests ingest: the updated (and deletion) time stored. */
  private static final Instant NOW = Instant.parse("2025-03-01T13:00:00.654321Z");

  /** Where a listing is read back from: every way must give the listing as it was written. */
  enum Readback {
    /** Its log row. */
    LOG,
    /** The checkpoint table, once the log rows were folded into it and purged. */
    CHECKPOINT_TABLE,
    /** A restarted instance, whose model was built from the log. */
    RESTART,
    /** A restarted instance, whose model was built from the checkpoint table alone. */
    RESTART_FROM_CHECKPOINT
  }

  private TestDatabase db;
  private Market market;
  private final List<EntityManagerFactory> restarts = new ArrayList<>();

  @BeforeEach
  void open() {
    db = new TestDatabase();
    market = new Market(db.factory(), NOW);
  }

  @AfterEach
  void close() {
    restarts.forEach(EntityManagerFactory::close);
    db.close();
  }

  /** The market to read what was ingested back from, {@code how}. */
  private Market readBack(Readback how) {
    if (how == Readback.CHECKPOINT_TABLE || how == Readback.RESTART_FROM_CHECKPOINT) {
      market.checkpointAndPurgeEverything();
    }
    if (how == Readback.LOG || how == Readback.CHECKPOINT_TABLE) {
      return market;
    }
    EntityManagerFactory factory = db.open();
    restarts.add(factory);
    return Market.restarted(factory, NOW);
  }

  @Test
  void insertsThenFindsTheListingAsWritten() {
    ListingSnapshot snapshot = snapshot(bptf("440_1"), "Team Captain", "12.33").build();

    IngestResult result = market.apply(update(snapshot, "e1", T0));

    assertEquals(1, result.applied());
    Listing written = new Listing(snapshot, NOW, null, "e1", T0);
    assertEquals(written, market.find(bptf("440_1")));
    assertTrue(market.reader.find(bptf("440_2")).isEmpty());
    assertEquals(List.of(written), market.reader.findAll(List.of(bptf("440_1"), bptf("440_2"))));
    assertEquals(List.of(written), market.reader.search(ListingQuery.all()).items());
  }

  @ParameterizedTest
  @EnumSource(Readback.class)
  void aWriteReplacesTheStoredListingWhole(Readback how) {
    ListingKey key = bptf("440_1");
    market.apply(
        update(
            snapshot(key, "Team Captain", "12.33")
                .particle("Burning Flames")
                .details("old text")
                .build(),
            "e1",
            T0));
    ListingSnapshot replacement = snapshot(key, "Strange Team Captain", "15").build();
    Instant later = NOW.plusSeconds(5);

    market.at(later).apply(update(replacement, "e2", T0.plusSeconds(5)));

    Listing stored = readBack(how).find(key);
    assertEquals(new Listing(replacement, later, null, "e2", T0.plusSeconds(5)), stored);
    assertNull(stored.snapshot().particle());
    assertNull(stored.snapshot().details());
  }

  @Test
  void aDeletedListingIsKeptWithItsDeletionTimeAndARevivalClearsIt() {
    ListingKey key = bptf("440_1");
    market.apply(update(key, "Team Captain", "12.33", "e1", T0));
    ListingSnapshot asDeleted = snapshot(key, "Team Captain", "12").build();
    Instant deletedAt = NOW.plusSeconds(10);

    market.at(deletedAt).apply(delete(asDeleted, "e2", T0.plusSeconds(10)));

    assertEquals(
        new Listing(asDeleted, deletedAt, deletedAt, "e2", T0.plusSeconds(10)), market.find(key));

    ListingSnapshot revived = snapshot(key, "Team Captain", "13").build();
    Instant revivedAt = NOW.plusSeconds(20);
    market.at(revivedAt).apply(update(revived, "e3", T0.plusSeconds(20)));

    assertEquals(new Listing(revived, revivedAt, null, "e3", T0.plusSeconds(20)), market.find(key));
  }

  @Test
  void aTombstoneMarksTheListingDeletedAndKeepsTheStoredSnapshot() {
    ListingKey key = skinshark("ss-1");
    ListingSnapshot snapshot =
        snapshot(key, "AK-47 | Redline", "10.5").valueUnit("USD").sellerName("Ann").build();
    market.apply(update(snapshot, "s1", T0));
    Instant removedAt = NOW.plusSeconds(31);

    IngestResult result = market.at(removedAt).apply(remove(key, "s2", T0.plusSeconds(30)));

    assertEquals(1, result.applied());
    assertEquals(
        new Listing(snapshot, removedAt, removedAt, "s2", T0.plusSeconds(30)), market.find(key));
    List<HistoryEntry> history = market.reader.history(key, 10);
    assertEquals(
        List.of(HistoryEntry.Type.DELETE, HistoryEntry.Type.UPDATE),
        history.stream().map(HistoryEntry::type).toList());
    assertEquals(List.of("s2", "s1"), market.historyIds(key));
  }

  @Test
  void aTombstoneKeepsTheSnapshotOfAListingWhoseRowsOnlyTheCheckpointTableHolds() {
    ListingKey key = skinshark("ss-1");
    ListingSnapshot snapshot = snapshot(key, "AK-47 | Redline", "10.5").valueUnit("USD").build();
    market.apply(update(snapshot, "s1", T0));
    market.checkpointAndPurgeEverything();
    Instant removedAt = NOW.plusSeconds(31);

    market.at(removedAt).apply(remove(key, "s2", T0.plusSeconds(30)));

    assertEquals(
        new Listing(snapshot, removedAt, removedAt, "s2", T0.plusSeconds(30)), market.find(key));
    assertEquals(List.of("s2"), market.historyIds(key), "the purged update's row is gone");
  }

  @Test
  void aReplayOfAnEventOfTheSameInstantIsFoundAlongTheListingsRowsAsADuplicate() {
    ListingKey key = bptf("440_1");
    // Upstream times have one-second resolution: events of one second all apply, so only the
    // store can tell a replay of an earlier one from a new event.
    market.applyEach(
        update(key, "A", "1", "e1", T0),
        update(key, "A", "2", "e2", T0),
        update(key, "A", "3", "e3", T0),
        update(bptf("440_2"), "B", "9", "e9", T0));

    IngestResult replay = market.at(NOW.plusSeconds(60)).apply(update(key, "A", "1", "e1", T0));
    IngestResult frame =
        market.apply(update(key, "A", "2", "e2", T0), update(key, "A", "3", "e3", T0));

    assertEquals(1, replay.duplicates());
    assertEquals(0, replay.applied());
    assertEquals(2, frame.duplicates());
    assertEquals(0, frame.applied());
    Listing stored = market.find(key);
    assertEquals("e3", stored.lastEventId());
    assertEquals(NOW, stored.updatedAt());
    assertEquals(List.of("e3", "e2", "e1"), market.historyIds(key));
  }

  @Test
  void historyIsNewestFirstAndLimited() {
    ListingKey key = bptf("440_1");
    market.applyEach(
        update(key, "A", "1", "e1", T0),
        update(key, "A", "2", "e2", T0.plusSeconds(1)),
        update(key, "A", "3", "e3", T0.plusSeconds(2)),
        update(bptf("440_2"), "B", "9", "e4", T0.plusSeconds(3)));

    assertEquals(
        List.of(
            historyOf(key, "e3", T0.plusSeconds(2), "3"),
            historyOf(key, "e2", T0.plusSeconds(1), "2")),
        market.reader.history(key, 2));
    assertEquals(List.of(), market.reader.history(key, 0));
    assertEquals(List.of(), market.reader.history(bptf("440_404"), 10));
  }

  @Test
  void historyEventsOfTheSameInstantComeLatestAppliedFirst() {
    ListingKey key = bptf("440_1");
    market.applyEach(update(key, "A", "1", "b-first", T0), update(key, "A", "2", "a-second", T0));

    assertEquals(List.of("a-second", "b-first"), market.historyIds(key));
  }

  @Test
  void aFailingAppendStoresNothingAndLeavesTheModelAsItWas() {
    ListingKey old = bptf("440_1");
    market.apply(update(old, "A", "1", "e1", T0));
    ListingState before = market.state(old);
    ListingKey added = bptf("440_2");
    // No decoder lets a value this large through; the column refuses it, failing the append
    // after the frame's first row was written.
    String overflowing = "1e30";

    assertThrows(
        PersistenceException.class,
        () ->
            market
                .at(NOW.plusSeconds(1))
                .apply(
                    update(old, "A", "2", "e2", T0.plusSeconds(1)),
                    update(added, "B", overflowing, "e3", T0.plusSeconds(1))));

    assertEquals(before, market.state(old));
    assertTrue(market.model.state(added).isEmpty());
    assertEquals("e1", market.find(old).lastEventId());
    assertEquals(List.of("e1"), market.historyIds(old));
    assertEquals(
        List.of("e1"),
        market.store.after(Source.BPTF, 0, 10).stream()
            .map(logged -> logged.listing().lastEventId())
            .toList(),
        "no row of the failed append is in the log");

    IngestResult retried =
        market.apply(
            update(old, "A", "2", "e2", T0.plusSeconds(1)),
            update(added, "B", "3", "e3", T0.plusSeconds(1)));
    assertEquals(2, retried.applied());
    assertEquals("e2", market.find(old).lastEventId());
    assertEquals("e3", market.find(added).lastEventId());
  }

  @ParameterizedTest
  @EnumSource(Readback.class)
  void payloadCurrenciesAndUserTextRoundTripExactly(Readback how) {
    ListingKey key = bptf("440_76561198000000000_0123456789abcdef0123456789abcdef");
    Map<String, BigDecimal> currencies = new LinkedHashMap<>();
    currencies.put("metal", new BigDecimal("22.11"));
    currencies.put("keys", new BigDecimal("1"));
    currencies.put("usd", new BigDecimal("0.10"));
    currencies.put("big", new BigDecimal("1E+3"));
    String html =
        "<script>alert('x')</script> &amp; \"quoted\" \u00e9\u4e2d\u6587 \uD83D\uDD25\uD83D\uDC51";
    String payload =
        "{\"id\":\""
            + key.id()
            + "\",\"details\":\""
            + html.replace("\"", "\\\"")
            + "\","
            + "\"user\":{\"name\":\"\u0416\u0435\u043d\u044f \uD83D\uDE00\",\"bans\":{\"4\":0}},"
            + "\"pad\":\""
            + "x".repeat(20_000)
            + "\"}";
    ListingSnapshot snapshot =
        ListingSnapshot.builder(key)
            .appid(730)
            .itemName("\u2605 Karambit | Fade \uD83D\uDD2A")
            .quality("Unusual")
            .qualityColor("#8650AC")
            .particle("Burning Flames")
            .wear("Factory New (0.0071)")
            .imageUrl("https://example.test/i/1.png?a=1&b=2")
            .intent(Intent.BUY)
            .currencies(currencies)
            .value(new BigDecimal("1234.555555555555"))
            .valueUnit("ref")
            .sellerId("76561198000000000")
            .sellerName("\u0416\u0435\u043d\u044f \uD83D\uDE00 <b>bold</b>")
            .details(html)
            .listedAt(Instant.parse("2025-01-02T03:04:05.678Z"))
            .bumpedAt(Instant.parse("2025-01-01T00:00:00.001Z"))
            .payload(payload)
            .build();
    market.apply(update(snapshot, "65f1a2b3c4d5e6f708192a3b", T0));

    Listing stored = readBack(how).find(key);

    assertEquals(new Listing(snapshot, NOW, null, "65f1a2b3c4d5e6f708192a3b", T0), stored);
    assertEquals(
        List.copyOf(currencies.keySet()), List.copyOf(stored.snapshot().currencies().keySet()));
    assertEquals("0.10", stored.snapshot().currencies().get("usd").toPlainString());
  }

  @ParameterizedTest
  @EnumSource(Readback.class)
  void valuesReadBackNumericallyEqualWithoutTheColumnsPaddingZeros(Readback how) {
    market.apply(
        update(bptf("440_1"), "A", "10.50", "e1", T0),
        update(bptf("440_2"), "B", "1E+3", "e2", T0),
        update(bptf("440_3"), "C", "0.000000000001", "e3", T0));

    Market reader = readBack(how);
    assertEquals(new BigDecimal("10.5"), reader.find(bptf("440_1")).snapshot().value());
    assertEquals(new BigDecimal("1000"), reader.find(bptf("440_2")).snapshot().value());
    assertEquals(new BigDecimal("0.000000000001"), reader.find(bptf("440_3")).snapshot().value());
  }

  @ParameterizedTest
  @EnumSource(Readback.class)
  void instantsRoundTripToTheMicrosecond(Readback how) {
    Instant nanos = Instant.parse("2024-10-27T01:30:00.123456789Z");
    ListingKey key = bptf("440_1");
    ListingSnapshot snapshot =
        snapshot(key, "A", "1").listedAt(Instant.EPOCH.minusMillis(1)).bumpedAt(nanos).build();
    market.at(nanos).apply(delete(snapshot, "e1", T0));

    Listing stored = readBack(how).find(key);

    Instant micros = Instant.parse("2024-10-27T01:30:00.123456Z");
    assertEquals(micros, stored.updatedAt());
    assertEquals(micros, stored.deletedAt());
    assertEquals(micros, stored.snapshot().bumpedAt());
    assertEquals(Instant.EPOCH.minusMillis(1), stored.snapshot().listedAt());
    assertEquals(T0, stored.lastEventAt());
  }

  @ParameterizedTest
  @EnumSource(Readback.class)
  void overlongDisplayTextIsCutWithoutSplittingASurrogatePair(Readback how) {
    ListingKey key = bptf("440_1");
    String name = "a".repeat(StoreLimits.ITEM_NAME_LENGTH - 1) + "\uD83D\uDD25 tail";
    market.apply(update(snapshot(key, name, "1").build(), "e1", T0));

    assertEquals(
        "a".repeat(StoreLimits.ITEM_NAME_LENGTH - 1),
        readBack(how).find(key).snapshot().itemName());
  }
}
