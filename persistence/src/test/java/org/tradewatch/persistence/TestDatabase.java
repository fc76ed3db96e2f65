package org.tradewatch.persistence;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh, empty database per test, created through the same factory the app uses.
 *
 * <p>In-memory H2 by default. With the system property {@value #POSTGRES_URL} (and {@value
 * #POSTGRES_USER}, {@value #POSTGRES_PASSWORD}) set, as the {@code postgresql} Maven profile does,
 * each test gets a schema of its own in that PostgreSQL database instead, dropped when it closes.
 */
public final class TestDatabase implements AutoCloseable {

  public static final String POSTGRES_URL = "tradewatch.test.postgres.url";
  public static final String POSTGRES_USER = "tradewatch.test.postgres.user";
  public static final String POSTGRES_PASSWORD = "tradewatch.test.postgres.password";

  private final String url;
  private final String user;
  private final String password;
  private final String schema;
  private EntityManagerFactory factory;
  private boolean closed;

  /** A database of the kind this test run is for: PostgreSQL when configured, else H2. */
  public TestDatabase() {
    this(System.getProperty(POSTGRES_URL, ""), true);
  }

  /** An in-memory H2 database whatever the run is for: for tests of H2's own behaviour. */
  public static TestDatabase h2() {
    return new TestDatabase("", true);
  }

  /**
   * A database of the run's kind without any table yet, for a test that builds an earlier release's
   * schema by hand before the application first opens it ({@link #factory()} does that).
   */
  public static TestDatabase empty() {
    return new TestDatabase(System.getProperty(POSTGRES_URL, ""), false);
  }

  private TestDatabase(String postgresUrl, boolean openNow) {
    if (postgresUrl.isBlank()) {
      url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
      user = "sa";
      password = "";
      schema = null;
    } else {
      user = System.getProperty(POSTGRES_USER);
      password = System.getProperty(POSTGRES_PASSWORD);
      schema = "t_" + UUID.randomUUID().toString().replace("-", "");
      try (Connection connection = DriverManager.getConnection(postgresUrl, user, password);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE SCHEMA " + schema);
      } catch (SQLException e) {
        throw new IllegalStateException(
            "PostgreSQL at " + postgresUrl + " (" + POSTGRES_URL + ") is not reachable", e);
      }
      url = postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
    if (openNow) {
      factory = open();
    }
  }

  /** The application's factory on this database, opened on first use for {@link #empty()}. */
  public EntityManagerFactory factory() {
    if (factory == null) {
      factory = open();
    }
    return factory;
  }

  /**
   * Another factory on the same database, as a restarted application would make; the caller closes
   * it.
   */
  public EntityManagerFactory open() {
    return TradewatchPersistence.create(url, user, password, Map.of());
  }

  public String url() {
    return url;
  }

  public boolean isPostgres() {
    return schema != null;
  }

  /** A plain JDBC connection to the database, for looking underneath the stores. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (factory != null) {
      factory.close();
    }
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      if (isPostgres()) {
        statement.execute("DROP SCHEMA " + schema + " CASCADE");
      } else {
        // DB_CLOSE_DELAY=-1 keeps an in-memory database until it is shut down: do that, so a
        // whole test run does not pile up databases in one JVM.
        statement.execute("SHUTDOWN");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop the test database", e);
    }
  }
}
