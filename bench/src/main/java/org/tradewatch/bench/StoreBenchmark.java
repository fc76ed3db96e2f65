package org.tradewatch.bench;

import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.tradewatch.core.ingest.IngestService;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.stream.ListingEvent;
import org.tradewatch.persistence.TradewatchPersistence;
import org.tradewatch.persistence.listing.JpaListingStore;
import org.tradewatch.persistence.quarantine.JpaQuarantineStore;

/**
 * The store alone, as the ceiling of item 1: the simulator's backpack.tf frames (the same seed and
 * synthetic clock as the ingest run) decoded and applied, frame by frame, through the same {@link
 * IngestService} and {@link JpaListingStore} into an H2 file, all in this JVM: no Payara, no queue,
 * no live hub, no second process on the cores but the simulator. What end-to-end ingest loses
 * against this rate is Tradewatch's; what this rate lacks of the target is the store's. Then the
 * engine's own ceiling on the same file: plain batched UPDATEs of the stored listings, with
 * Tradewatch's indexes and with the primary key alone.
 */
final class StoreBenchmark {

  /** H2's page cache as Tradewatch sizes it under {@code -Xmx512m}: a quarter of the heap. */
  private static final String CACHE = ";CACHE_SIZE=131072";

  /** Rows a plain UPDATE of the engine-ceiling step changes per transaction, as a frame does. */
  private static final int CEILING_BATCH = 500;

  private final Bench.Setup setup;

  StoreBenchmark(Bench.Setup setup) {
    this.setup = setup;
  }

  /**
   * @param events the backpack.tf events to apply
   * @param ceilingUpdates the plain UPDATEs of each engine-ceiling step (0 for none)
   */
  boolean run(long events, long ceilingUpdates) throws Exception {
    Path dir = setup.fresh("store");
    String url = "jdbc:h2:file:" + dir.resolve("db/tradewatch").toAbsolutePath() + CACHE;
    Set<ListingKey> sent = new HashSet<>();
    double rate;
    EntityManagerFactory factory = TradewatchPersistence.create(url, "sa", "", Map.of());
    try (MicroServer simulator = setup.startSimulator(dir, FrameReader.fullSpeed(events))) {
      IngestService ingest =
          new IngestService(
              new JpaListingStore(factory), new JpaQuarantineStore(factory), Clock.systemUTC());
      rate = apply(simulator, events, ingest, sent);
    } finally {
      factory.close();
    }
    long stored = countListings(url);
    Bench.print("store.events", events, "events");
    Bench.print("store.rate", rate, "events/s");
    Bench.print("store.storedListings", stored, "listings");
    Bench.print("store.sentListings", sent.size(), "listings");
    boolean exact = stored == sent.size();
    Bench.print("store.check", exact ? "store holds exactly what the simulator sent" : "FAILED");
    if (ceilingUpdates > 0) {
      // With the simulator stopped: H2 alone on the cores.
      engineCeiling(url, ceilingUpdates, rate);
    }
    return exact;
  }

  /**
   * What H2 itself does on this store: plain batched UPDATEs of the listings just stored, {@link
   * #CEILING_BATCH} to a transaction, with no decoding, no rules, no history and no lookups. First
   * with Tradewatch's indexes, then with the primary key alone. H2 removes and re-adds a row in
   * every index of its table at every UPDATE, whichever columns changed, so the first figure bounds
   * any ingest that writes a listing row per event into this schema; the second shows what the
   * indexes cost.
   */
  private static void engineCeiling(String url, long updates, double storeRate)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
      List<String[]> keys = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT source, listing_id FROM listing")) {
        while (rows.next()) {
          keys.add(new String[] {rows.getString(1), rows.getString(2)});
        }
      }
      double withIndexes = plainUpdates(connection, keys, updates);
      Bench.print("store.h2Updates", withIndexes, "rows/s");
      List<String> indexes = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT index_name FROM information_schema.indexes"
                      + " WHERE table_name = 'LISTING' AND index_type_name <> 'PRIMARY KEY'")) {
        while (rows.next()) {
          indexes.add(rows.getString(1));
        }
      }
      try (Statement statement = connection.createStatement()) {
        for (String index : indexes) {
          statement.execute("DROP INDEX \"" + index + "\"");
        }
      }
      double primaryKeyOnly = plainUpdates(connection, keys, updates);
      Bench.print("store.h2UpdatesPrimaryKeyOnly", primaryKeyOnly, "rows/s");
      Bench.print("store.rateOfH2Updates", storeRate / withIndexes, "");
    }
  }

  /** {@code updates} UPDATEs of listings picked at random (seeded), batched; rows/s. */
  private static double plainUpdates(Connection connection, List<String[]> keys, long updates)
      throws SQLException {
    SplittableRandom random = new SplittableRandom(6);
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    connection.setAutoCommit(false);
    long started = System.nanoTime();
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE listing SET updated_at = ?, last_event_at = ?"
                + " WHERE source = ? AND listing_id = ?")) {
      for (long done = 0; done < updates; done++) {
        String[] key = keys.get(random.nextInt(keys.size()));
        update.setLong(1, micros + done);
        update.setLong(2, micros + done);
        update.setString(3, key[0]);
        update.setString(4, key[1]);
        update.addBatch();
        if ((done + 1) % CEILING_BATCH == 0 || done + 1 == updates) {
          update.executeBatch();
          connection.commit();
        }
      }
    }
    connection.setAutoCommit(true);
    return updates / ((System.nanoTime() - started) / 1e9);
  }

  /** Applies each frame as it arrives, asking for the next only then; the rate in events/s. */
  private static double apply(
      MicroServer simulator, long events, IngestService ingest, Set<ListingKey> sent)
      throws Exception {
    return FrameReader.read(
        simulator,
        events,
        frame -> {
          ingest.apply(Source.BPTF, List.of(frame), Instant.now());
          for (ListingEvent event : frame.events()) {
            sent.add(event.key());
          }
        },
        Duration.ofMinutes(30));
  }

  private static long countListings(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM listing")) {
      count.next();
      return count.getLong(1);
    }
  }
}
