package org.tradewatch.persistence.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.tradewatch.persistence.listing.Fixtures.T0;
import static org.tradewatch.persistence.listing.Fixtures.bptf;
import static org.tradewatch.persistence.listing.Fixtures.listing;
import static org.tradewatch.persistence.listing.Fixtures.put;
import static org.tradewatch.persistence.listing.Fixtures.skinshark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.TestDatabase;

/** The sweep a fresh skinshark snapshot runs: what it no longer holds is marked deleted. */
class JpaListingStoreDeleteMissingTest {

  private static final Instant SNAPSHOT = T0.plusSeconds(3600);
  private static final Instant NOW = SNAPSHOT.plusSeconds(5);

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
  void marksDeletedOnlyOlderLiveListingsOfTheSourceThatTheSnapshotLacks() {
    put(
        store,
        listing(skinshark("kept"), "Kept", "1.00", "ss:1", T0),
        listing(skinshark("gone"), "Gone", "2.00", "ss:2", T0),
        listing(skinshark("touched"), "Touched by this session", "3.00", "ss:3", SNAPSHOT),
        listing(bptf("440_1"), "Other source", "4.00", "0".repeat(24), T0));
    Listing alreadyDeleted =
        new Listing(
            Fixtures.snapshot(skinshark("dead"), "Dead", "5.00").build(), T0, T0, "ss:4", T0);
    put(store, alreadyDeleted);

    List<ListingKey> swept = store.deleteMissing(Source.SKINSHARK, Set.of("kept"), SNAPSHOT, NOW);

    assertEquals(List.of(skinshark("gone")), swept);
    Listing gone = store.find(skinshark("gone")).orElseThrow();
    assertEquals(NOW, gone.deletedAt());
    assertEquals(NOW, gone.updatedAt());
    assertEquals("ss:2", gone.lastEventId(), "the last applied event stays what it was");
    assertNull(store.find(skinshark("kept")).orElseThrow().deletedAt());
    assertNull(store.find(skinshark("touched")).orElseThrow().deletedAt());
    assertNull(store.find(bptf("440_1")).orElseThrow().deletedAt());
    assertEquals(T0, store.find(skinshark("dead")).orElseThrow().deletedAt(), "left as it was");

    assertEquals(List.of(), store.deleteMissing(Source.SKINSHARK, Set.of("kept"), SNAPSHOT, NOW));
  }

  @Test
  void sweepsMoreListingsThanOneInList() {
    List<Listing> listings = new ArrayList<>();
    Set<String> keep = new HashSet<>();
    for (int i = 0; i < 1300; i++) {
      listings.add(listing(skinshark("ss_" + i), "Item " + i, "1.00", "ss:e" + i, T0));
      if (i % 2 == 0) {
        keep.add("ss_" + i);
      }
    }
    put(store, listings);

    List<ListingKey> swept = store.deleteMissing(Source.SKINSHARK, keep, SNAPSHOT, NOW);

    assertEquals(650, swept.size());
    assertNotNull(store.find(skinshark("ss_1")).orElseThrow().deletedAt());
    assertNull(store.find(skinshark("ss_2")).orElseThrow().deletedAt());
    assertNotNull(store.find(skinshark("ss_1299")).orElseThrow().deletedAt());
  }
}
