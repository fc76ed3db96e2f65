package org.tradewatch.persistence.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.persistence.listing.Fixtures.T0;
import static org.tradewatch.persistence.listing.Fixtures.bptf;
import static org.tradewatch.persistence.listing.Fixtures.entry;
import static org.tradewatch.persistence.listing.Fixtures.listing;
import static org.tradewatch.persistence.listing.Fixtures.put;
import static org.tradewatch.persistence.listing.Fixtures.skinshark;
import static org.tradewatch.persistence.listing.Fixtures.snapshot;

import jakarta.persistence.PersistenceException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.ingest.IngestPlan;
import org.tradewatch.core.ingest.ListingVersion;
import org.tradewatch.core.ingest.Tombstone;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.persistence.TestDatabase;

class JpaListingStoreIngestTest {

  private TestDatabase db;
  private JpaListingStore store;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    store = new JpaListingStore(db.factory());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void insertsThenFindsTheListingAsWritten() {
    Listing written = listing(bptf("440_1"), "Team Captain", "12.33", "e1", T0);

    IngestPlan plan = put(store, written);

    assertEquals(1, plan.applied());
    assertEquals(written, store.find(bptf("440_1")).orElseThrow());
    assertTrue(store.find(bptf("440_2")).isEmpty());
  }

  @Test
  void aWriteReplacesTheStoredListingWhole() {
    ListingKey key = bptf("440_1");
    put(
        store,
        listing(
            snapshot(key, "Team Captain", "12.33")
                .particle("Burning Flames")
                .details("old text")
                .build(),
            "e1",
            T0));
    Listing replacement = listing(key, "Strange Team Captain", "15", "e2", T0.plusSeconds(5));

    put(store, replacement);

    Listing stored = store.find(key).orElseThrow();
    assertEquals(replacement, stored);
    assertNull(stored.snapshot().particle());
    assertNull(stored.snapshot().details());
  }

  @Test
  void aDeletedListingIsKeptWithItsDeletionTimeAndARevivalClearsIt() {
    ListingKey key = bptf("440_1");
    Listing live = listing(key, "Team Captain", "12.33", "e1", T0);
    put(store, live);
    Instant deletedAt = T0.plusSeconds(10);
    Listing deleted = new Listing(live.snapshot(), deletedAt, deletedAt, "e2", deletedAt);

    put(store, deleted);

    Listing stored = store.find(key).orElseThrow();
    assertEquals(deletedAt, stored.deletedAt());
    assertEquals(live.snapshot(), stored.snapshot());
    assertEquals("e2", stored.lastEventId());

    Listing revived = listing(key, "Team Captain", "13", "e3", T0.plusSeconds(20));
    put(store, revived);

    assertEquals(revived, store.find(key).orElseThrow());
    assertFalse(store.find(key).orElseThrow().deleted());
  }

  @Test
  void aTombstoneMarksDeletedAndKeepsTheStoredSnapshot() {
    ListingKey key = skinshark("ss-1");
    ListingSnapshot snapshot =
        snapshot(key, "AK-47 | Redline", "10.5").valueUnit("USD").sellerName("Ann").build();
    put(store, listing(snapshot, "s1", T0));
    Instant removedAt = T0.plusSeconds(30);
    Instant appliedAt = T0.plusSeconds(31);
    Tombstone tombstone = new Tombstone(key, "s2", removedAt, removedAt, appliedAt);
    HistoryEntry entry =
        new HistoryEntry(key, "s2", HistoryEntry.Type.DELETE, removedAt, null, null);

    store.ingest(
        List.of(key),
        List.of("s2"),
        (current, applied) ->
            new IngestPlan(List.of(), List.of(tombstone), List.of(entry), 1, 0, 0, 0, 0));

    Listing stored = store.find(key).orElseThrow();
    assertEquals(new Listing(snapshot, appliedAt, removedAt, "s2", removedAt), stored);
    assertEquals(List.of(entry, entry(listing(snapshot, "s1", T0))), store.history(key, 10));
  }

  @Test
  void thePlannerSeesTheStoredVersionsOfTheNamedKeysOnly() {
    ListingKey live = bptf("440_1");
    ListingKey deleted = bptf("440_2");
    ListingKey sameIdOtherSource = skinshark("440_1");
    put(store, listing(live, "A", "1", "e1", T0));
    Listing gone = listing(deleted, "B", "2", "e2", T0);
    put(
        store,
        new Listing(
            gone.snapshot(), T0.plusSeconds(1), T0.plusSeconds(1), "e3", T0.plusSeconds(1)));
    put(store, listing(bptf("440_3"), "C", "3", "e4", T0));
    // Stored under another source than the named key with the same id: not the batch's listing.
    put(store, listing(skinshark("440_9"), "D", "4", "e5", T0));

    AtomicReference<Map<ListingKey, ListingVersion>> seen = new AtomicReference<>();
    store.ingest(
        List.of(live, deleted, sameIdOtherSource, bptf("440_9")),
        List.of(),
        (current, applied) -> {
          seen.set(Map.copyOf(current));
          return IngestPlan.empty();
        });

    assertEquals(
        Map.of(
            live,
            new ListingVersion("e1", T0, null),
            deleted,
            new ListingVersion("e3", T0.plusSeconds(1), T0.plusSeconds(1))),
        seen.get());
  }

