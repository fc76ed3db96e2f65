package org.tradewatch.web.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.account.Account;
import org.tradewatch.core.account.AccountRuleException;
import org.tradewatch.core.account.AccountStore;
import org.tradewatch.core.account.StoredToken;
import org.tradewatch.core.account.TokenCipher;
import org.tradewatch.core.account.TokenCipherException;
import org.tradewatch.core.notification.NotificationFolder;
import org.tradewatch.core.notification.NotificationQuery;
import org.tradewatch.core.notification.NotificationService;
import org.tradewatch.core.notification.NotificationsUpstream;
import org.tradewatch.core.notification.PollingPolicy;
import org.tradewatch.core.notification.TokenHash;
import org.tradewatch.persistence.TradewatchPersistence;
import org.tradewatch.persistence.notification.JpaNotificationStore;
import org.tradewatch.web.notification.UpstreamAnswered;

class AccountsTest {

  private static final String PASSWORD = "correct horse battery";
  private static final String TOKEN = "5904cbeb0e2cad7f621c0a85";
  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123456789Z");

  private final InMemoryAccountStore store = new InMemoryAccountStore();
  private final JdkPbkdf2PasswordHash hash = new JdkPbkdf2PasswordHash();
  private final byte[] key = TokenCipher.newKey();
  private final TokenUses uses = new TokenUses();
  private final List<String> upstreamCalls = new ArrayList<>();
  private EntityManagerFactory database;
  private NotificationService notifications;
  private Accounts accounts;

