package org.tradewatch.persistence.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.account.Account;
import org.tradewatch.core.watch.Ids;
import org.tradewatch.core.webhook.Attempt;
import org.tradewatch.core.webhook.Delivery;
import org.tradewatch.core.webhook.Webhook;
import org.tradewatch.core.webhook.WebhookStore;
import org.tradewatch.persistence.TestDatabase;
import org.tradewatch.persistence.account.JpaAccountStore;

class JpaWebhookStoreTest {

  private static final Instant T = Instant.parse("2026-01-02T03:04:05.123456Z");
  private static final String HASH = "PBKDF2WithHmacSHA256:210000:c2FsdA==:aGFzaA==";

  private TestDatabase db;
  private JpaAccountStore accounts;
  private JpaWebhookStore store;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    accounts = new JpaAccountStore(db.factory());
    for (String name : List.of("alice", "bob")) {
      accounts.create(new Account(name, name, HASH, Optional.empty(), T));
    }
    store = new JpaWebhookStore(db.factory());
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static Webhook webhook(String owner, String url) {
    return new Webhook(owner, url, "v1:c2VhbGVk" + owner, "wxyz", T);
  }

  private static Delivery delivery(String owner, int second) {
    Instant at = T.plusSeconds(second);
    return Delivery.pending(
        Ids.random(), owner, Ids.random(), "{\"event\":\"alert\",\"n\":" + second + "}", at, at);
  }

  private static Attempt attempt(
      Delivery delivery, int n, Integer status, Attempt.Outcome outcome) {
    return new Attempt(
        Ids.random(),
        delivery.owner(),
        delivery.id(),
        delivery.alertId(),
        n,
        T.plusSeconds(10 + n),
        status,
        status == null ? "connection refused" : null,
        outcome,
        outcome == Attempt.Outcome.RETRY ? T.plusSeconds(20 + n) : null);
  }

  @Test
  void aWebhookReadsBackAsStoredAndIsReplacedWhole() {
    assertEquals(Optional.empty(), store.find("alice"));
    Webhook first = webhook("alice", "https://hooks.example.com/a");
    store.put(first);
    assertEquals(Optional.of(first), store.find("alice"));
    Webhook moved = first.withUrl("http://127.0.0.1:9/b");
    store.put(moved);
    assertEquals(Optional.of(moved), store.find("alice"));
    store.put(webhook("bob", "https://hooks.example.com/bob"));
    Map<String, Webhook> both = store.findAll(List.of("alice", "bob", "carol", "alice"));
    assertEquals(Set.of("alice", "bob"), both.keySet());
    assertEquals(moved, both.get("alice"));
    assertEquals(Map.of(), store.findAll(List.of()));
  }

  @Test
  void aDatabaseOfAnEarlierReleaseGainsTheWebhookTablesOnStart() throws SQLException {
    try (TestDatabase earlier = TestDatabase.empty()) {
      // The whole schema, less what this release adds, as the release before left it.
      earlier.open().close();
      try (Connection connection = earlier.connect();
          Statement statement = connection.createStatement()) {
        for (String table : List.of("webhook_attempt", "webhook_delivery", "user_webhook")) {
          statement.execute("DROP TABLE " + table);
        }
      }
      JpaWebhookStore later = new JpaWebhookStore(earlier.factory());
      Webhook webhook = webhook("alice", "https://hooks.example.com/a");
      later.put(webhook);
      assertEquals(Optional.of(webhook), later.find("alice"));
      Delivery delivery = delivery("alice", 1);
      later.add(List.of(delivery));
      later.record(delivery, attempt(delivery, 1, 200, Attempt.Outcome.DELIVERED));
      assertEquals(1, later.log("alice", 10).size());
    }
  }