  @Test
  void thePlannerSeesWhichEventIdsWereAppliedBefore() {
    put(
        store,
        listing(bptf("440_1"), "A", "1", "e1", T0),
        listing(bptf("440_2"), "B", "2", "e2", T0));

    AtomicReference<Set<String>> seen = new AtomicReference<>();
    store.ingest(
        List.of(bptf("440_1")),
        List.of("e1", "e2", "e3", "e1"),
        (current, applied) -> {
          seen.set(Set.copyOf(applied));
          return IngestPlan.empty();
        });

    assertEquals(Set.of("e1", "e2"), seen.get());
  }

  @Test
  void largeBatchesAreLoadedInChunksAcrossSources() {
    List<Listing> listings = new ArrayList<>();
    for (int i = 0; i < 1_201; i++) {
      ListingKey key = i % 3 == 0 ? skinshark("s" + i) : bptf("440_" + i);
      listings.add(listing(key, "Item " + i, Integer.toString(i), "e" + i, T0));
    }
    put(store, listings);

    Map<ListingKey, ListingVersion> expected = new HashMap<>();
    listings.forEach(l -> expected.put(l.key(), new ListingVersion(l.lastEventId(), T0, null)));
    AtomicReference<Map<ListingKey, ListingVersion>> versions = new AtomicReference<>();
    AtomicReference<Set<String>> applied = new AtomicReference<>();
    store.ingest(
        listings.stream().map(Listing::key).toList(),
        listings.stream().map(Listing::lastEventId).toList(),
        (current, ids) -> {
          versions.set(current);
          applied.set(ids);
          return IngestPlan.empty();
        });

    assertEquals(expected, versions.get());
    assertEquals(1_201, applied.get().size());
  }

  @Test
  void historyIsAppendedNewestFirstAndLimited() {
    ListingKey key = bptf("440_1");
    put(store, listing(key, "A", "1", "e1", T0));
    put(store, listing(key, "A", "2", "e2", T0.plusSeconds(1)));
    put(store, listing(key, "A", "3", "e3", T0.plusSeconds(2)));
    put(store, listing(bptf("440_2"), "B", "9", "e4", T0.plusSeconds(3)));

    List<HistoryEntry> history = store.history(key, 2);

    assertEquals(List.of("e3", "e2"), history.stream().map(HistoryEntry::eventId).toList());
    assertEquals(
        new HistoryEntry(
            key, "e3", HistoryEntry.Type.UPDATE, T0.plusSeconds(2), new BigDecimal("3"), "ref"),
        history.get(0));
    assertEquals(List.of(), store.history(key, 0));
    assertEquals(List.of(), store.history(bptf("440_404"), 10));
  }

  @Test
  void historyEventsOfTheSameInstantComeLatestAppliedFirst() {
    ListingKey key = bptf("440_1");
    put(store, listing(key, "A", "1", "b-first", T0));
    put(store, listing(key, "A", "2", "a-second", T0));

    assertEquals(
        List.of("a-second", "b-first"),
        store.history(key, 10).stream().map(HistoryEntry::eventId).toList());
  }

  @Test
  void purgeDeletesHistoryOlderThanTheCutoffOnly() {
    ListingKey key = bptf("440_1");
    put(store, listing(key, "A", "1", "e1", T0));
    put(store, listing(key, "A", "2", "e2", T0.plusSeconds(60)));
    put(store, listing(key, "A", "3", "e3", T0.plusSeconds(120)));

    assertEquals(1, store.purgeHistory(T0.plusSeconds(60)));

    assertEquals(
        List.of("e3", "e2"), store.history(key, 10).stream().map(HistoryEntry::eventId).toList());
    assertEquals("e3", store.find(key).orElseThrow().lastEventId());
    assertEquals(0, store.purgeHistory(T0));
  }

  @Test
  void aFailingPlannerStoresNothing() {
    put(store, listing(bptf("440_1"), "A", "1", "e1", T0));
    IllegalStateException failure = new IllegalStateException("planner broke");

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                store.ingest(
                    List.of(bptf("440_1")),
                    List.of("e2"),
                    (current, applied) -> {
                      throw failure;
                    }));

