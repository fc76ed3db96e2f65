package org.tradewatch.web.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.tradewatch.core.account.Account;
import org.tradewatch.core.account.AccountRuleException;
import org.tradewatch.core.account.AccountRules;
import org.tradewatch.core.account.AccountStore;
import org.tradewatch.core.account.StoredToken;
import org.tradewatch.core.account.TokenCipher;
import org.tradewatch.core.account.TokenCipherException;
import org.tradewatch.core.notification.NotificationService;

/**
 * Registration, login, the password, deleting an account, and the stored backpack.tf token, for the
 * pages and the identity store.
 *
 * <p>Every method that takes a password as a {@code char[]} wipes the array before it returns,
 * whatever happens, so the caller must not use it afterwards. Methods that take a {@code username}
 * accept it in any case: it is case-folded to the account key.
 */
@ApplicationScoped
public class Accounts {

  private static final Logger LOG = Logger.getLogger(Accounts.class.getName());

  private static final String WRONG_PASSWORD = "That is not your current password.";

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

  @Inject TokenUses uses;

  /**
   * The notifications proxy, to forget a deleted account's copy. A provider, so that accounts
   * (needed at the first login) do not build the proxy before anyone uses it.
   */
  @Inject Provider<NotificationService> notifications;

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
    saveToken(username, rawToken, Optional.empty());
  }

  /**
   * As {@link #saveToken(String, String)}, for a token that backpack.tf answered a call with at
   * {@code usedAt} (the check before saving it), which Settings then shows as its last use.
   */
  public void saveToken(String username, String rawToken, Optional<Instant> usedAt) {
    String token = AccountRules.backpackTfToken(rawToken);
    String key = Account.keyOf(username);
    store.setToken(
        key,
        new StoredToken(
            cipher.encrypt(token, key),
            StoredToken.last4Of(token),
            usedAt.map(at -> at.truncatedTo(ChronoUnit.MICROS))));
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
    Optional<Account> account = find(username);
    if (account.isEmpty() || account.get().token().isEmpty()) {
      return Optional.empty();
    }
    StoredToken stored = account.get().token().get();
    String token = cipher.decrypt(stored.ciphertext(), account.get().key());
    // From here on a successful call to backpack.tf with this token counts as its use.
    uses.holding(token, account.get().key(), stored.ciphertext());
    return Optional.of(token);
  }

  /**
   * The user's stored token as Settings shows it: its last four characters and its last use; empty
   * when the user has no account or no token.
   */
  public Optional<StoredToken> storedToken(String username) {
    return find(username).flatMap(Account::token);
  }

  /**
   * What a session logged in as the user is bound to ({@link Account#sessionStamp}); empty when the
   * user has no account (any more).
   */
  public Optional<String> sessionStamp(String username) {
    return find(username).map(Account::sessionStamp);
  }

  /**
   * Replaces the user's password, given the current one. Sessions bound to the old password no
   * longer match the account's {@link Account#sessionStamp}; the caller binds its own to the one
   * returned.
   *
   * @param current as typed; wiped before this returns
   * @param replacement as typed; wiped before this returns
   * @return the account as it is now
   * @throws AccountRuleException when the current password is wrong ({@link
   *     AccountRuleException#CURRENT_PASSWORD}), the new one breaks {@link AccountRules} or is the
   *     current one, or the password was changed meanwhile; the message is for the user
   */
  public Account changePassword(String username, char[] current, char[] replacement) {
    try {
      Account account = confirmed(username, current);
      AccountRules.newPassword(current, replacement);
      String hash = passwordHash.generate(replacement);
      if (!store.changePassword(account.key(), account.passwordHash(), hash)) {
        throw changedMeanwhile();
      }
      return account.withPasswordHash(hash);
    } finally {
      wipe(current);
      wipe(replacement);
    }
  }

  /**
   * Deletes the user's account with its stored token, given the password, then has the
   * notifications proxy forget its copy of that token's notifications. The copy can only be found
   * through the token: when the token can no longer be decrypted (the token key was replaced), the
   * copy stays, keyed by a hash nobody can link to the account, until it is never asked for again.
   *
   * @param password as typed; wiped before this returns
   * @throws AccountRuleException when the password is wrong or was changed meanwhile ({@link
   *     AccountRuleException#CURRENT_PASSWORD}); nothing is deleted then
   */
  public void delete(String username, char[] password) {
    Account account;
    try {
      account = confirmed(username, password);
    } finally {
      wipe(password);
    }
    Optional<String> token = Optional.empty();
    if (account.token().isPresent()) {
      try {
        token = Optional.of(cipher.decrypt(account.token().get().ciphertext(), account.key()));
      } catch (TokenCipherException e) {
        LOG.warning(
            () ->
                "The account "
                    + account.key()
                    + " is deleted, but its stored token cannot be decrypted ("
                    + e.getMessage()
                    + "), so the notifications kept for it cannot be found to forget");
      }
    }
    if (!store.delete(account.key(), account.passwordHash())) {
      throw changedMeanwhile();
    }
    if (token.isPresent()) {
      // The account is gone whatever happens here: a copy left behind is found by nobody but a
      // holder of the token, and is refreshed or replaced on their next search.
      try {
        notifications.get().forget(token.get());
      } catch (RuntimeException e) {
        LOG.warning(
            () ->
                "The account "
                    + account.key()
                    + " is deleted, but the notifications kept for its token could not be"
                    + " forgotten: "
                    + e.getClass().getName());
      }
    }
  }

  /** The user's account, when {@code password} is its password; wipes nothing. */
  private Account confirmed(String username, char[] password) {
    if (password == null || password.length == 0) {
      throw new AccountRuleException(
          AccountRuleException.CURRENT_PASSWORD, "Enter your current password.");
    }
    Optional<Account> account = find(username);
    if (account.isEmpty()) {
      throw changedMeanwhile();
    }
    if (!passwordHash.verify(password, account.get().passwordHash())) {
      throw new AccountRuleException(AccountRuleException.CURRENT_PASSWORD, WRONG_PASSWORD);
    }
    return account.get();
  }

  private static AccountRuleException changedMeanwhile() {
    return new AccountRuleException(
        AccountRuleException.CURRENT_PASSWORD,
        "Your account was changed in another session meanwhile. Log in again and retry.");
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
