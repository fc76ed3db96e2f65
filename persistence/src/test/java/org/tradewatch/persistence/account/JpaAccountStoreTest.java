package org.tradewatch.persistence.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.tradewatch.core.account.StoredToken;
import org.tradewatch.persistence.TestDatabase;

class JpaAccountStoreTest {

  // Microseconds: what the created_at column keeps.
  private static final Instant T = Instant.parse("2026-01-02T03:04:05.123456Z");
  private static final String HASH = "PBKDF2WithHmacSHA256:210000:c2FsdA==:aGFzaA==";

  private TestDatabase db;
  private JpaAccountStore store;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    store = new JpaAccountStore(db.factory());
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static Account account(String username) {
    return new Account(username, Account.keyOf(username), HASH, Optional.empty(), T);
  }

  @Test
  void createsThenFindsAnAccountByItsKey() {
    assertTrue(store.find("alice").isEmpty());
    Account alice = account("Alice");
    assertTrue(store.create(alice));
    assertEquals(Optional.of(alice), store.find("alice"));
    assertTrue(store.find("Alice").isEmpty(), "look-ups are by key, which callers case-fold");
  }

  @Test
  void aTakenKeyIsRefusedWhateverTheCaseAndTheFirstAccountStays() {
    Account alice = account("Alice");
    assertTrue(store.create(alice));
    Account other =
        new Account("ALICE", "alice", "other-hash", Optional.empty(), T.plusSeconds(60));
    assertFalse(store.create(other));
    assertFalse(store.create(alice), "the same account twice");
    assertEquals(Optional.of(alice), store.find("alice"));
  }

