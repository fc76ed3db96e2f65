package org.tradewatch.persistence;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/** A fresh in-memory H2 database per test, created through the same factory the app uses. */
public final class TestDatabase implements AutoCloseable {

  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final EntityManagerFactory factory;

  public TestDatabase() {
    factory = TradewatchPersistence.create(url, "sa", "", Map.of());
  }

  public EntityManagerFactory factory() {
    return factory;
  }

  public String url() {
    return url;
  }

  @Override
  public void close() {
    factory.close();
    // DB_CLOSE_DELAY=-1 keeps an in-memory database until it is shut down: do that, so a whole
    // test run does not pile up databases in one JVM.
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop the test database", e);
    }
  }
}
