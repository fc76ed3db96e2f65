package org.tradewatch.persistence.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.tradewatch.persistence.listing.Fixtures.T0;
import static org.tradewatch.persistence.listing.Fixtures.bptf;
import static org.tradewatch.persistence.listing.Fixtures.delete;
import static org.tradewatch.persistence.listing.Fixtures.skinshark;
import static org.tradewatch.persistence.listing.Fixtures.snapshot;
import static org.tradewatch.persistence.listing.Fixtures.update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.market.MarketChange;
import org.tradewatch.core.stream.ListingEvent;
import org.tradewatch.persistence.TestDatabase;

/** The sweep a fresh skinshark snapshot runs: what it no longer holds is marked deleted. */
class JpaListingStoreSweepTest {

  private static final Instant APPLIED = T0.plusSeconds(60);
  private static final Instant SNAPSHOT = T0.plusSeconds(3600);
  private static final Instant NOW = SNAPSHOT.plusSeconds(5);

  private TestDatabase db;
  private Market market;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    market = new Market(db.factory(), APPLIED);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void marksDeletedOnlyOlderLiveListingsOfTheSourceThatTheSnapshotLacks() {
    ListingSnapshot gone = snapshot(skinshark("gone"), "Gone", "2").valueUnit("USD").build();
    market.apply(
        update(skinshark("kept"), "Kept", "1", "ss:1", T0),
        update(gone, "ss:2", T0),
        update(skinshark("touched"), "Touched by this session", "3", "ss:3", SNAPSHOT),
        delete(snapshot(skinshark("dead"), "Dead", "5").build(), "ss:4", T0));
    market.apply(update(bptf("440_1"), "Other source", "4", "0".repeat(24), T0));

    List<MarketChange> swept = market.at(NOW).sweep(Set.of("kept"), SNAPSHOT);

    assertEquals(
        List.of(skinshark("gone")), swept.stream().map(change -> change.after().key()).toList());
    assertEquals(
        new Listing(gone, NOW, NOW, "ss:2", T0),
        market.find(skinshark("gone")),
        "marked deleted now, keeping its snapshot and its last applied event");
    assertEquals(List.of("ss:2"), market.historyIds(skinshark("gone")), "no upstream event");
    assertNull(market.find(skinshark("kept")).deletedAt());
    assertNull(market.find(skinshark("touched")).deletedAt());
    assertNull(market.find(bptf("440_1")).deletedAt());
    assertEquals(APPLIED, market.find(skinshark("dead")).deletedAt(), "left as it was");

    assertEquals(List.of(), market.sweep(Set.of("kept"), SNAPSHOT));
  }

  @Test
  void sweepsMoreListingsThanOneInList() {
    List<ListingEvent> events = new ArrayList<>();
    Set<String> keep = new HashSet<>();
    for (int i = 0; i < 1300; i++) {
      events.add(update(skinshark("ss_" + i), "Item " + i, "1", "ss:e" + i, T0));
      if (i % 2 == 0) {
        keep.add("ss_" + i);
      }
    }
    market.apply(events.toArray(ListingEvent[]::new));

    assertEquals(650, market.at(NOW).sweep(keep, SNAPSHOT).size());

    assertNotNull(market.find(skinshark("ss_1")).deletedAt());
    assertNull(market.find(skinshark("ss_2")).deletedAt());
    assertNotNull(market.find(skinshark("ss_1299")).deletedAt());
  }

  @Test
  void sweepsAListingWhoseRowsOnlyTheCheckpointTableHolds() {
    ListingSnapshot gone = snapshot(skinshark("gone"), "Gone", "2").build();
    market.apply(update(gone, "ss:2", T0));
    market.checkpointAndPurgeEverything();

    market.at(NOW).sweep(Set.of(), SNAPSHOT);

    assertEquals(new Listing(gone, NOW, NOW, "ss:2", T0), market.find(skinshark("gone")));
  }
}
