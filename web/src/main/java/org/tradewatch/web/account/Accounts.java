package org.tradewatch.web.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.tradewatch.core.account.Account;
import org.tradewatch.core.account.AccountRuleException;
import org.tradewatch.core.account.AccountRules;
import org.tradewatch.core.account.AccountStore;
import org.tradewatch.core.account.StoredToken;
import org.tradewatch.core.account.TokenCipher;
import org.tradewatch.core.account.TokenCipherException;

/**
 * Registration, login and the stored backpack.tf token, for the pages and the identity store.
 *
 * <p>Every method that takes a password as a {@code char[]} wipes the array before it returns,
 * whatever happens, so the caller must not use it afterwards. Methods that take a {@code username}
 * accept it in any case: it is case-folded to the account key.
 */
@ApplicationScoped
public class Accounts {

  /**
   * PBKDF2-HMAC-SHA256 at OWASP's recommended 210,000 iterations (2023), with a 32-byte salt and
   * hash. Stored hashes name their own parameters, so raising these later still verifies old ones.
   */
  static final Map<String, String> HASH_PARAMETERS =
      Map.of(
          "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
          "Pbkdf2PasswordHash.Iterations", "210000",
          "Pbkdf2PasswordHash.SaltSizeBytes", "32",
          "Pbkdf2PasswordHash.KeySizeBytes", "32");

  @Inject AccountStore store;

  @Inject Pbkdf2PasswordHash passwordHash;

  @Inject TokenCipher cipher;

  Clock clock = Clock.systemUTC();

  /** Verified against when no account has the name, so that costs the same time as a real one. */
  private String unknownUserHash;

  @PostConstruct
  void initialize() {
    passwordHash.initialize(HASH_PARAMETERS);
    char[] random = new char[AccountRules.PASSWORD_MAX];
    SecureRandom source = new SecureRandom();
    for (int i = 0; i < random.length; i++) {
      random[i] = (char) ('!' + source.nextInt('~' - '!' + 1));
    }
    try {
      unknownUserHash = passwordHash.generate(random);
    } finally {
      Arrays.fill(random, '\0');
    }
  }

  /**
   * Creates an account.
   *
   * @param username as typed; surrounding spaces are dropped
   * @param password as typed; wiped before this returns
   * @return the new account
   * @throws AccountRuleException when the name or the password breaks {@link AccountRules}, or the
   *     name is taken in any capitalisation; the message is for the user
   */
  public Account register(String username, char[] password) {
    try {
      String name = AccountRules.username(username);
      AccountRules.password(password);
      Account account =
          new Account(
              name,
              Account.keyOf(name),
              passwordHash.generate(password),
              Optional.empty(),
              // The column keeps microseconds: the account returned equals the one stored.
              clock.instant().truncatedTo(ChronoUnit.MICROS));
      if (!store.create(account)) {
        throw new AccountRuleException(AccountRuleException.USERNAME, "That username is taken.");
      }
      return account;
    } finally {
      wipe(password);
    }
  }

  /**
   * Checks a login. An unknown or malformed name costs one password verification like a known one,
   * so response times do not tell which names exist.
   *
   * @param username as typed, in any case
   * @param password as typed; wiped before this returns
   * @return the account's username as registered (the caller name for the session), or empty when
   *     the name or the password is wrong
   */
  public Optional<String> authenticate(String username, char[] password) {
    char[] given = password == null ? new char[0] : password;
    try {
      Optional<Account> account = find(username);
      if (account.isEmpty()) {
        passwordHash.verify(given, unknownUserHash);
        return Optional.empty();
      }
      return passwordHash.verify(given, account.get().passwordHash())
          ? Optional.of(account.get().username())
          : Optional.empty();
    } finally {
      wipe(password);
    }
  }

  /** The last four characters of the user's stored token, the only part ever shown back. */
  public Optional<String> tokenHint(String username) {
    return find(username).flatMap(Account::token).map(StoredToken::last4);
  }

  /**
   * Stores the user's backpack.tf token, encrypted and bound to the account, replacing any other.
   *
   * @param rawToken as pasted; trimmed and lower-cased
   * @throws AccountRuleException when the token is not 24 hex digits; the message is for the user
   * @throws IllegalArgumentException when the user has no account
   */
  public void saveToken(String username, String rawToken) {
    String token = AccountRules.backpackTfToken(rawToken);
    String key = Account.keyOf(username);
    store.setToken(key, new StoredToken(cipher.encrypt(token, key), StoredToken.last4Of(token)));
  }

  /**
   * Forgets the user's token.
   *
   * @throws IllegalArgumentException when the user has no account
   */
  public void removeToken(String username) {
    store.clearToken(Account.keyOf(username));
  }

  /**
   * The user's backpack.tf token, decrypted, for calls to backpack.tf on their behalf.
   *
   * @return empty when the user has no account or no token
   * @throws TokenCipherException when the stored token cannot be decrypted, as after the token key
   *     was replaced; the user has to enter the token again
   */
  public Optional<String> token(String username) {
    return find(username)
        .flatMap(
            account ->
                account.token().map(stored -> cipher.decrypt(stored.ciphertext(), account.key())));
  }

  private Optional<Account> find(String username) {
    if (username == null || username.isBlank()) {
      return Optional.empty();
    }
    String key = Account.keyOf(username.trim());
    // A key longer than any allowed name matches nothing; no need to ask the database.
    return key.length() > AccountRules.USERNAME_MAX ? Optional.empty() : store.find(key);
  }

  private static void wipe(char[] password) {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }
}