  @Test
  void theSecretIsStoredOnlyAsTheCiphertextItWasGiven() throws SQLException {
    store.put(webhook("alice", "https://hooks.example.com/a"));
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT secret_ciphertext, secret_hint FROM user_webhook"
                    + " WHERE owner_key = 'alice'")) {
      assertTrue(row.next());
      assertEquals("v1:c2VhbGVkalice", row.getString(1));
      assertEquals("wxyz", row.getString(2));
    }
  }

  @Test
  void attemptsAreLoggedNewestFirstForTheirOwnerOnly() {
    store.put(webhook("alice", "https://hooks.example.com/a"));
    Delivery alices = delivery("alice", 1);
    Delivery bobs = delivery("bob", 2);
    store.add(List.of(alices, bobs));
    assertEquals(1, store.pending("alice"));

    Delivery retried =
        alices.attempted(T.plusSeconds(11), Delivery.State.PENDING, T.plusSeconds(21), T);
    store.record(retried, attempt(alices, 1, 500, Attempt.Outcome.RETRY));
    Delivery done = retried.attempted(T.plusSeconds(12), Delivery.State.DELIVERED, null, T);
    store.record(done, attempt(alices, 2, 204, Attempt.Outcome.DELIVERED));
    store.record(bobs, attempt(bobs, 1, null, Attempt.Outcome.RETRY));

    List<Attempt> log = store.log("alice", 10);
    assertEquals(List.of(2, 1), log.stream().map(Attempt::attempt).toList());
    assertEquals(Integer.valueOf(204), log.get(0).statusCode());
    assertEquals(Attempt.Outcome.DELIVERED, log.get(0).outcome());
    assertNull(log.get(0).nextAt());
    assertEquals(Integer.valueOf(500), log.get(1).statusCode());
    assertEquals(T.plusSeconds(21), log.get(1).nextAt());
    assertEquals(alices.alertId(), log.get(1).alertId());
    assertEquals(1, store.log("alice", 1).size());
    List<Attempt> bobsLog = store.log("bob", 10);
    assertEquals(1, bobsLog.size());
    assertNull(bobsLog.get(0).statusCode());
    assertEquals("connection refused", bobsLog.get(0).error());
    assertEquals(0, store.pending("alice"), "delivered");
    assertEquals(1, store.pending("bob"));
  }

  @Test
  void aWriteStoresNewDeliveriesThenTheirAttemptsInOrderButNoneForAWebhookThatWent() {
    store.put(webhook("alice", "https://hooks.example.com/a"));
    Delivery delivered = delivery("alice", 1);
    Delivery retried = delivery("alice", 2);
    Delivery orphan = delivery("bob", 3);
    store.write(
        List.of(delivered, retried, orphan),
        List.of(
            new WebhookStore.Recorded(
                delivered.attempted(T.plusSeconds(11), Delivery.State.DELIVERED, null, T),
                attempt(delivered, 1, 204, Attempt.Outcome.DELIVERED)),
            new WebhookStore.Recorded(
                retried.attempted(T.plusSeconds(12), Delivery.State.PENDING, T.plusSeconds(21), T),
                attempt(retried, 1, 500, Attempt.Outcome.RETRY))));

    assertEquals(1, store.pending("alice"), "the delivered one is no longer pending");
    assertEquals(2, store.log("alice", 10).size());
    assertEquals(0, store.pending("bob"), "Bob has no webhook: his delivery is not kept");
    List<Delivery> due = store.claim(T.plusSeconds(3600), T.plusSeconds(3700), 10);
    assertEquals(List.of(retried.id()), due.stream().map(Delivery::id).toList());
    assertEquals(1, due.get(0).attempts());

    // A later batch updates the stored row.
    Delivery second = due.get(0).attempted(T.plusSeconds(30), Delivery.State.DELIVERED, null, T);
    store.write(
        List.of(),
        List.of(
            new WebhookStore.Recorded(
                second, attempt(retried, 2, 204, Attempt.Outcome.DELIVERED))));
    assertEquals(0, store.pending("alice"));
    assertEquals(3, store.log("alice", 10).size());
    store.write(List.of(), List.of());
  }

  @Test
  void pendingDeliveriesAreClaimedOnceTheirClaimRanOutAndByOneInstanceOnly() throws Exception {
    Delivery held = delivery("alice", 100);
    Delivery left1 = delivery("alice", 1);
    Delivery left2 = delivery("bob", 2);
    Delivery finished =
        delivery("bob", 3).attempted(T, Delivery.State.DELIVERED, null, T.plusSeconds(3));
    store.add(List.of(held, left1, left2, finished));

    Instant now = T.plusSeconds(50);
    Instant until = now.plus(Duration.ofMinutes(1));
    EntityManagerFactory other = db.open();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      JpaWebhookStore second = new JpaWebhookStore(other);
      List<Callable<List<Delivery>>> sweeps =
          List.of(() -> store.claim(now, until, 10), () -> second.claim(now, until, 10));
      List<Delivery> claimed = new ArrayList<>();
      for (Future<List<Delivery>> sweep : threads.invokeAll(sweeps)) {
        claimed.addAll(sweep.get());
      }
      assertEquals(
          Set.of(left1.id(), left2.id()),
          Set.copyOf(claimed.stream().map(Delivery::id).toList()),
          "those left, not the one held nor the one finished");
      assertEquals(2, claimed.size(), "each by one sweep only");
      assertTrue(claimed.stream().allMatch(d -> d.claimUntil().equals(until)));
      assertEquals(
          left1.body(),
          claimed.stream().filter(d -> d.id().equals(left1.id())).findFirst().orElseThrow().body());
      assertEquals(List.of(), store.claim(now, until, 10), "now held");
      // Extended by the instance holding it, a claim is not taken when it would have run out.
      store.extend(List.of(left1.id(), finished.id()), until.plusSeconds(120));
      assertEquals(
          Set.of(held.id(), left2.id()),
          Set.copyOf(
              store.claim(until.plusSeconds(1), until.plusSeconds(60), 10).stream()
                  .map(Delivery::id)
                  .toList()));
      assertEquals(
          Set.of(held.id(), left2.id()),
          Set.copyOf(
              store.claim(until.plusSeconds(61), until.plusSeconds(200), 10).stream()
                  .map(Delivery::id)
                  .toList()),
          "the extended one is still held");
      assertEquals(
          List.of(left1.id()),
          store.claim(until.plusSeconds(121), until.plusSeconds(200), 10).stream()
              .map(Delivery::id)
              .toList(),
          "until its extension runs out");
    } finally {
      threads.shutdown();
      other.close();
    }
  }

  @Test
  void removingAWebhookDropsItsPendingDeliveriesButKeepsTheLog() {
    store.put(webhook("alice", "https://hooks.example.com/a"));
    Delivery pending = delivery("alice", 1);
    store.add(List.of(pending));
    store.record(pending, attempt(pending, 1, 503, Attempt.Outcome.RETRY));
    assertTrue(store.delete("alice"));
    assertFalse(store.delete("alice"));
    assertEquals(Optional.empty(), store.find("alice"));
    assertEquals(0, store.pending("alice"));
    assertEquals(1, store.log("alice", 10).size());
    // An attempt that was in flight as the webhook went does not bring its delivery back.
    store.record(pending, attempt(pending, 2, 200, Attempt.Outcome.DELIVERED));
    assertEquals(0, store.pending("alice"));
    assertEquals(List.of(), store.claim(T.plusSeconds(3600), T.plusSeconds(3700), 10));
  }

  @Test
  void anAccountThatGoesTakesItsWebhookDeliveriesAndLogAlong() {
    store.put(webhook("alice", "https://hooks.example.com/a"));
    store.put(webhook("bob", "https://hooks.example.com/b"));
    Delivery alices = delivery("alice", 1);
    Delivery bobs = delivery("bob", 1);
    store.add(List.of(alices, bobs));
    store.record(alices, attempt(alices, 1, 500, Attempt.Outcome.RETRY));
    store.record(bobs, attempt(bobs, 1, 500, Attempt.Outcome.RETRY));
    assertTrue(accounts.delete("alice", HASH));
    assertEquals(Optional.empty(), store.find("alice"));
    assertEquals(0, store.pending("alice"));
    assertEquals(List.of(), store.log("alice", 10));
    assertTrue(store.find("bob").isPresent(), "Bob's stay");
    assertEquals(1, store.pending("bob"));
    assertEquals(1, store.log("bob", 10).size());
  }

  @Test
  void oldLogLinesAndFinishedDeliveriesArePurged() {
    Delivery old = delivery("alice", 0);
    Delivery oldPending = delivery("alice", 1);
    Delivery recent = delivery("alice", 1000);
    store.add(List.of(old, oldPending, recent));
    store.record(
        old.attempted(T, Delivery.State.DELIVERED, null, T),
        attempt(old, 1, 200, Attempt.Outcome.DELIVERED));
    store.record(
        recent.attempted(T.plusSeconds(1000), Delivery.State.FAILED, null, T),
        new Attempt(
            Ids.random(),
            "alice",
            recent.id(),
            recent.alertId(),
            1,
            T.plusSeconds(1000),
            null,
            "timed out",
            Attempt.Outcome.FAILED,
            null));
    // The old line, and the old delivered delivery; not the pending one however old.
    assertEquals(2, store.purge(T.plusSeconds(500)));
    assertEquals(1, store.log("alice", 10).size());
    assertEquals(1, store.pending("alice"));
    assertEquals(0, store.purge(T.plusSeconds(500)));
  }
}
