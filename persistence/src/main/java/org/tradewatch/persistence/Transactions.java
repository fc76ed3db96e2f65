package org.tradewatch.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs work in an entity manager of its own, because the stores are shared between threads and an
 * entity manager is not.
 */
public final class Transactions {

  private static final Logger LOG = Logger.getLogger(Transactions.class.getName());

  /**
   * H2's own isolation level in which every statement of a transaction reads the snapshot taken at
   * its first ({@code org.h2.engine.Constants.TRANSACTION_SNAPSHOT}); H2's repeatable read takes
   * each table's snapshot only when the transaction first reads that table.
   */
  static final int H2_SNAPSHOT = 6;

  private Transactions() {}

  /**
   * The isolation level in which a transaction reads one snapshot of the factory's database, for
   * {@link #snapshot}: H2's {@link #H2_SNAPSHOT}; elsewhere repeatable read, which is a snapshot on
   * PostgreSQL. Ask once per factory, not per read.
   */
  public static int snapshotIsolation(EntityManagerFactory factory) {
    return TradewatchPersistence.isH2(factory)
        ? H2_SNAPSHOT
        : Connection.TRANSACTION_REPEATABLE_READ;
  }

  /**
   * Runs {@code work}, which only reads, in one transaction at {@code isolation} (from {@link
   * #snapshotIsolation}) and rolls it back; for reads of several statements that must agree with
   * each other, such as a page's keys and then its rows. The connection goes back to the pool at
   * the level it had.
   */
  public static <T> T snapshot(
      EntityManagerFactory factory, int isolation, Function<EntityManager, T> work) {
    EntityManager em = factory.createEntityManager();
    EntityTransaction transaction = em.getTransaction();
    Connection connection = null;
    int previous = Connection.TRANSACTION_READ_COMMITTED;
    try {
      transaction.begin();
      // Unwrapping binds the connection to this transaction before any statement runs, which is
      // when a level may still be changed.
      connection = em.unwrap(Connection.class);
      previous = connection.getTransactionIsolation();
      connection.setTransactionIsolation(isolation);
      return work.apply(em);
    } catch (SQLException e) {
      throw new PersistenceException("setting the isolation level failed", e);
    } finally {
      try {
        // Back to its level while the connection is still this transaction's: the rollback below
        // returns it to the pool, where another thread may take it at once.
        restore(connection, previous);
      } finally {
        if (transaction.isActive()) {
          transaction.rollback();
        }
        em.close();
      }
    }
  }

  private static void restore(Connection connection, int isolation) {
    if (connection == null) {
      return;
    }
    try {
      if (connection.getTransactionIsolation() != isolation) {
        // Ends the read-only transaction first: PostgreSQL refuses a new level inside one.
        connection.rollback();
        connection.setTransactionIsolation(isolation);
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "could not restore a pooled connection's isolation level", e);
    }
  }

  /**
   * Runs {@code work}, which only reads, in a transaction that is rolled back: for reads in plain
   * JDBC on the entity manager's connection, which EclipseLink binds only inside a transaction (and
   * which PostgreSQL streams a large result on only there).
   */
  public static <T> T readOnly(EntityManagerFactory factory, Function<EntityManager, T> work) {
    EntityManager em = factory.createEntityManager();
    EntityTransaction transaction = em.getTransaction();
    try {
      transaction.begin();
      return work.apply(em);
    } finally {
      try {
        if (transaction.isActive()) {
          transaction.rollback();
        }
      } finally {
        em.close();
      }
    }
  }

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
