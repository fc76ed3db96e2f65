package org.tradewatch.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.function.Function;

/**
 * Runs work in an entity manager of its own, because the stores are shared between threads and an
 * entity manager is not.
 */
public final class Transactions {

  private Transactions() {}

  /** Runs {@code work} without a transaction: for reads. */
  public static <T> T read(EntityManagerFactory factory, Function<EntityManager, T> work) {
    EntityManager em = factory.createEntityManager();
    try {
      return work.apply(em);
    } finally {
      em.close();
    }
  }

  /**
   * Runs {@code work} in one transaction and commits it; on any failure, including a failed commit,
   * rolls back and rethrows, so either all of the work is stored or none of it.
   */
  public static <T> T write(EntityManagerFactory factory, Function<EntityManager, T> work) {
    EntityManager em = factory.createEntityManager();
    EntityTransaction transaction = em.getTransaction();
    try {
      transaction.begin();
      T result = work.apply(em);
      transaction.commit();
      return result;
    } catch (RuntimeException | Error e) {
      if (transaction.isActive()) {
        try {
          transaction.rollback();
        } catch (RuntimeException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
      }
      throw e;
    } finally {
      em.close();
    }
  }
}
