package org.tradewatch.core.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's account.
 *
 * <p>The constructor checks the record's own consistency but not {@link AccountRules}: the rules
 * apply when a name is chosen, and a later change to them must not make stored accounts unreadable.
 *
 * @param username the name as the user typed it at registration, shown back as it was typed
 * @param key the unique name: {@link #keyOf(String) username in lower case}, so {@code Alice} and
 *     {@code alice} cannot be two accounts
 * @param passwordHash the password hash, opaque here (its format belongs to the hashing algorithm)
 * @param token the user's backpack.tf token, if one is stored
 * @param createdAt when the account was registered
 */
public record Account(
    String username,
    String key,
    String passwordHash,
    Optional<StoredToken> token,
    Instant createdAt) {

  public Account {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(createdAt, "createdAt");
    if (!key.equals(keyOf(username))) {
      throw new IllegalArgumentException("an account's key is its username in lower case");
    }
    if (passwordHash.isBlank()) {
      throw new IllegalArgumentException("an account has a password hash");
    }
  }

  /** The key of the account a username names, however the user capitalised it. */
  public static String keyOf(String username) {
    return Objects.requireNonNull(username, "username").toLowerCase(Locale.ROOT);
  }

  /** The same account with a token stored, or none when {@code token} is empty. */
  public Account withToken(Optional<StoredToken> token) {
    return new Account(username, key, passwordHash, token, createdAt);
  }

  /** The same account with another password hash. */
  public Account withPasswordHash(String passwordHash) {
    return new Account(username, key, passwordHash, token, createdAt);
  }

  /**
   * What a logged-in session is bound to: this account as registered, with its current password. It
   * changes when the password changes, and an account deleted and registered again under the same
   * name has another one, so a session that kept an older stamp no longer speaks for the account. A
   * digest, so that the session holds nothing of the password hash itself.
   */
  public String sessionStamp() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] stamp =
          digest.digest(
              ("tradewatch/session/" + key + "\n" + createdAt + "\n" + passwordHash)
                  .getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(stamp);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Leaves out the password hash, which would help an offline guess if it reached a log. */
  @Override
  public String toString() {
    return "Account[username="
        + username
        + ", token="
        + token.map(t -> "..." + t.last4()).orElse("none")
        + ", createdAt="
        + createdAt
        + "]";
  }
}