  @BeforeEach
  void create() {
    // The notifications proxy as the application builds it, on a database of its own, so that
    // what deleting an account leaves of its copy is what the real store holds.
    database =
        TradewatchPersistence.create(
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", Map.of());
    notifications =
        new NotificationService(
            new OneNotificationUpstream(),
            new JpaNotificationStore(database),
            () -> NOW.toEpochMilli(),
            new PollingPolicy(30_000, 0, 600_000, 1_000));
    uses.store = store;
    accounts = new Accounts();
    accounts.store = store;
    accounts.passwordHash = hash;
    accounts.cipher = new TokenCipher(key);
    accounts.uses = uses;
    accounts.notifications = () -> notifications;
    accounts.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    accounts.initialize();
  }

  @AfterEach
  void closeTheDatabase() {
    database.close();
  }

  /** backpack.tf with one notification in the inbox, recording what it was asked. */
  private final class OneNotificationUpstream implements NotificationsUpstream {
    @Override
    public String search(String token, Integer folder, Integer filter, Long since, Integer skip) {
      upstreamCalls.add("search");
      return "{\"folder_count\":1,\"page_size\":60,\"skip\":0,\"notifications\":["
          + "{\"id\":\"58dfdee838a32f009d454ed8\",\"sent\":1491066600,\"type\":11}]}";
    }

    @Override
    public String emptyFolder(String token, int folder) {
      throw new AssertionError("not asked here");
    }

    @Override
    public String markFolderRead(String token, int folder) {
      throw new AssertionError("not asked here");
    }

    @Override
    public String delete(String token, List<String> ids) {
      throw new AssertionError("not asked here");
    }
  }

  private static char[] password() {
    return PASSWORD.toCharArray();
  }

  private static void assertWiped(char[] password) {
    assertArrayEquals(new char[password.length], password, "the password array is wiped");
  }

  @Test
  void thePasswordHashIsSetUpAsAgreed() {
    assertEquals(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32"),
        hash.parameters);
  }

  @Test
  void registersThenLogsInWithTheNameInAnyCase() {
    char[] password = password();
    Account account = accounts.register("  Alice ", password);
    assertWiped(password);

    assertEquals("Alice", account.username());
    assertEquals("alice", account.key());
    assertEquals(Instant.parse("2026-03-04T05:06:07.123456Z"), account.createdAt());
    assertTrue(account.token().isEmpty());
    assertEquals(Optional.of(account), store.find("alice"));
    assertTrue(account.passwordHash().startsWith("PBKDF2WithHmacSHA256:210000:"));
    assertFalse(account.passwordHash().contains(PASSWORD));

    char[] login = password();
    assertEquals(Optional.of("Alice"), accounts.authenticate("ALICE", login));
    assertWiped(login);
    assertEquals(Optional.of("Alice"), accounts.authenticate(" alice ", password()));
  }

  @Test
  void aWrongPasswordFails() {
    accounts.register("Alice", password());
    char[] wrong = "correct horse battery!".toCharArray();
    assertEquals(Optional.empty(), accounts.authenticate("Alice", wrong));
    assertWiped(wrong);
    assertEquals(Optional.empty(), accounts.authenticate("Alice", new char[0]));
    assertEquals(Optional.empty(), accounts.authenticate("Alice", null));
  }

  @Test
  void anUnknownNameCostsOnePasswordCheckLikeAKnownOne() {
    accounts.register("Alice", password());
    int before = hash.verifications.get();
    accounts.authenticate("Alice", password());
    assertEquals(before + 1, hash.verifications.get());

    for (String name : new String[] {"bob", "x".repeat(200), "", null, "not a name!"}) {
      int start = hash.verifications.get();
      char[] password = password();
      assertEquals(Optional.empty(), accounts.authenticate(name, password), name);
      assertEquals(start + 1, hash.verifications.get(), "one verification for " + name);
      assertWiped(password);
    }
  }

  @Test
  void aTakenNameIsRefusedInAnyCase() {
    Account alice = accounts.register("Alice", password());
    char[] password = "another password".toCharArray();
    AccountRuleException e =
        assertThrows(AccountRuleException.class, () -> accounts.register("ALICE", password));
    assertEquals("That username is taken.", e.getMessage());
    assertEquals(AccountRuleException.USERNAME, e.field());
    assertWiped(password);
    assertEquals(Optional.of(alice), store.find("alice"));
  }

  @Test
  void registrationsThatBreakTheRulesStoreNothingAndKeepThePasswordOutOfTheMessage() {
    char[] shortPassword = "too short".toCharArray();
    AccountRuleException e =
        assertThrows(AccountRuleException.class, () -> accounts.register("Alice", shortPassword));
    assertEquals(AccountRuleException.PASSWORD, e.field());
    assertFalse(e.getMessage().contains("too short"), e.getMessage());
    assertWiped(shortPassword);

    char[] password = password();
    e = assertThrows(AccountRuleException.class, () -> accounts.register("a b", password));
    assertEquals(AccountRuleException.USERNAME, e.field());
    assertWiped(password);

    assertTrue(store.accounts.isEmpty());
  }

  @Test
  void aTokenIsStoredEncryptedAndShownOnlyByItsLastFour() {
    accounts.register("Alice", password());
    assertEquals(Optional.empty(), accounts.tokenHint("alice"));
    assertEquals(Optional.empty(), accounts.token("alice"));

    accounts.saveToken("ALICE", "  5904CBEB0E2CAD7F621C0A85 ");
    StoredToken stored = store.find("alice").orElseThrow().token().orElseThrow();
    assertFalse(stored.ciphertext().toLowerCase().contains(TOKEN));
    assertEquals("0a85", stored.last4());
    assertEquals(TOKEN, new TokenCipher(key).decrypt(stored.ciphertext(), "alice"));

    assertEquals(Optional.of("0a85"), accounts.tokenHint("Alice"));
    assertEquals(Optional.of(TOKEN), accounts.token("Alice"));

    accounts.saveToken("Alice", "0123456789abcdef01234567");
    assertEquals(Optional.of("4567"), accounts.tokenHint("Alice"));
    assertNotEquals(stored, store.find("alice").orElseThrow().token().orElseThrow());

    accounts.removeToken("Alice");
    assertEquals(Optional.empty(), accounts.tokenHint("Alice"));
    assertEquals(Optional.empty(), accounts.token("Alice"));
  }

  @Test
  void aMalformedTokenIsRefusedWithoutRepeatingIt() {
    accounts.register("Alice", password());
    String pasted = "5904cbeb0e2cad7f621c0a8";
    AccountRuleException e =
        assertThrows(AccountRuleException.class, () -> accounts.saveToken("Alice", pasted));
    assertEquals(AccountRuleException.TOKEN, e.field());
    assertFalse(e.getMessage().contains(pasted), e.getMessage());
    assertTrue(store.find("alice").orElseThrow().token().isEmpty());
  }

  @Test
  void aCiphertextCopiedToAnotherAccountDoesNotDecrypt() {
    accounts.register("Alice", password());
    accounts.register("Mallory", password());
    accounts.saveToken("Alice", TOKEN);
    store.setToken("mallory", store.find("alice").orElseThrow().token().orElseThrow());

    assertEquals(Optional.of("0a85"), accounts.tokenHint("Mallory"), "the hint is not secret");
    TokenCipherException e =
        assertThrows(TokenCipherException.class, () -> accounts.token("Mallory"));
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
  }

  @Test
  void usersWithoutAnAccountHaveNoTokenAndCannotStoreOne() {
    assertEquals(Optional.empty(), accounts.tokenHint("nobody"));
    assertEquals(Optional.empty(), accounts.token("nobody"));
    assertThrows(IllegalArgumentException.class, () -> accounts.saveToken("nobody", TOKEN));
    assertThrows(IllegalArgumentException.class, () -> accounts.removeToken("nobody"));
  }

  @Test
  void thePasswordChangesGivenTheCurrentOneAndTheOldOneNoLongerLogsIn() {
    Account before = accounts.register("Alice", password());
    char[] current = password();
    char[] replacement = "a new passphrase".toCharArray();
    Account after = accounts.changePassword("ALICE", current, replacement);
    assertWiped(current);
    assertWiped(replacement);

    assertEquals(Optional.of(after), store.find("alice"));
    assertEquals(before.withPasswordHash(after.passwordHash()), after, "only the hash changed");
    assertEquals(Optional.empty(), accounts.authenticate("Alice", password()));
    assertEquals(
        Optional.of("Alice"), accounts.authenticate("Alice", "a new passphrase".toCharArray()));
    assertNotEquals(before.sessionStamp(), after.sessionStamp(), "older sessions no longer match");
    assertEquals(Optional.of(after.sessionStamp()), accounts.sessionStamp("alice"));
  }

  @Test
  void thePasswordStaysWhenTheCurrentOneIsWrongOrTheNewOneBreaksTheRules() {
    Account alice = accounts.register("Alice", password());
    String[][] cases = {
      {"wrong password!", "a new passphrase", AccountRuleException.CURRENT_PASSWORD, "current"},
      {"", "a new passphrase", AccountRuleException.CURRENT_PASSWORD, "current"},
      {PASSWORD, "short", AccountRuleException.PASSWORD, "10 to 128"},
      {PASSWORD, PASSWORD, AccountRuleException.PASSWORD, "same as the current"},
    };
    for (String[] c : cases) {
      char[] current = c[0].toCharArray();
      char[] replacement = c[1].toCharArray();
      AccountRuleException e =
          assertThrows(
              AccountRuleException.class,
              () -> accounts.changePassword("Alice", current, replacement),
              c[0] + " -> " + c[1]);
      assertEquals(c[2], e.field(), e.getMessage());
      assertTrue(e.getMessage().contains(c[3]), e.getMessage());
      assertFalse(e.getMessage().contains(c[0]) && !c[0].isEmpty(), "no password in the message");
      assertWiped(current);
      assertWiped(replacement);
    }
    assertEquals(Optional.of(alice), store.find("alice"), "nothing changed");
  }

  @Test
  void aPasswordChangedInAnotherSessionMeanwhileIsNotOverwritten() {
    accounts.register("Alice", password());
    String elsewhere = hash.generate("elsewhere pw".toCharArray());
    // Another session changes the password after this one checked the current password and
    // before it writes the new one.
    accounts.store =
        new InterleavedStore(store) {
          @Override
          public boolean changePassword(String key, String expectedHash, String newHash) {
            assertTrue(store.changePassword(key, expectedHash, elsewhere));
            return store.changePassword(key, expectedHash, newHash);
          }
        };
    AccountRuleException changing =
        assertThrows(
            AccountRuleException.class,
            () -> accounts.changePassword("Alice", password(), "a new passphrase".toCharArray()));
    assertEquals(AccountRuleException.CURRENT_PASSWORD, changing.field());
    assertTrue(changing.getMessage().contains("another session"), changing.getMessage());
    assertEquals(
        Optional.of("Alice"), accounts.authenticate("Alice", "elsewhere pw".toCharArray()));

    // The same between the check and the deletion: nothing is deleted.
    char[] elsewherePassword = "elsewhere pw".toCharArray();
    String third = hash.generate("third pw 123".toCharArray());
    accounts.store =
        new InterleavedStore(store) {
          @Override
          public boolean delete(String key, String expectedHash) {
            assertTrue(store.changePassword(key, expectedHash, third));
            return store.delete(key, expectedHash);
          }
        };
    assertThrows(AccountRuleException.class, () -> accounts.delete("Alice", elsewherePassword));
    assertTrue(store.find("alice").isPresent(), "not deleted with a password no longer in force");
  }

  /** Passes every call on to the store, for a test to step in between. */
  private static class InterleavedStore implements AccountStore {
    final AccountStore store;

    InterleavedStore(AccountStore store) {
      this.store = store;
    }

    @Override
    public Optional<Account> find(String key) {
      return store.find(key);
    }

    @Override
    public boolean create(Account account) {
      return store.create(account);
    }

    @Override
    public void setToken(String key, StoredToken token) {
      store.setToken(key, token);
    }

    @Override
    public void clearToken(String key) {
      store.clearToken(key);
    }

    @Override
    public boolean changePassword(String key, String expectedHash, String newHash) {
      return store.changePassword(key, expectedHash, newHash);
    }

    @Override
    public boolean delete(String key, String expectedHash) {
      return store.delete(key, expectedHash);
    }

    @Override
    public boolean tokenUsed(String key, String ciphertext, Instant at) {
      return store.tokenUsed(key, ciphertext, at);
    }
  }

  @Test
  void deletingTheAccountTakesItsTokenAndTheProxysCopyWithIt() {
    Account alice = accounts.register("Alice", password());
    accounts.register("Bob", password());
    accounts.saveToken("Alice", TOKEN);
    accounts.saveToken("Bob", "0123456789abcdef01234567");
    NotificationQuery inbox = NotificationQuery.newestPage(NotificationFolder.INBOX);
    notifications.search(TOKEN, inbox);
    notifications.search("0123456789abcdef01234567", inbox);
    assertTrue(notifications.folderCount(TOKEN, NotificationFolder.INBOX).isPresent());

    char[] wrong = "wrong password!".toCharArray();
    AccountRuleException refused =
        assertThrows(AccountRuleException.class, () -> accounts.delete("Alice", wrong));
    assertEquals(AccountRuleException.CURRENT_PASSWORD, refused.field());
    assertWiped(wrong);
    assertEquals(Optional.of(TOKEN), accounts.token("Alice"), "nothing deleted");
    assertTrue(notifications.folderCount(TOKEN, NotificationFolder.INBOX).isPresent());

    char[] right = password();
    accounts.delete("ALICE", right);
    assertWiped(right);
    assertTrue(store.find("alice").isEmpty(), "the account and its stored token are gone");
    assertEquals(Optional.empty(), accounts.token("Alice"));
    assertTrue(
        notifications.folderCount(TOKEN, NotificationFolder.INBOX).isEmpty(),
        "the proxy no longer holds the token's notifications");
    assertTrue(
        notifications.folderCount("0123456789abcdef01234567", NotificationFolder.INBOX).isPresent(),
        "Bob's stay");
    assertTrue(store.find("bob").isPresent());

    // The name is free again, and a session of the deleted account does not speak for the new one.
    Account again = accounts.register("alice", "someone else pw".toCharArray());
    assertNotEquals(alice.sessionStamp(), again.sessionStamp());
  }

  @Test
  void deletingAnAccountWhoseTokenNoLongerDecryptsStillDeletesIt() {
    accounts.register("Alice", password());
    accounts.register("Mallory", password());
    accounts.saveToken("Alice", TOKEN);
    store.setToken("mallory", store.find("alice").orElseThrow().token().orElseThrow());
    accounts.delete("Mallory", password());
    assertTrue(store.find("mallory").isEmpty());
    assertEquals(Optional.of(TOKEN), accounts.token("Alice"));
  }

  @Test
  void aUseOfTheStoredTokenIsRecordedAtMostOncePerIntervalAndOnlyForThatToken() {
    accounts.register("Alice", password());
    accounts.saveToken("Alice", TOKEN);
    TokenHash hash = TokenHash.of(TOKEN);
    long t = NOW.toEpochMilli();

    // A call with the token before the account handed it out (an integrator's) credits nobody.
    uses.answered(new UpstreamAnswered(hash, t));
    assertTrue(lastUse("alice").isEmpty());

    assertEquals(Optional.of(TOKEN), accounts.token("Alice"));
    uses.answered(new UpstreamAnswered(hash, t));
    assertEquals(Optional.of(Instant.ofEpochMilli(t)), lastUse("alice"));
    int writes = store.useWrites.get();
    for (long poll = 1; poll < 60; poll++) {
      accounts.token("Alice");
      uses.answered(new UpstreamAnswered(hash, t + poll * 1_000));
    }
    assertEquals(writes, store.useWrites.get(), "no write per poll within the minute");
    uses.answered(new UpstreamAnswered(TokenHash.of("0123456789abcdef01234567"), t + 61_000));
    assertEquals(writes, store.useWrites.get(), "another token is nobody's here");
    uses.answered(new UpstreamAnswered(hash, t + TokenUses.INTERVAL_MILLIS));
    assertEquals(writes + 1, store.useWrites.get());
    assertEquals(
        Optional.of(Instant.ofEpochMilli(t + TokenUses.INTERVAL_MILLIS)), lastUse("alice"));

    // A new token starts unused; a late answer for the old one is not credited to it.
    accounts.saveToken("Alice", "0123456789abcdef01234567");
    uses.answered(new UpstreamAnswered(hash, t + 3 * TokenUses.INTERVAL_MILLIS));
    assertTrue(lastUse("alice").isEmpty());
  }

  @Test
  void aTokenCheckedBeforeSavingStartsWithThatUse() {
    accounts.register("Alice", password());
    accounts.saveToken("Alice", TOKEN, Optional.of(NOW));
    assertEquals(
        Optional.of(Instant.parse("2026-03-04T05:06:07.123456Z")),
        lastUse("alice"),
        "to the microsecond the store keeps");
    assertEquals(Optional.of("0a85"), accounts.storedToken("Alice").map(StoredToken::last4));
  }

  private Optional<Instant> lastUse(String key) {
    return store.find(key).flatMap(Account::token).flatMap(StoredToken::lastUsedAt);
  }
}
