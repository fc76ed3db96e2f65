package org.tradewatch.persistence.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.persistence.listing.Fixtures.T0;
import static org.tradewatch.persistence.listing.Fixtures.bptf;
import static org.tradewatch.persistence.listing.Fixtures.listing;
import static org.tradewatch.persistence.listing.Fixtures.skinshark;
import static org.tradewatch.persistence.listing.Fixtures.writing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
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
import org.tradewatch.core.ingest.IngestPlan;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.TestDatabase;
import org.tradewatch.persistence.cluster.JpaLeaseStore;

/** Leased writes: once another instance took the lease over, the old holder stores nothing. */
class JpaListingStoreFenceTest {

  private static final Duration TTL = Duration.ofSeconds(15);

  private TestDatabase db;
  private JpaListingStore store;
  private JpaLeaseStore leases;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    store = new JpaListingStore(db.factory());
    leases = new JpaLeaseStore(db.factory());
  }

  @AfterEach
  void close() {
    db.close();
  }

  private IngestPlan put(Lease lease, Listing... listings) {
    IngestPlan plan = writing(List.of(listings));
    return store.ingest(
        List.of(listings).stream().map(Listing::key).toList(),
        List.of(listings).stream().map(Listing::lastEventId).toList(),
        (current, applied) -> plan,
        lease);
  }

  @Test
  void aTakenOverHolderWritesNothingAndTheTakeoverRecordsTheGap() {
    Instant now = Instant.now();
    Lease a = leases.acquire(Source.BPTF, "node-a", now.minus(TTL), TTL).orElseThrow();
    Listing first = listing(bptf("440_1"), "First", "1.00", "6".repeat(24), T0);
    put(a, first);
    Instant lastByA = leases.view(Source.BPTF).orElseThrow().lastAppliedAt();
    assertNotNull(lastByA, "the fence records each leased write");

    Lease b = leases.acquire(Source.BPTF, "node-b", now.plusMillis(1), TTL).orElseThrow();
    Listing late = listing(bptf("440_2"), "Late", "2.00", "7".repeat(24), T0);
    LeaseLostException lost = assertThrows(LeaseLostException.class, () -> put(a, late));
    assertEquals(a, lost.lease());
    assertTrue(store.find(late.key()).isEmpty(), "nothing of the fenced batch was stored");

    put(b, late);
    assertTrue(store.find(late.key()).isPresent());
    LeaseView.Takeover takeover = leases.view(Source.BPTF).orElseThrow().lastTakeover();
    assertEquals(lastByA, takeover.lastAppliedBefore());
    assertNotNull(takeover.firstAppliedAfter());
    assertTrue(!takeover.gap().isNegative(), "gap " + takeover.gap());

    put(null, listing(bptf("440_3"), "Unfenced", "3.00", "8".repeat(24), T0));
    assertEquals(3, store.findAll(List.of(first.key(), late.key(), bptf("440_3"))).size());
  }

  @Test
  void theHoldersRenewalNeverWaitsForABatchInFlight() throws Exception {
    Instant now = Instant.now();
    Lease a = leases.acquire(Source.BPTF, "node-a", now, TTL).orElseThrow();
    Listing listing = listing(bptf("440_5"), "Slow", "1.00", "5".repeat(24), T0);
    IngestPlan plan = writing(List.of(listing));
    CountDownLatch planning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<IngestPlan> batch =
          pool.submit(
              () ->
                  store.ingest(
                      List.of(listing.key()),
                      List.of(listing.lastEventId()),
                      (current, applied) -> {
                        planning.countDown();
                        try {
                          release.await();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        return plan;
                      },
                      a));
      assertTrue(planning.await(30, TimeUnit.SECONDS));
      // The batch's transaction is open: the renewal must not queue behind it.
      Future<Boolean> renewal = pool.submit(() -> leases.renew(a, now.plusSeconds(5), TTL));
      assertTrue(renewal.get(30, TimeUnit.SECONDS), "renewed while the batch was in flight");
      assertFalse(batch.isDone());
      release.countDown();
      batch.get(30, TimeUnit.SECONDS);
      assertTrue(store.find(listing.key()).isPresent());
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void theSnapshotSweepIsFencedToo() {
    Instant now = Instant.now();
    Lease a = leases.acquire(Source.SKINSHARK, "node-a", now.minus(TTL), TTL).orElseThrow();
    Listing gone = listing(skinshark("gone"), "Gone", "1.00", "ss:1", T0);
    put(a, gone);
    leases.acquire(Source.SKINSHARK, "node-b", now.plusMillis(1), TTL).orElseThrow();

    assertThrows(
        LeaseLostException.class,
        () -> store.deleteMissing(Source.SKINSHARK, Set.of(), T0.plusSeconds(1), T0, a));
    assertEquals(null, store.find(gone.key()).orElseThrow().deletedAt());
  }

  @Test
  void findAllReturnsTheStoredOnesOfEverySource() {
    Listing one = listing(bptf("440_9"), "One", "1.00", "9".repeat(24), T0);
    Listing two = listing(skinshark("s9"), "Two", "2.00", "ss:9", T0);
    put(null, one, two);
    List<Listing> found = store.findAll(List.of(one.key(), two.key(), bptf("absent")));
    assertEquals(
        Set.of(one.key(), two.key()), Set.copyOf(found.stream().map(Listing::key).toList()));
  }
}
