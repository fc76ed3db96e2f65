package org.tradewatch.core.account;

import java.time.Instant;
import java.util.Optional;

/** Where accounts are kept. Implementations are thread-safe. */
public interface AccountStore {

  /**
   * The account with this key.
   *
   * @param key an account key, see {@link Account#keyOf}
   */
  Optional<Account> find(String key);

  /**
   * Stores a new account unless its key is taken. Two registrations of one name at the same time
   * must leave one account and one {@code false}, so implementations rely on the store's own
   * uniqueness (a primary key) rather than on a look-up before the write.
   *
   * @return false when an account with the key already exists; nothing is changed then
   */
  boolean create(Account account);

  /**
   * Stores or replaces an account's token, with the time it was last used as {@code token} says
   * (none for a token never used).
   *
   * @throws IllegalArgumentException when no account has the key
   */
  void setToken(String key, StoredToken token);

  /**
   * Forgets an account's token; nothing happens when none is stored.
   *
   * @throws IllegalArgumentException when no account has the key
   */
  void clearToken(String key);

  /**
   * Replaces the account's password hash, provided it is still {@code expectedHash}: the caller
   * checked the current password against that hash, and a change made meanwhile (another session
   * changing the password) must not be overwritten by one that checked an older password.
   *
   * @return false when the account is gone or its hash is no longer {@code expectedHash}; nothing
   *     is changed then
   */
  boolean changePassword(String key, String expectedHash, String newHash);

  /**
   * Deletes the account, its stored token, watches and alerts with it, provided its password hash
   * is still {@code expectedHash} (the one the caller checked the password against).
   *
   * @return false when the account is gone or its hash is no longer {@code expectedHash}; nothing
   *     is deleted then
   */
  boolean delete(String key, String expectedHash);

  /**
   * Records that backpack.tf answered a call made at {@code at} with the token the account stores
   * as {@code ciphertext}. Nothing is recorded when the account now stores another token or none
   * (the use was of a token it no longer holds), or a use at {@code at} or later is recorded
   * already.
   *
   * @return whether the use was recorded
   */
  boolean tokenUsed(String key, String ciphertext, Instant at);
}
