package org.tradewatch.core.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.core.watch.Listings.Listing.sell;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.market.MarketChange;

class AlertPumpTest {

  private static final Instant T0 = Listings.T0;
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final WatchBook book = new WatchBook(DealTest.underSuggested(BigDecimal.TEN));
  private final Listings market = new Listings();
  private final BlockingQueue<List<Alert>> handedOn = new LinkedBlockingQueue<>();
  private AlertPump pump;

  @AfterEach
  void stop() {
    if (pump != null) {
      pump.stop();
    }
  }

  private void watch(String owner, String name, int n) {
    book.put(new Watch(String.format("%016x", n), owner, WatchTerms.ofName(name), false, T0, T0));
  }

  private List<Alert> next() throws InterruptedException {
    List<Alert> alerts = handedOn.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertNotNull(alerts, "alerts handed on within " + PATIENCE);
    return alerts;
  }

  private static void eventually(String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(5);
    }
  }

  @Test
  void theAlertsOfOfferedChangesAreHandedOnThenStored() throws Exception {
    watch("alice", "captain", 1);
    InMemoryAlertStore store = new InMemoryAlertStore();
    pump = new AlertPump(book, store, handedOn::add, 16);
    pump.start(Thread::new);

    assertTrue(pump.offer(List.of(market.apply(sell("440_1", "Team Captain", null, "5")))));

    List<Alert> alerts = next();
    assertEquals(1, alerts.size());
    assertEquals("alice", alerts.get(0).owner());
    eventually("the alert stored", () -> pump.alertsStored() == 1);
    assertEquals(alerts, store.all(), "the alerts handed on are those stored");
    assertEquals(1, pump.alertsRaised());
  }

  @Test
  void offeringNeverWaitsForABusyMatcherAndCountsWhatItDrops() throws Exception {
    watch("alice", "captain", 1);
    CountDownLatch delivering = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    BlockingQueue<List<Alert>> delivered = new LinkedBlockingQueue<>();
    int capacity = 4;
    pump =
        new AlertPump(
            book,
            new InMemoryAlertStore(),
            alerts -> {
              delivering.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              delivered.add(alerts);
            },
            capacity);
    pump.start(Thread::new);
    pump.offer(List.of(market.apply(sell("440_0", "Team Captain", null, "5"))));
    assertTrue(delivering.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the matcher is busy");

    AtomicInteger accepted = new AtomicInteger();
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          for (int i = 1; i <= 100; i++) {
            MarketChange change = market.apply(sell("440_" + i, "Team Captain", null, "5"));
            if (pump.offer(List.of(change))) {
              accepted.incrementAndGet();
            }
          }
        },
        "the ingest's hand-over never waits");
    assertEquals(capacity, accepted.get());
    assertEquals(100 - capacity, pump.groupsDropped());
    assertEquals(100 - capacity, pump.changesDropped());

    release.countDown();
    int handed = 0;
    while (handed < 1 + capacity) {
      List<Alert> next = delivered.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertNotNull(next, "alerts handed on within " + PATIENCE);
      handed += next.size();
    }
    assertEquals(1 + capacity, handed, "the first and the queued ones");
    eventually("all stored", () -> pump.alertsStored() == 1 + capacity);
  }

  @Test
  void aStuckStoreHoldsNoAlertBackFromDelivery() throws Exception {
    watch("alice", "captain", 1);
    CountDownLatch storing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    InMemoryAlertStore slow =
        new InMemoryAlertStore() {
          @Override
          public synchronized List<Alert> add(List<Alert> alerts) {
            storing.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return super.add(alerts);
          }
        };
    pump = new AlertPump(book, slow, handedOn::add, 4);
    pump.start(Thread::new);
    pump.offer(List.of(market.apply(sell("440_0", "Team Captain", null, "5"))));
    assertEquals(1, next().size());
    assertTrue(storing.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the store is stuck");

    for (int i = 1; i <= 20; i++) {
      assertTrue(pump.offer(List.of(market.apply(sell("440_" + i, "Team Captain", null, "5")))));
      assertEquals(1, next().size(), "alert " + i + " delivered while the store is stuck");
    }
    // Handed on first, then put in line for the store.
    eventually("twenty waiting for the store", () -> pump.storing() == 20);
    assertEquals(0, pump.alertsStored());

    release.countDown();
    eventually("all stored", () -> pump.alertsStored() == 21);
    assertEquals(0, pump.storing());
    assertEquals(0, pump.groupsDropped());
    assertEquals(0, pump.alertsLost());
  }

  @Test
  void alertsTheStoreRefusedAreStoredWithTheNextAttempt() throws Exception {
    watch("alice", "captain", 1);
    AtomicInteger attempts = new AtomicInteger();
    InMemoryAlertStore flaky =
        new InMemoryAlertStore() {
          @Override
          public synchronized List<Alert> add(List<Alert> alerts) {
            if (attempts.incrementAndGet() == 1) {
              throw new IllegalStateException("the database is away");
            }
            return super.add(alerts);
          }
        };
    pump = new AlertPump(book, flaky, handedOn::add, 16);
    pump.start(Thread::new);

    pump.offer(List.of(market.apply(sell("440_1", "Team Captain", null, "5"))));

    List<Alert> alerts = next();
    assertEquals(1, alerts.size());
    eventually("a retry without any new change", () -> pump.alertsStored() == 1);
    assertTrue(attempts.get() >= 2);
    assertEquals(alerts, flaky.all(), "kept, then stored by the retry");
    assertEquals(0, pump.alertsLost());
    assertTrue(handedOn.isEmpty(), "handed on once, not again with the retry");
  }

  @Test
  void aChangeThatMatchesNothingStoresNothing() throws Exception {
    watch("alice", "captain", 1);
    AtomicInteger adds = new AtomicInteger();
    InMemoryAlertStore counting =
        new InMemoryAlertStore() {
          @Override
          public synchronized List<Alert> add(List<Alert> alerts) {
            adds.incrementAndGet();
            return super.add(alerts);
          }
        };
    pump = new AlertPump(book, counting, handedOn::add, 16);
    pump.start(Thread::new);
    pump.offer(List.of(market.apply(sell("440_1", "Hat", null, "5"))));
    pump.offer(List.of(market.apply(sell("440_2", "Captain", null, "5"))));
    assertEquals(1, next().size());
    eventually("the alert stored", () -> pump.alertsStored() == 1);
    assertEquals(1, adds.get(), "no transaction for the change that alerted nobody");
    assertFalse(pump.queued() > 0);
  }
}