    assertSame(failure, thrown);
    assertEquals("e1", store.find(bptf("440_1")).orElseThrow().lastEventId());
  }

  @Test
  void aDatabaseErrorRollsBackTheWholeBatch() {
    ListingKey old = bptf("440_1");
    put(store, listing(old, "A", "1", "e1", T0));
    Listing update = listing(old, "A", "2", "e2", T0.plusSeconds(1));
    Listing insert = listing(bptf("440_2"), "B", "3", "e3", T0.plusSeconds(1));
    // Reusing an applied event id breaks the history's unique constraint at commit.
    HistoryEntry duplicate =
        new HistoryEntry(old, "e1", HistoryEntry.Type.UPDATE, T0.plusSeconds(1), null, null);
    IngestPlan plan =
        new IngestPlan(
            List.of(update, insert), List.of(), List.of(entry(insert), duplicate), 2, 0, 0, 0, 0);

    assertThrows(
        PersistenceException.class,
        () ->
            store.ingest(
                List.of(old, insert.key()), List.of("e2", "e3"), (current, applied) -> plan));

    assertEquals("e1", store.find(old).orElseThrow().lastEventId());
    assertTrue(store.find(insert.key()).isEmpty());
    assertEquals(
        List.of("e1"), store.history(old, 10).stream().map(HistoryEntry::eventId).toList());

    put(store, update, insert);
    assertEquals(update, store.find(old).orElseThrow());
  }

  @Test
  void aPlanForAListingTheBatchDidNotNameIsRefused() {
    Listing stray = listing(bptf("440_7"), "A", "1", "e1", T0);

    assertThrows(
        IllegalStateException.class,
        () ->
            store.ingest(
                List.of(bptf("440_1")),
                List.of("e1"),
                (current, applied) -> Fixtures.writing(List.of(stray))));

    assertTrue(store.find(stray.key()).isEmpty());
  }

  @Test
  void aTombstoneForAListingThatIsNotStoredIsRefused() {
    ListingKey key = bptf("440_1");
    Tombstone tombstone = new Tombstone(key, "e1", T0, T0, T0);

    assertThrows(
        IllegalStateException.class,
        () ->
            store.ingest(
                List.of(key),
                List.of("e1"),
                (current, applied) ->
                    new IngestPlan(List.of(), List.of(tombstone), List.of(), 1, 0, 0, 0, 0)));
  }

  @Test
  void payloadCurrenciesAndUserTextRoundTripExactly() {
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
            .intent(org.tradewatch.core.listing.Intent.BUY)
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
    Instant at = Instant.parse("2025-03-01T12:00:00.123456Z");
    Listing written = new Listing(snapshot, at, null, "65f1a2b3c4d5e6f708192a3b", at);

    put(store, written);

    Listing stored = store.find(key).orElseThrow();
    assertEquals(written, stored);
    assertEquals(
        List.copyOf(currencies.keySet()), List.copyOf(stored.snapshot().currencies().keySet()));
    assertEquals(new BigDecimal("0.10"), stored.snapshot().currencies().get("usd"));
  }

  @Test
  void valuesReadBackNumericallyEqualWithoutTheColumnsPaddingZeros() {
    put(
        store,
        listing(bptf("440_1"), "A", "10.50", "e1", T0),
        listing(bptf("440_2"), "B", "1E+3", "e2", T0),
        listing(bptf("440_3"), "C", "0.000000000001", "e3", T0));

    assertEquals(
        new BigDecimal("10.5"), store.find(bptf("440_1")).orElseThrow().snapshot().value());
    assertEquals(
        new BigDecimal("1000"), store.find(bptf("440_2")).orElseThrow().snapshot().value());
    assertEquals(
        new BigDecimal("0.000000000001"),
        store.find(bptf("440_3")).orElseThrow().snapshot().value());
  }

  @Test
  void instantsRoundTripToTheMicrosecond() {
    Instant nanos = Instant.parse("2024-10-27T01:30:00.123456789Z");
    ListingKey key = bptf("440_1");
    ListingSnapshot snapshot =
        snapshot(key, "A", "1").listedAt(Instant.EPOCH.minusMillis(1)).bumpedAt(nanos).build();
    put(store, new Listing(snapshot, nanos, nanos, "e1", T0));

    Listing stored = store.find(key).orElseThrow();

    Instant micros = Instant.parse("2024-10-27T01:30:00.123456Z");
    assertEquals(micros, stored.updatedAt());
    assertEquals(micros, stored.deletedAt());
    assertEquals(micros, stored.snapshot().bumpedAt());
    assertEquals(Instant.EPOCH.minusMillis(1), stored.snapshot().listedAt());
    assertEquals(T0, stored.lastEventAt());
  }

  @Test
  void overlongDisplayTextIsCutWithoutSplittingASurrogatePair() {
    ListingKey key = bptf("440_1");
    String name = "a".repeat(ListingEntity.ITEM_NAME_LENGTH - 1) + "\uD83D\uDD25 tail";
    put(store, listing(snapshot(key, name, "1").build(), "e1", T0));

    String stored = store.find(key).orElseThrow().snapshot().itemName();

    assertEquals("a".repeat(ListingEntity.ITEM_NAME_LENGTH - 1), stored);
  }
}
