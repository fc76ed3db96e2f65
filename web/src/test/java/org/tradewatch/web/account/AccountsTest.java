package org.tradewatch.web.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.account.Account;
import org.tradewatch.core.account.AccountRuleException;
import org.tradewatch.core.account.StoredToken;
import org.tradewatch.core.account.TokenCipher;
import org.tradewatch.core.account.TokenCipherException;

class AccountsTest {

  private static final String PASSWORD = "correct horse battery";
  private static final String TOKEN = "5904cbeb0e2cad7f621c0a85";
  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123456789Z");

  private final InMemoryAccountStore store = new InMemoryAccountStore();
  private final JdkPbkdf2PasswordHash hash = new JdkPbkdf2PasswordHash();
  private final byte[] key = TokenCipher.newKey();
  private Accounts accounts;

  @BeforeEach
  void create() {
    accounts = new Accounts();
    accounts.store = store;
    accounts.passwordHash = hash;
    accounts.cipher = new TokenCipher(key);
    accounts.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    accounts.initialize();
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
}
