package org.tradewatch.persistence.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.cluster.LeaseView;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.TestDatabase;

/** The leases against the real database (H2, and PostgreSQL when configured). */
class JpaLeaseStoreTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00.123456Z");
  private static final Duration TTL = Duration.ofSeconds(15);

  private TestDatabase db;
  private JpaLeaseStore store;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    store = new JpaLeaseStore(db.factory());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void theFirstInstanceTakesTheLeaseAndTheOtherWaitsUntilItLapses() {
    Lease a = store.acquire(Source.BPTF, "node-a", T0, TTL).orElseThrow();
    assertEquals(new Lease(Source.BPTF, "node-a", 1), a);
    assertEquals(Optional.empty(), store.acquire(Source.BPTF, "node-b", T0.plusSeconds(14), TTL));
    assertEquals(
        Optional.empty(),
        store.acquire(Source.BPTF, "node-a", T0.plusSeconds(1), TTL),
        "not even its own name takes a held lease twice");
    assertTrue(store.acquire(Source.SKINSHARK, "node-b", T0, TTL).isPresent(), "one per source");

    Lease b = store.acquire(Source.BPTF, "node-b", T0.plusSeconds(15), TTL).orElseThrow();
    assertEquals(2, b.epoch());
    LeaseView view = store.view(Source.BPTF).orElseThrow();
    assertEquals("node-b", view.holder());
    assertEquals(T0.plusSeconds(30), view.expiresAt());
    assertEquals("node-a", view.lastTakeover().from());
    assertEquals("node-b", view.lastTakeover().to());
    assertFalse(view.lastTakeover().released());
    assertNull(view.lastTakeover().gap(), "nothing applied yet");
  }

  @Test
  void renewingKeepsItAndATakenOverLeaseCannotBeRenewed() {
    Lease a = store.acquire(Source.BPTF, "node-a", T0, TTL).orElseThrow();
    assertTrue(store.renew(a, T0.plusSeconds(10), TTL));
    assertEquals(Optional.empty(), store.acquire(Source.BPTF, "node-b", T0.plusSeconds(20), TTL));
    store.acquire(Source.BPTF, "node-b", T0.plusSeconds(26), TTL).orElseThrow();
    assertFalse(store.renew(a, T0.plusSeconds(27), TTL));
    assertEquals("node-b", store.view(Source.BPTF).orElseThrow().holder());
  }

  @Test
  void aReleasedLeaseIsFreeAtOnceAndTheTakeoverSaysSo() {
    Lease a = store.acquire(Source.BPTF, "node-a", T0, TTL).orElseThrow();
    store.release(a, T0.plusSeconds(2));
    assertFalse(store.renew(a, T0.plusSeconds(3), TTL), "released is released");
    store.acquire(Source.BPTF, "node-b", T0.plusSeconds(3), TTL).orElseThrow();
    assertTrue(store.view(Source.BPTF).orElseThrow().lastTakeover().released());
  }

  @Test
  void twoInstancesRacingForAFreeLeaseGetItOnce() throws Exception {
    try (EntityManagerFactory other = db.open()) {
      JpaLeaseStore[] stores = {store, new JpaLeaseStore(other)};
      for (int round = 0; round < 5; round++) {
        Instant now = T0.plus(TTL.multipliedBy(2L * round));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
          List<Future<Optional<Lease>>> tries = new ArrayList<>();
          for (int i = 0; i < 2; i++) {
            JpaLeaseStore mine = stores[i];
            String name = "node-" + i;
            Callable<Optional<Lease>> attempt =
                () -> {
                  start.await();
                  return mine.acquire(Source.SKINSHARK, name, now, TTL);
                };
            tries.add(pool.submit(attempt));
          }
          start.countDown();
          int won = 0;
          for (Future<Optional<Lease>> attempt : tries) {
            won += attempt.get().isPresent() ? 1 : 0;
          }
          assertEquals(1, won, "round " + round);
        } finally {
          pool.shutdownNow();
        }
      }
      assertEquals(5, store.view(Source.SKINSHARK).orElseThrow().epoch());
    }
  }
}
