package org.tradewatch.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionsTest {

  private TestDatabase db;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    Transactions.write(
        db.factory(),
        em -> {
          em.createNativeQuery("CREATE TABLE probe_a (id INT PRIMARY KEY, v INT)").executeUpdate();
          em.createNativeQuery("CREATE TABLE probe_b (id INT PRIMARY KEY, v INT)").executeUpdate();
          em.createNativeQuery("INSERT INTO probe_a VALUES (1, 1)").executeUpdate();
          em.createNativeQuery("INSERT INTO probe_b VALUES (1, 1)").executeUpdate();
          return null;
        });
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static int value(EntityManager em, String table) {
    return ((Number)
            em.createNativeQuery("SELECT v FROM " + table + " WHERE id = 1").getSingleResult())
        .intValue();
  }

  private void setBoth(int v) {
    Transactions.write(
        db.factory(),
        em -> {
          em.createNativeQuery("UPDATE probe_a SET v = " + v).executeUpdate();
          em.createNativeQuery("UPDATE probe_b SET v = " + v).executeUpdate();
          return null;
        });
  }

  /**
   * Reads probe_a, lets another transaction commit a change to both tables, then reads probe_b and
   * probe_a again: a page's keys, then its rows, with ingest committing in between.
   */
  private List<Integer> readAroundACommit(EntityManager em) {
    List<Integer> values = new ArrayList<>();
    values.add(value(em, "probe_a"));
    setBoth(2);
    values.add(value(em, "probe_b"));
    values.add(value(em, "probe_a"));
    return values;
  }

  private <T> T snapshot(Function<EntityManager, T> work) {
    return Transactions.snapshot(db.factory(), Transactions.snapshotIsolation(db.factory()), work);
  }

  @Test
  void aSnapshotReadSeesNoCommitAfterItsFirstStatementInAnyTable() {
    assertEquals(List.of(1, 1, 1), snapshot(this::readAroundACommit), "one snapshot, both tables");
    assertEquals(2, (int) Transactions.read(db.factory(), em -> value(em, "probe_b")));
  }

  @Test
  void readCommittedSeesTheCommitInBetween() {
    // What a page read outside a snapshot saw: its keys from before a commit, its rows from after.
    assertEquals(List.of(1, 2, 2), Transactions.read(db.factory(), this::readAroundACommit));
  }

  @Test
  void onH2ItIsH2sSnapshotLevelNotItsRepeatableRead() {
    try (TestDatabase h2 = TestDatabase.h2()) {
      assertEquals(Transactions.H2_SNAPSHOT, Transactions.snapshotIsolation(h2.factory()));
    }
  }

  @Test
  void pooledConnectionsGoBackAtReadCommitted() {
    for (int i = 0; i < 20; i++) {
      snapshot(em -> value(em, "probe_a"));
    }
    // More than the pool holds at once, so that every pooled connection is looked at.
    List<EntityManager> open = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        EntityManager em = db.factory().createEntityManager();
        open.add(em);
        em.getTransaction().begin();
        assertEquals(
            Connection.TRANSACTION_READ_COMMITTED,
            em.unwrap(Connection.class).getTransactionIsolation());
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    } finally {
      for (EntityManager em : open) {
        em.getTransaction().rollback();
        em.close();
      }
    }
  }

  @Test
  void aFailingReadStillRestoresItsConnection() {
    try {
      snapshot(em -> em.createNativeQuery("SELECT v FROM no_such_table").getSingleResult());
    } catch (RuntimeException expected) {
      // the read fails; what matters is the connection it leaves behind
    }
    pooledConnectionsGoBackAtReadCommitted();
  }
}
