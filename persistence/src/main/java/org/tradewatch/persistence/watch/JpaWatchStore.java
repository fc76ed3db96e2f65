package org.tradewatch.persistence.watch;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tradewatch.core.watch.Watch;
import org.tradewatch.core.watch.WatchStore;
import org.tradewatch.persistence.Transactions;
import org.tradewatch.persistence.account.AccountEntity;

/**
 * Watches in JPA. Every write raises the one {@link WatchVersionEntity version} in its own
 * transaction. Thread-safe: every call uses an entity manager of its own.
 */
public final class JpaWatchStore implements WatchStore {

  private final EntityManagerFactory factory;

  /** Makes sure the version row exists, so that every write can simply raise it. */
  public JpaWatchStore(EntityManagerFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
    if (readVersion() == null) {
      try {
        Transactions.write(
            factory,
            em -> {
              em.persist(new WatchVersionEntity(0));
              return null;
            });
      } catch (PersistenceException e) {
        // Another instance inserted it first: then it is there now.
        if (readVersion() == null) {
          throw e;
        }
      }
    }
  }

  /**
   * The owner's account row is locked first: two creates for one owner then count one after the
   * other, so they cannot both count 99 and both insert; and an account being deleted (which locks
   * the row, then raises the version, in that order, as here) gets no watch after it.
   */
  @Override
  public boolean create(Watch watch, int limit) {
    Objects.requireNonNull(watch, "watch");
    return Transactions.write(
        factory,
        em -> {
          if (em.find(AccountEntity.class, watch.owner(), LockModeType.PESSIMISTIC_WRITE) == null) {
            throw new IllegalArgumentException("no account has the key '" + watch.owner() + "'");
          }
          long held =
              em.createQuery(
                      "SELECT COUNT(w) FROM WatchEntity w WHERE w.owner = :owner", Long.class)
                  .setParameter("owner", watch.owner())
                  .getSingleResult();
          if (held >= limit) {
            return false;
          }
          em.persist(new WatchEntity(watch));
          raiseVersion(em);
          return true;
        });
  }

  @Override
  public List<Watch> list(String owner) {
    Objects.requireNonNull(owner, "owner");
    return Transactions.read(
        factory,
        em ->
            em
                .createQuery(
                    "SELECT w FROM WatchEntity w WHERE w.owner = :owner"
                        + " ORDER BY w.createdAt, w.id",
                    WatchEntity.class)
                .setParameter("owner", owner)
                .getResultList()
                .stream()
                .map(WatchEntity::toWatch)
                .toList());
  }

  @Override
  public Optional<Watch> find(String owner, String id) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(id, "id");
    return Transactions.read(
        factory,
        em ->
            Optional.ofNullable(em.find(WatchEntity.class, id))
                .filter(entity -> entity.owner.equals(owner))
                .map(WatchEntity::toWatch));
  }

  /** Changes the managed row (no JPQL UPDATE, whose null parameters PostgreSQL would refuse). */
  @Override
  public boolean update(Watch watch) {
    Objects.requireNonNull(watch, "watch");
    return Transactions.write(
        factory,
        em -> {
          WatchEntity entity = em.find(WatchEntity.class, watch.id());
          if (entity == null || !entity.owner.equals(watch.owner())) {
            return false;
          }
          raiseVersion(em);
          entity.write(watch);
          return true;
        });
  }

  @Override
  public boolean delete(String owner, String id) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(id, "id");
    return Transactions.write(
        factory,
        em -> {
          int deleted =
              em.createQuery("DELETE FROM WatchEntity w WHERE w.id = :id AND w.owner = :owner")
                  .setParameter("id", id)
                  .setParameter("owner", owner)
                  .executeUpdate();
          if (deleted > 0) {
            raiseVersion(em);
          }
          return deleted > 0;
        });
  }

  @Override
  public List<Watch> all() {
    return Transactions.read(
        factory,
        em ->
            em
                .createQuery("SELECT w FROM WatchEntity w ORDER BY w.id", WatchEntity.class)
                .getResultList()
                .stream()
                .map(WatchEntity::toWatch)
                .toList());
  }

  @Override
  public long version() {
    Long version = readVersion();
    if (version == null) {
      throw new IllegalStateException("the watch_version row is missing");
    }
    return version;
  }

  private Long readVersion() {
    return Transactions.read(
        factory,
        em -> {
          WatchVersionEntity row = em.find(WatchVersionEntity.class, WatchVersionEntity.ID);
          return row == null ? null : row.version;
        });
  }

  /**
   * Deletes every watch and alert of an account, in the caller's transaction: the account's own
   * deletion, so that a name registered again later starts with none.
   */
  public static void forget(EntityManager em, String owner) {
    em.createQuery("DELETE FROM AlertEntity a WHERE a.owner = :owner")
        .setParameter("owner", owner)
        .executeUpdate();
    int watches =
        em.createQuery("DELETE FROM WatchEntity w WHERE w.owner = :owner")
            .setParameter("owner", owner)
            .executeUpdate();
    if (watches > 0) {
      raiseVersion(em);
    }
  }

  private static void raiseVersion(EntityManager em) {
    em.createQuery("UPDATE WatchVersionEntity v SET v.version = v.version + 1 WHERE v.id = :id")
        .setParameter("id", WatchVersionEntity.ID)
        .executeUpdate();
  }
}
