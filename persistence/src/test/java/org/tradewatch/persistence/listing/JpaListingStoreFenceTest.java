package org.tradewatch.persistence.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.persistence.listing.Fixtures.T0;
import static org.tradewatch.persistence.listing.Fixtures.bptf;
import static org.tradewatch.persistence.listing.Fixtures.listing;
import static org.tradewatch.persistence.listing.Fixtures.skinshark;
import static org.tradewatch.persistence.listing.Fixtures.update;
import static org.tradewatch.persistence.listing.Fixtures.updated;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.cluster.LeaseLostException;
import org.tradewatch.core.cluster.LeaseView;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.TestDatabase;
import org.tradewatch.persistence.cluster.JpaLeaseStore;

/** Leased appends: once another instance took the lease over, the old holder stores nothing. */
class JpaListingStoreFenceTest {

  private static final Duration TTL = Duration.ofSeconds(15);

  private TestDatabase db;
  private JpaLeaseStore leases;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    leases = new JpaLeaseStore(db.factory());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aTakenOverHolderAppendsNothingAndTheTakeoverRecordsTheGap() {
    Instant now = Instant.now();
    Lease a = leases.acquire(Source.BPTF, "node-a", now.minus(TTL), TTL).orElseThrow();
    Market nodeA = new Market(db.factory(), now, a);
    nodeA.apply(update(bptf("440_1"), "First", "1", "6".repeat(24), T0));
    Instant lastByA = leases.view(Source.BPTF).orElseThrow().lastAppliedAt();
    assertNotNull(lastByA, "the fence records each leased append");

    Lease b = leases.acquire(Source.BPTF, "node-b", now.plusMillis(1), TTL).orElseThrow();
    LeaseLostException lost =
        assertThrows(
            LeaseLostException.class,
            () -> nodeA.apply(update(bptf("440_2"), "Late", "2", "7".repeat(24), T0)));
    assertEquals(a, lost.lease());
    assertTrue(nodeA.model.state(bptf("440_2")).isEmpty(), "the model took nothing either");

    Market nodeB = Market.restarted(db.factory(), now, b);
    assertTrue(nodeB.reader.find(bptf("440_2")).isEmpty(), "nothing of the fenced append");
    nodeB.apply(update(bptf("440_2"), "Late", "2", "7".repeat(24), T0));
    assertEquals("7".repeat(24), nodeB.find(bptf("440_2")).lastEventId());
    LeaseView.Takeover takeover = leases.view(Source.BPTF).orElseThrow().lastTakeover();
    assertEquals(lastByA, takeover.lastAppliedBefore());
    assertNotNull(takeover.firstAppliedAfter());
    assertFalse(takeover.gap().isNegative(), "gap " + takeover.gap());
  }

  @Test
  void anUnfencedAppendAsksNoLease() {
    JpaListingStore store = new JpaListingStore(db.factory());
    Listing listing = listing(bptf("440_3"), "Unfenced", "3", "8".repeat(24), T0);

    long[] seqs = store.append(Source.BPTF, List.of(updated(listing, 0)), null);

    assertEquals(1, store.after(Source.BPTF, 0, 10).size());
    assertTrue(seqs[0] > 0);
    assertTrue(leases.view(Source.BPTF).isEmpty());
  }

  @Test
  void theHoldersRenewalNeverWaitsForAnAppendInFlight() throws Exception {
    Instant now = Instant.now();
    Lease a = leases.acquire(Source.BPTF, "node-a", now, TTL).orElseThrow();
    JpaListingStore store = new JpaListingStore(db.factory());
    Listing listing = listing(bptf("440_5"), "Slow", "1", "5".repeat(24), T0);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (AppendGate gate = AppendGate.closedOn(db)) {
      Future<long[]> append =
          pool.submit(() -> store.append(Source.BPTF, List.of(updated(listing, 0)), a));
      assertTrue(gate.awaitHeld(Duration.ofSeconds(30)), "the append reached its first row");

      // The append's transaction is open: the renewal must not queue behind it.
      Future<Boolean> renewal = pool.submit(() -> leases.renew(a, now.plusSeconds(5), TTL));
      assertTrue(renewal.get(30, TimeUnit.SECONDS), "renewed while the append was in flight");
      assertFalse(append.isDone());

      gate.open();
      append.get(30, TimeUnit.SECONDS);
      assertEquals(1, store.after(Source.BPTF, 0, 10).size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theSnapshotSweepIsFencedToo() {
    Instant now = Instant.now();
    Lease a = leases.acquire(Source.SKINSHARK, "node-a", now.minus(TTL), TTL).orElseThrow();
    Market nodeA = new Market(db.factory(), now, a);
    nodeA.apply(update(skinshark("gone"), "Gone", "1", "ss:1", T0));
    leases.acquire(Source.SKINSHARK, "node-b", now.plusMillis(1), TTL).orElseThrow();

    assertThrows(LeaseLostException.class, () -> nodeA.sweep(Set.of(), T0.plusSeconds(1)));

    assertNull(nodeA.find(skinshark("gone")).deletedAt());
    assertNull(nodeA.state(skinshark("gone")).deletedAt(), "the model took nothing either");
  }
}
