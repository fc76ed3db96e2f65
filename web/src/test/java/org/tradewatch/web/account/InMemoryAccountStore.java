package org.tradewatch.web.account;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.tradewatch.core.account.Account;
import org.tradewatch.core.account.AccountStore;
import org.tradewatch.core.account.StoredToken;

/** The account store port in a map, with the same contract as the JPA one. */
final class InMemoryAccountStore implements AccountStore {

  final ConcurrentMap<String, Account> accounts = new ConcurrentHashMap<>();

  @Override
  public Optional<Account> find(String key) {
    return Optional.ofNullable(accounts.get(key));
  }

  @Override
  public boolean create(Account account) {
    return accounts.putIfAbsent(account.key(), account) == null;
  }

  @Override
  public void setToken(String key, StoredToken token) {
    change(key, Optional.of(token));
  }

  @Override
  public void clearToken(String key) {
    change(key, Optional.empty());
  }

  private void change(String key, Optional<StoredToken> token) {
    if (accounts.computeIfPresent(key, (k, account) -> account.withToken(token)) == null) {
      throw new IllegalArgumentException("no account has the key '" + key + "'");
    }
  }
}
