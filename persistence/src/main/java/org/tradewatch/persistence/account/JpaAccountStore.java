package org.tradewatch.persistence.account;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.tradewatch.core.account.Account;
import org.tradewatch.core.account.AccountStore;
import org.tradewatch.core.account.StoredToken;
import org.tradewatch.persistence.Transactions;
import org.tradewatch.persistence.watch.JpaWatchStore;
import org.tradewatch.persistence.webhook.JpaWebhookStore;

/** Accounts in JPA. Thread-safe: every call uses an entity manager of its own. */
public final class JpaAccountStore implements AccountStore {

  private final EntityManagerFactory factory;

  public JpaAccountStore(EntityManagerFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  @Override
  public Optional<Account> find(String key) {
    Objects.requireNonNull(key, "key");
    return Transactions.read(
        factory,
        em -> Optional.ofNullable(em.find(AccountEntity.class, key)).map(AccountEntity::toAccount));
  }

  @Override
  public boolean create(Account account) {
    Objects.requireNonNull(account, "account");
    // Only spares the common case of a name that is long taken a failed insert, which EclipseLink
    // logs as a warning with a stack trace; the primary key is what decides.
    if (find(account.key()).isPresent()) {
      return false;
    }
    try {
      Transactions.write(
          factory,
          em -> {
            em.persist(new AccountEntity(account));
            return null;
          });
      return true;
    } catch (PersistenceException e) {
      // Another registration of the key committed after the look-up. Key violations are reported
      // differently by every database and driver, so rather than read the error, ask whether the
      // key is taken now: if it is, this was the duplicate; if not, the failure was something else.
      boolean taken;
      try {
        taken = find(account.key()).isPresent();
      } catch (RuntimeException lookupFailure) {
        e.addSuppressed(lookupFailure);
        throw e;
      }
      if (taken) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void setToken(String key, StoredToken token) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(token, "token");
    update(key, token.ciphertext(), token.last4(), token.lastUsedAt().orElse(null));
  }

  @Override
  public void clearToken(String key) {
    Objects.requireNonNull(key, "key");
    update(key, null, null, null);
  }

  /**
   * One UPDATE, so a token save never races with a read-modify-write of the same row. A missing
   * time is written as the literal NULL: EclipseLink binds a null parameter as VARCHAR, which
   * PostgreSQL refuses for the BIGINT column.
   */
  private void update(String key, String ciphertext, String last4, Instant usedAt) {
    int rows =
        Transactions.write(
            factory,
            em -> {
              var query =
                  em.createQuery(
                          "UPDATE AccountEntity a SET a.tokenCiphertext = :ciphertext,"
                              + " a.tokenLast4 = :last4, a.tokenUsedAt = "
                              + (usedAt == null ? "NULL" : ":usedAt")
                              + " WHERE a.accountKey = :key")
                      .setParameter("ciphertext", ciphertext)
                      .setParameter("last4", last4)
                      .setParameter("key", key);
              if (usedAt != null) {
                query.setParameter("usedAt", usedAt);
              }
              return query.executeUpdate();
            });
    if (rows == 0) {
      throw new IllegalArgumentException("no account has the key '" + key + "'");
    }
  }

  /** One conditional UPDATE: the database decides whether the hash is still the one checked. */
  @Override
  public boolean changePassword(String key, String expectedHash, String newHash) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(expectedHash, "expectedHash");
    Objects.requireNonNull(newHash, "newHash");
    if (newHash.isBlank()) {
      throw new IllegalArgumentException("an account has a password hash");
    }
    return Transactions.write(
            factory,
            em ->
                em.createQuery(
                        "UPDATE AccountEntity a SET a.passwordHash = :newHash"
                            + " WHERE a.accountKey = :key AND a.passwordHash = :expectedHash")
                    .setParameter("newHash", newHash)
                    .setParameter("key", key)
                    .setParameter("expectedHash", expectedHash)
                    .executeUpdate())
        == 1;
  }

  /**
   * One conditional DELETE: the row, and the token ciphertext in it, go together; and in the same
   * transaction the account's watches, alerts and webhook, so that whoever registers the name next
   * finds none of them.
   */
  @Override
  public boolean delete(String key, String expectedHash) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(expectedHash, "expectedHash");
    return Transactions.write(
        factory,
        em -> {
          int deleted =
              em.createQuery(
                      "DELETE FROM AccountEntity a"
                          + " WHERE a.accountKey = :key AND a.passwordHash = :expectedHash")
                  .setParameter("key", key)
                  .setParameter("expectedHash", expectedHash)
                  .executeUpdate();
          if (deleted == 1) {
            JpaWatchStore.forget(em, key);
            JpaWebhookStore.forget(em, key);
          }
          return deleted == 1;
        });
  }

  /**
   * One conditional UPDATE, so a use recorded late (another instance, a slow call) never moves the
   * time back, and a use of a token the account no longer stores is not recorded against its new
   * one.
   */
  @Override
  public boolean tokenUsed(String key, String ciphertext, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(at, "at");
    return Transactions.write(
            factory,
            em ->
                em.createQuery(
                        "UPDATE AccountEntity a SET a.tokenUsedAt = :at"
                            + " WHERE a.accountKey = :key AND a.tokenCiphertext = :ciphertext"
                            + " AND (a.tokenUsedAt IS NULL OR a.tokenUsedAt < :at)")
                    .setParameter("at", at)
                    .setParameter("key", key)
                    .setParameter("ciphertext", ciphertext)
                    .executeUpdate())
        == 1;
  }
}
