package org.tradewatch.web.account;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.tradewatch.core.account.Account;
import org.tradewatch.core.account.AccountStore;
import org.tradewatch.core.account.StoredToken;

/** The account store port in a map, with the same contract as the JPA one. */
final class InMemoryAccountStore implements AccountStore {

  final ConcurrentMap<String, Account> accounts = new ConcurrentHashMap<>();

  /** How many times a token's use was written: the writes the rules must keep few. */
  final AtomicInteger useWrites = new AtomicInteger();

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

  @Override
  public boolean changePassword(String key, String expectedHash, String newHash) {
    boolean[] changed = new boolean[1];
    accounts.computeIfPresent(
        key,
        (k, account) -> {
          if (!account.passwordHash().equals(expectedHash)) {
            return account;
          }
          changed[0] = true;
          return account.withPasswordHash(newHash);
        });
    return changed[0];
  }

  @Override
  public boolean delete(String key, String expectedHash) {
    Account account = accounts.get(key);
    return account != null
        && account.passwordHash().equals(expectedHash)
        && accounts.remove(key, account);
  }

  @Override
  public boolean tokenUsed(String key, String ciphertext, Instant at) {
    useWrites.incrementAndGet();
    boolean[] recorded = new boolean[1];
    accounts.computeIfPresent(
        key,
        (k, account) -> {
          Optional<StoredToken> token = account.token();
          if (token.isEmpty()
              || !token.get().ciphertext().equals(ciphertext)
              || token.get().lastUsedAt().filter(used -> !used.isBefore(at)).isPresent()) {
            return account;
          }
          recorded[0] = true;
          return account.withToken(
              Optional.of(
                  new StoredToken(token.get().ciphertext(), token.get().last4(), Optional.of(at))));
        });
    return recorded[0];
  }

  private void change(String key, Optional<StoredToken> token) {
    if (accounts.computeIfPresent(key, (k, account) -> account.withToken(token)) == null) {
      throw new IllegalArgumentException("no account has the key '" + key + "'");
    }
  }
}
