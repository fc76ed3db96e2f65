package org.tradewatch.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.tradewatch.persistence.listing.ListingSchema;

/**
 * Creates the {@code tradewatch} persistence unit from the application's own configuration.
 *
 * <p>The application builds its {@link EntityManagerFactory} itself (RESOURCE_LOCAL) because a
 * container data source cannot follow MicroProfile Config. The descriptor therefore lives at {@link
 * #DESCRIPTOR} rather than {@code META-INF/persistence.xml}, which a container would deploy as a
 * container-managed unit of its own.
 */
public final class TradewatchPersistence {

  /** The persistence unit's name in {@link #DESCRIPTOR}. */
  public static final String UNIT_NAME = "tradewatch";

  /** Where the unit is described, as a class-path resource. */
  public static final String DESCRIPTOR = "META-INF/tradewatch-persistence.xml";

  public static final String JDBC_URL = "jakarta.persistence.jdbc.url";
  public static final String JDBC_USER = "jakarta.persistence.jdbc.user";
  public static final String JDBC_PASSWORD = "jakarta.persistence.jdbc.password";
  public static final String JDBC_DRIVER = "jakarta.persistence.jdbc.driver";

  /** Rows written per JDBC batch: one ingest frame of up to 500 events is one batch per table. */
  static final int BATCH_SIZE = 500;

  private static final int PING_TIMEOUT_MILLIS = 2_000;

  private TradewatchPersistence() {}

  /**
   * Creates and deploys the unit, creating or extending its tables and bringing the listing tables
   * up to date ({@link ListingSchema}).
   *
   * @param jdbcUrl the database, e.g. {@code jdbc:h2:file:./data/tradewatch} or {@code
   *     jdbc:postgresql://host/db}
   * @param user the database user, or null
   * @param password the database password, or null
   * @param extra further {@code jakarta.persistence.*} or {@code eclipselink.*} properties; they
   *     override the defaults set here, including the JDBC driver chosen from the URL
   * @throws IllegalArgumentException when no driver is known for the URL and none is given
   * @throws jakarta.persistence.PersistenceException when the database cannot be reached or its
   *     tables cannot be created
   */
  public static EntityManagerFactory create(
      String jdbcUrl, String user, String password, Map<String, ?> extra) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Map<String, Object> properties = new HashMap<>();
    properties.put("eclipselink.persistencexml", DESCRIPTOR);
    properties.put(JDBC_URL, jdbcUrl);
    if (user != null) {
      properties.put(JDBC_USER, user);
    }
    if (password != null) {
      properties.put(JDBC_PASSWORD, password);
    }
    String driver = driverFor(jdbcUrl);
    if (driver != null) {
      properties.put(JDBC_DRIVER, driver);
    }
    // A file database outlives releases: new tables and columns are added, nothing is dropped.
    properties.put("eclipselink.ddl-generation", "create-or-extend-tables");
    properties.put("eclipselink.ddl-generation.output-mode", "database");
    properties.put("eclipselink.jdbc.batch-writing", "JDBC");
    properties.put("eclipselink.jdbc.batch-writing.size", Integer.toString(BATCH_SIZE));
    properties.put("eclipselink.jdbc.cache-statements", "true");
    // One ingest transaction per source plus a few concurrent REST reads and the health check.
    properties.put("eclipselink.connection-pool.default.initial", "2");
    properties.put("eclipselink.connection-pool.default.min", "2");
    properties.put("eclipselink.connection-pool.default.max", "8");
    properties.put("eclipselink.connection-pool.default.wait", "10000");
    properties.put("eclipselink.logging.logger", "JavaLogger");
    properties.put("eclipselink.logging.level", "WARNING");
    // Outside a container nothing installs a weaving agent, and the entities need no lazy
    // basics or change tracking that only weaving gives: say so rather than let it be guessed.
    properties.put("eclipselink.weaving", "false");
    // Deploy now, so an unreachable database or failed DDL shows at start and not on first use.
    properties.put("eclipselink.deploy-on-startup", "true");
    if (extra != null) {
      properties.putAll(extra);
    }
    if (properties.get(JDBC_DRIVER) == null) {
      throw new IllegalArgumentException(
          "no JDBC driver known for '"
              + jdbcUrl
              + "': pass its class name as "
              + JDBC_DRIVER
              + " in the extra properties");
    }
    EntityManagerFactory factory = Persistence.createEntityManagerFactory(UNIT_NAME, properties);
    try {
      Transactions.write(
          factory,
          em -> {
            try {
              ListingSchema.apply(em.unwrap(Connection.class));
            } catch (SQLException e) {
              throw new PersistenceException("bringing the listing tables up to date failed", e);
            }
            return null;
          });
    } catch (RuntimeException e) {
      factory.close();
      throw e;
    }
    return factory;
  }

  /** Whether the factory's database is H2, which some statements and levels are shaped for. */
  public static boolean isH2(EntityManagerFactory factory) {
    return factory.getProperties().get(JDBC_URL) instanceof String url
        && url.startsWith("jdbc:h2:");
  }

  /** The JDBC driver class for the databases Tradewatch knows by URL, or null for others. */
  public static String driverFor(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return "org.h2.Driver";
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return "org.postgresql.Driver";
    }
    return null;
  }

  /**
   * Whether the database answers a trivial query within two seconds; for readiness checks.
   *
   * @return false rather than throwing when it does not
   */
  public static boolean ping(EntityManagerFactory factory) {
    if (!factory.isOpen()) {
      return false;
    }
    EntityManager em = null;
    try {
      em = factory.createEntityManager();
      // A JPQL count on the smallest table reaches the database on any dialect and also proves
      // the schema is there, which "SELECT 1" would not (and is not portable anyway).
      em.createQuery("SELECT COUNT(s) FROM StreamStatusEntity s", Long.class)
          .setHint("jakarta.persistence.query.timeout", PING_TIMEOUT_MILLIS)
          .getSingleResult();
      return true;
    } catch (RuntimeException e) {
      return false;
    } finally {
      if (em != null) {
        em.close();
      }
    }
  }
}