  @Test
  void twoRegistrationsOfOneNameAtOnceLeaveOneAccount() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 25; round++) {
        CyclicBarrier start = new CyclicBarrier(2);
        Account first = account("Racer" + round);
        Account second = account("rACER" + round);
        List<Future<Boolean>> results = new ArrayList<>();
        for (Account account : List.of(first, second)) {
          Callable<Boolean> register =
              () -> {
                start.await(10, TimeUnit.SECONDS);
                return store.create(account);
              };
          results.add(threads.submit(register));
        }
        boolean firstWon = results.get(0).get(30, TimeUnit.SECONDS);
        boolean secondWon = results.get(1).get(30, TimeUnit.SECONDS);
        assertTrue(firstWon ^ secondWon, "round " + round + ": exactly one registration wins");
        assertEquals(Optional.of(firstWon ? first : second), store.find(first.key()));
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aRegistrationThatMeetsAnotherOnesUncommittedInsertLosesWhenThatCommits() throws Exception {
    // The other registration has inserted but not committed: the look-up does not see its row,
    // so only the primary key can refuse this one.
    EntityManager other = db.factory().createEntityManager();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      other.getTransaction().begin();
      other.persist(new AccountEntity(account("Bob")));
      other.flush();
      Future<Boolean> second = thread.submit(() -> store.create(account("BOB")));
      awaitWaitingInsert(Instant.now().plusSeconds(10));
      other.getTransaction().commit();
      assertFalse(second.get(30, TimeUnit.SECONDS));
      assertEquals("Bob", store.find("bob").orElseThrow().username());
    } finally {
      thread.shutdownNow();
      if (other.getTransaction().isActive()) {
        other.getTransaction().rollback();
      }
      other.close();
    }
  }

  /**
   * Waits until another session is running an insert into the table: with the first insert
   * uncommitted, that can only be the second one, waiting on the key (H2 shows no blocker for a
   * wait on a key, only the statement).
   */
  private void awaitWaitingInsert(Instant deadline) throws SQLException {
    try (Connection connection = db.connect();
        PreparedStatement blocked =
            connection.prepareStatement(
                db.isPostgres()
                    ? "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND query LIKE 'INSERT INTO account %'"
                    : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                        + " WHERE EXECUTING_STATEMENT LIKE 'INSERT INTO account %'")) {
      while (Instant.now().isBefore(deadline)) {
        try (ResultSet rows = blocked.executeQuery()) {
          rows.next();
          if (rows.getLong(1) > 0) {
            return;
          }
        }
        Thread.onSpinWait();
      }
    }
    throw new AssertionError("the second registration never reached its insert");
  }

  @Test
  void failuresOtherThanATakenKeyAreNotReportedAsOne() {
    // Longer than the key column: the insert fails, and the name is not taken.
    Account tooLong = account("x".repeat(40));
    assertThrows(PersistenceException.class, () -> store.create(tooLong));
    assertTrue(store.find(tooLong.key()).isEmpty());
  }

  @Test
  void storesReplacesAndClearsTheToken() {
    store.create(account("Alice"));
    StoredToken first = new StoredToken("v1:Zmlyc3Q=", "0a85");
    store.setToken("alice", first);
    assertEquals(Optional.of(first), store.find("alice").orElseThrow().token());

    StoredToken second = new StoredToken("v1:c2Vjb25k", "beef");
    store.setToken("alice", second);
    Account stored = store.find("alice").orElseThrow();
    assertEquals(Optional.of(second), stored.token());
    assertEquals(account("Alice").withToken(Optional.of(second)), stored, "nothing else changed");

    store.clearToken("alice");
    assertEquals(Optional.of(account("Alice")), store.find("alice"));
    store.clearToken("alice");
    assertEquals(Optional.of(account("Alice")), store.find("alice"), "clearing twice is fine");
  }

  @Test
  void tokensOfAMissingAccountAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> store.setToken("nobody", new StoredToken("v1:eA==", "abcd")));
    assertThrows(IllegalArgumentException.class, () -> store.clearToken("nobody"));
    assertTrue(store.find("nobody").isEmpty());
  }

  @Test
  void aTokensUseIsRecordedAgainstThatTokenOnlyAndNeverMovesBack() {
    store.create(account("Alice"));
    StoredToken first = new StoredToken("v1:Zmlyc3Q=", "0a85");
    store.setToken("alice", first);
    assertTrue(store.find("alice").orElseThrow().token().orElseThrow().lastUsedAt().isEmpty());

    assertTrue(store.tokenUsed("alice", first.ciphertext(), T.plusSeconds(60)));
    assertEquals(
        Optional.of(T.plusSeconds(60)),
        store.find("alice").orElseThrow().token().orElseThrow().lastUsedAt());
    assertFalse(store.tokenUsed("alice", first.ciphertext(), T.plusSeconds(30)), "an older use");
    assertFalse(store.tokenUsed("alice", first.ciphertext(), T.plusSeconds(60)), "the same use");
    assertTrue(store.tokenUsed("alice", first.ciphertext(), T.plusSeconds(61)));

    // A new token has not been used yet, and a late use of the old one is not recorded for it.
    StoredToken second = new StoredToken("v1:c2Vjb25k", "beef");
    store.setToken("alice", second);
    assertEquals(Optional.of(second), store.find("alice").orElseThrow().token());
    assertFalse(store.tokenUsed("alice", first.ciphertext(), T.plusSeconds(120)));
    assertTrue(store.find("alice").orElseThrow().token().orElseThrow().lastUsedAt().isEmpty());

    // A token saved once it was checked with backpack.tf keeps the time of that check.
    StoredToken checked = new StoredToken("v1:dGhpcmQ=", "cafe", Optional.of(T.plusSeconds(200)));
    store.setToken("alice", checked);
    assertEquals(Optional.of(checked), store.find("alice").orElseThrow().token());

    store.clearToken("alice");
    assertFalse(store.tokenUsed("alice", checked.ciphertext(), T.plusSeconds(300)), "no token");
    assertEquals(Optional.of(account("Alice")), store.find("alice"));
    assertFalse(store.tokenUsed("nobody", checked.ciphertext(), T.plusSeconds(300)));
  }

  @Test
  void thePasswordChangesOnlyFromTheHashTheCallerChecked() {
    Account alice = account("Alice");
    store.create(alice);
    assertFalse(
        store.changePassword("alice", "stale-hash", "new-hash"), "another hash was checked");
    assertEquals(Optional.of(alice), store.find("alice"));

    assertTrue(store.changePassword("alice", HASH, "new-hash"));
    assertEquals(Optional.of(alice.withPasswordHash("new-hash")), store.find("alice"));
    assertFalse(store.changePassword("alice", HASH, "third-hash"), "the first change won");
    assertFalse(store.changePassword("nobody", HASH, "new-hash"));
    assertTrue(store.find("nobody").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> store.changePassword("alice", "x", " "));
  }

  @Test
  void deletingAnAccountTakesItsTokenWithItAndFreesTheName() throws SQLException {
    store.create(account("Alice"));
    store.create(account("Bob"));
    store.setToken("alice", new StoredToken("v1:QWxpY2VzVG9rZW4=", "0a85"));
    assertFalse(store.delete("alice", "stale-hash"), "only with the hash the password matched");
    assertTrue(store.find("alice").isPresent());

    assertTrue(store.delete("alice", HASH));
    assertTrue(store.find("alice").isEmpty());
    assertFalse(store.delete("alice", HASH), "gone already");
    assertTrue(store.find("bob").isPresent(), "nobody else is touched");
    try (Connection connection = db.connect();
        PreparedStatement rows =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM account WHERE token_ciphertext = 'v1:QWxpY2VzVG9rZW4='")) {
      try (ResultSet count = rows.executeQuery()) {
        count.next();
        assertEquals(0, count.getLong(1), "the ciphertext is gone from the database");
      }
    }

    Account again = new Account("alice", "alice", "other-hash", Optional.empty(), T.plusSeconds(9));
    assertTrue(store.create(again), "the name is free again");
    assertEquals(Optional.of(again), store.find("alice"));
  }
}
