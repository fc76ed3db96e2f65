package org.tradewatch.core.account;

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
   * Stores or replaces an account's token.
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
}
