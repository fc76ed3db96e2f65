package org.tradewatch.persistence.listing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.h2.api.Trigger;
import org.tradewatch.persistence.TestDatabase;

/**
 * Holds appends to the listing log in flight: inside their transaction, at their first row, until
 * the test opens the gate. On H2 a trigger on the log waits for the gate in this JVM; on PostgreSQL
 * the gate's own transaction locks the log table, which every insert then waits for.
 */
final class AppendGate implements AutoCloseable {

  /** The gate the H2 trigger waits at; one test at a time uses a gate. */
  private static volatile AppendGate current;

  private final TestDatabase db;
  private final Connection connection;
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch opened = new CountDownLatch(1);

  private AppendGate(TestDatabase db) throws SQLException {
    this.db = db;
    this.connection = db.connect();
    try (Statement statement = connection.createStatement()) {
      if (db.isPostgres()) {
        connection.setAutoCommit(false);
        // SHARE conflicts with the ROW EXCLUSIVE lock every INSERT takes.
        statement.execute("LOCK TABLE listing_event IN SHARE MODE");
      } else {
        current = this;
        statement.execute(
            "CREATE TRIGGER append_gate BEFORE INSERT ON listing_event FOR EACH ROW CALL '"
                + Hold.class.getName()
                + "'");
      }
    }
  }

  /** A closed gate on the database's log. */
  static AppendGate closedOn(TestDatabase db) throws SQLException {
    return new AppendGate(db);
  }

  /** Waits until an append is held at the gate; false if none came within {@code timeout}. */
  boolean awaitHeld(Duration timeout) throws SQLException, InterruptedException {
    if (!db.isPostgres()) {
      return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Connection watcher = db.connect();
        PreparedStatement waiting =
            watcher.prepareStatement(
                "SELECT COUNT(*) FROM pg_locks"
                    + " WHERE relation = 'listing_event'::regclass AND NOT granted")) {
      while (System.nanoTime() < deadline) {
        try (ResultSet row = waiting.executeQuery()) {
          row.next();
          if (row.getLong(1) > 0) {
            return true;
          }
        }
        Thread.onSpinWait();
      }
    }
    return false;
  }

  /** Lets every held append and all later ones through. */
  void open() throws SQLException {
    opened.countDown();
    if (db.isPostgres() && !connection.getAutoCommit()) {
      connection.rollback();
      connection.setAutoCommit(true);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      open();
      if (!db.isPostgres()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("DROP TRIGGER append_gate");
        }
      }
    } finally {
      current = null;
      connection.close();
    }
  }

  /** The H2 trigger: a row about to be appended waits here while the gate is closed. */
  public static final class Hold implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
      AppendGate gate = current;
      if (gate == null) {
        return;
      }
      gate.held.countDown();
      try {
        if (!gate.opened.await(60, TimeUnit.SECONDS)) {
          throw new SQLException("the append gate was never opened");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted at the append gate", e);
      }
    }
  }
}
