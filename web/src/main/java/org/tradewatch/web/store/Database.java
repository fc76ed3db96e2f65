package org.tradewatch.web.store;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tradewatch.persistence.TradewatchPersistence;

/**
 * The application's persistence unit, built from {@code tradewatch.db.*}.
 *
 * <p>The unit is resource-local and built here rather than from a container data source because a
 * container data source cannot follow the application's own MicroProfile Config defaults; this way
 * the H2 default, a system property and an environment variable all work the same. It is built on
 * first use, so a database that is down at start-up makes readiness DOWN instead of failing the
 * deployment.
 */
@ApplicationScoped
public class Database {

  private static final Logger LOG = Logger.getLogger(Database.class.getName());

  @Inject
  @ConfigProperty(name = "tradewatch.db.url")
  String url;

  // MicroProfile Config treats an empty value as absent, and an empty password is common for H2.
  @Inject
  @ConfigProperty(name = "tradewatch.db.user")
  Optional<String> user;

  @Inject
  @ConfigProperty(name = "tradewatch.db.password")
  Optional<String> password;

  private volatile EntityManagerFactory factory;

  /** The unit, created on first call. */
  public EntityManagerFactory factory() {
    EntityManagerFactory current = factory;
    if (current == null) {
      synchronized (this) {
        current = factory;
        if (current == null) {
          LOG.info(() -> "Opening the database at " + redact(url));
          current =
              TradewatchPersistence.create(
                  withH2Cache(withoutH2ExitHook(url), Runtime.getRuntime().maxMemory()),
                  user.orElse(""),
                  password.orElse(""),
                  Map.of());
          factory = current;
        }
      }
    }
    return current;
  }

  /** Whether the database answers a trivial query now. */
  public boolean reachable() {
    try {
      return TradewatchPersistence.ping(factory());
    } catch (RuntimeException e) {
      return false;
    }
  }

  @PreDestroy
  void close() {
    EntityManagerFactory current = factory;
    if (current != null && current.isOpen()) {
      current.close();
    }
  }

  /**
   * H2 closes a database from its own JVM shutdown hook, which can run before the stream consumers
   * have flushed their last frames and counters; the application closes it itself, last.
   */
  static String withoutH2ExitHook(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")
        && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT")
        && !jdbcUrl.startsWith("jdbc:h2:mem:")) {
      return jdbcUrl + ";DB_CLOSE_ON_EXIT=FALSE";
    }
    return jdbcUrl;
  }

  /** The share of the heap an embedded H2 database's page cache gets, unless its URL says. */
  static final int H2_CACHE_HEAP_DIVISOR = 16;

  /**
   * Searches no longer read H2's pages (the market model answers them), and ingest only appends: a
   * large cache mostly held pages on their way out, promoted and then collected in full GCs (a
   * quarter of a 512 MiB heap gave 53-60 full GCs over a million events, a sixteenth 22, at the
   * same rate). A sixteenth of the heap, at least H2's own 16 MB, keeps recent log pages for the
   * pages a search reads back; a URL that sets {@code CACHE_SIZE} keeps its own. (A server
   * database's cache is the server's to size.)
   */
  static String withH2Cache(String jdbcUrl, long maxHeapBytes) {
    String upper = jdbcUrl.toUpperCase(java.util.Locale.ROOT);
    boolean embedded =
        upper.startsWith("JDBC:H2:")
            && !upper.startsWith("JDBC:H2:MEM:")
            && !upper.startsWith("JDBC:H2:TCP:")
            && !upper.startsWith("JDBC:H2:SSL:");
    if (!embedded || upper.contains(";CACHE_SIZE=")) {
      return jdbcUrl;
    }
    long kilobytes = Math.max(16 * 1024, maxHeapBytes / H2_CACHE_HEAP_DIVISOR / 1024);
    return jdbcUrl + ";CACHE_SIZE=" + Math.min(kilobytes, Integer.MAX_VALUE);
  }

  /** JDBC URLs can carry credentials as parameters; only the part before them is logged. */
  static String redact(String jdbcUrl) {
    int cut = jdbcUrl.indexOf('?');
    String base = cut < 0 ? jdbcUrl : jdbcUrl.substring(0, cut);
    int semicolon = base.indexOf(';');
    return semicolon < 0 ? base : base.substring(0, semicolon);
  }
}
