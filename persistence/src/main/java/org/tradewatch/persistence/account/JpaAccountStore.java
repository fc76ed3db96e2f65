package org.tradewatch.persistence.account;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.util.Objects;
import java.util.Optional;
import org.tradewatch.core.account.Account;
import org.tradewatch.core.account.AccountStore;
import org.tradewatch.core.account.StoredToken;
import org.tradewatch.persistence.Transactions;

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
    update(key, token.ciphertext(), token.last4());
  }

  @Override
  public void clearToken(String key) {
    Objects.requireNonNull(key, "key");
    update(key, null, null);
  }

  /** One UPDATE, so a token save never races with a read-modify-write of the same row. */
  private void update(String key, String ciphertext, String last4) {
    int rows =
        Transactions.write(
            factory,
            em ->
                em.createQuery(
                        "UPDATE AccountEntity a SET a.tokenCiphertext = :ciphertext,"
                            + " a.tokenLast4 = :last4 WHERE a.accountKey = :key")
                    .setParameter("ciphertext", ciphertext)
                    .setParameter("last4", last4)
                    .setParameter("key", key)
                    .executeUpdate());
    if (rows == 0) {
      throw new IllegalArgumentException("no account has the key '" + key + "'");
    }
  }
}
