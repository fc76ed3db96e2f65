package org.tradewatch.persistence.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.account.Account;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.watch.Ids;
import org.tradewatch.core.watch.PriceBound;
import org.tradewatch.core.watch.Watch;
import org.tradewatch.core.watch.WatchTerms;
import org.tradewatch.persistence.TestDatabase;
import org.tradewatch.persistence.account.JpaAccountStore;

class JpaWatchStoreTest {

  static final Instant T = Instant.parse("2026-01-02T03:04:05.123456Z");
  static final String HASH = "PBKDF2WithHmacSHA256:210000:c2FsdA==:aGFzaA==";

  private TestDatabase db;
  private JpaAccountStore accounts;
  private JpaWatchStore store;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    accounts = new JpaAccountStore(db.factory());
    store = new JpaWatchStore(db.factory());
    accounts.create(account("alice"));
    accounts.create(account("bob"));
  }

  @AfterEach
  void close() {
    db.close();
  }

  static Account account(String key) {
    return new Account(key, key, HASH, Optional.empty(), T);
  }

  static Watch watch(String owner, WatchTerms terms, int second) {
    Instant at = T.plusSeconds(second);
    return new Watch(Ids.random(), owner, terms, false, at, at);
  }

  @Test
  void everyKindOfWatchReadsBackAsItWasStored() {
    List<Watch> stored =
        List.of(
            watch("alice", WatchTerms.ofName("team captain"), 1),
            watch(
                "alice",
                WatchTerms.ofItem(ItemKey.parse("bptf.440.Team_Captain.q-Unusual.e-Burning_Flames"))
                    .withIntent(Intent.SELL)
                    .withBound(PriceBound.atMost(new BigDecimal("900.123456789012")))
                    .withDealsOnly(true),
                2),
            watch(
                "alice",
                WatchTerms.ofName("Кепка ak 47")
                    .withSource(Source.SKINSHARK)
                    .withIntent(Intent.BUY)
                    .withQuality("Covert")
                    .withBound(PriceBound.atLeast(new BigDecimal("0"))),
                3));
    for (Watch watch : stored) {
      assertTrue(store.create(watch, Watch.MAX_PER_ACCOUNT));
    }
    Watch paused = stored.get(0).changed(stored.get(0).terms(), true, T.plusSeconds(9));
    assertTrue(store.update(paused));

    List<Watch> expected = List.of(paused, stored.get(1), stored.get(2));
    assertEquals(expected, store.list("alice"), "oldest first, each exactly as stored");
    assertEquals(Optional.of(stored.get(1)), store.find("alice", stored.get(1).id()));
    assertEquals(3, store.all().size());
  }

  @Test
  void anotherOwnersWatchIsNotFoundChangedOrDeleted() {
    Watch alices = watch("alice", WatchTerms.ofName("hat"), 1);
    store.create(alices, Watch.MAX_PER_ACCOUNT);

    assertEquals(List.of(), store.list("bob"));
    assertEquals(Optional.empty(), store.find("bob", alices.id()));
    Watch forged =
        new Watch(alices.id(), "bob", WatchTerms.ofName("cap"), true, T, T.plusSeconds(5));
    assertFalse(store.update(forged));
    assertFalse(store.delete("bob", alices.id()));
    assertEquals(Optional.of(alices), store.find("alice", alices.id()));
    assertTrue(store.delete("alice", alices.id()));
    assertFalse(store.delete("alice", alices.id()));
    assertEquals(List.of(), store.all());
  }

  @Test
  void aWatchNeedsAnAccount() {
    assertThrows(
        IllegalArgumentException.class,
        () -> store.create(watch("nobody", WatchTerms.ofName("hat"), 1), 100));
    assertEquals(List.of(), store.all());
  }

  @Test
  void theLimitCountsTheOwnersWatchesOnly() {
    for (int i = 0; i < 3; i++) {
      assertTrue(store.create(watch("alice", WatchTerms.ofName("hat " + i), i), 3));
    }
    assertFalse(store.create(watch("alice", WatchTerms.ofName("one more"), 9), 3));
    assertEquals(3, store.list("alice").size());
    assertTrue(store.create(watch("bob", WatchTerms.ofName("hat"), 1), 3));
  }

  @Test
  void createsAtOnceNeverPassTheLimit() throws Exception {
    int limit = 5;
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 5; round++) {
        String owner = "racer" + round;
        accounts.create(account(owner));
        for (int i = 0; i < limit - 1; i++) {
          store.create(watch(owner, WatchTerms.ofName("hat " + i), i), limit);
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int n = t;
          Callable<Boolean> create =
              () -> {
                start.await(10, TimeUnit.SECONDS);
                return store.create(watch(owner, WatchTerms.ofName("last " + n), 50), limit);
              };
          results.add(pool.submit(create));
        }
        int created = 0;
        for (Future<Boolean> result : results) {
          created += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, created, "one of the racers took the last place");
        assertEquals(limit, store.list(owner).size());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void everyWriteChangesTheVersionAndReadsDoNot() {
    long start = store.version();
    Watch watch = watch("alice", WatchTerms.ofName("hat"), 1);
    store.create(watch, 100);
    long created = store.version();
    assertNotEquals(start, created);
    store.list("alice");
    store.all();
    assertEquals(created, store.version());
    store.update(watch.changed(watch.terms(), true, T.plusSeconds(2)));
    long updated = store.version();
    assertNotEquals(created, updated);
    assertFalse(store.update(watch("alice", WatchTerms.ofName("x"), 1)), "no such watch");
    assertFalse(store.create(watch("alice", WatchTerms.ofName("x"), 1), 1), "over the limit");
    assertEquals(updated, store.version(), "nothing written, nothing to reload");
    store.delete("alice", watch.id());
    assertNotEquals(updated, store.version());
  }

  @Test
  void anotherInstanceSharesTheVersionRow() {
    store.create(watch("alice", WatchTerms.ofName("hat"), 1), 100);
    EntityManagerFactory second = db.open();
    try {
      JpaWatchStore other = new JpaWatchStore(second);
      assertEquals(store.version(), other.version());
      other.create(watch("bob", WatchTerms.ofName("cap"), 1), 100);
      assertEquals(other.version(), store.version());
      assertEquals(2, store.all().size());
    } finally {
      second.close();
    }
  }

  @Test
  void deletingAnAccountDeletesItsWatchesAndTheirAlerts() {
    Watch alices = watch("alice", WatchTerms.ofName("hat"), 1);
    Watch bobs = watch("bob", WatchTerms.ofName("hat"), 1);
    store.create(alices, 100);
    store.create(bobs, 100);
    JpaAlertStore alerts = new JpaAlertStore(db.factory());
    alerts.add(
        List.of(
            JpaAlertStoreTest.alert(alices, "440_1", 5),
            JpaAlertStoreTest.alert(bobs, "440_1", 5)));
    long before = store.version();

    assertTrue(accounts.delete("alice", HASH));

    assertEquals(List.of(bobs), store.all());
    assertNotEquals(before, store.version(), "instances reload and drop alice's watches");
    assertEquals(0, alerts.list("alice", false, 0, 10).total());
    assertEquals(1, alerts.list("bob", false, 0, 10).total());
    accounts.create(account("alice"));
    assertEquals(List.of(), store.list("alice"), "the name registered again has none of them");
  }
}
