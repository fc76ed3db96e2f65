package org.tradewatch.bench;

import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tradewatch.core.ingest.Checkpoint;
import org.tradewatch.core.ingest.IngestService;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketModel;
import org.tradewatch.core.stream.ListingEvent;
import org.tradewatch.persistence.TradewatchPersistence;
import org.tradewatch.persistence.listing.JpaListingStore;
import org.tradewatch.persistence.quarantine.JpaQuarantineStore;

/**
 * The store alone: the simulator's backpack.tf frames (the same seed and synthetic clock as the
 * ingest run) decoded and applied, frame by frame, through the same {@link IngestService}, market
 * model and {@link JpaListingStore} into an H2 file, all in this JVM: no Payara, no queue, no live
 * hub, no second process on the cores but the simulator. What end-to-end ingest loses against this
 * rate is the rest of Tradewatch's. Then what a restart does with that file: a checkpoint of every
 * listing into the listing table, and a model built from the database, which must hold exactly the
 * listings the simulator sent.
 */
final class StoreBenchmark {

  /** H2's page cache as Tradewatch sizes it under {@code -Xmx512m}: a quarter of the heap. */
  private static final String CACHE = ";CACHE_SIZE=131072";

  private final Bench.Setup setup;

  StoreBenchmark(Bench.Setup setup) {
    this.setup = setup;
  }

  /**
   * @param events the backpack.tf events to apply
   */
  boolean run(long events) throws Exception {
    Path dir = setup.fresh("store");
    String url = "jdbc:h2:file:" + dir.resolve("db/tradewatch").toAbsolutePath() + CACHE;
    Set<ListingKey> sent = new HashSet<>();
    MarketModel model = new MarketModel();
    double rate;
    EntityManagerFactory factory = TradewatchPersistence.create(url, "sa", "", Map.of());
    try {
      JpaListingStore store = new JpaListingStore(factory);
      try (MicroServer simulator = setup.startSimulator(dir, FrameReader.fullSpeed(events))) {
        IngestService ingest =
            new IngestService(
                store, store, model, new JpaQuarantineStore(factory), Clock.systemUTC());
        rate = apply(simulator, events, ingest, sent);
      }
      Bench.print("store.events", events, "events");
      Bench.print("store.rate", rate, "events/s");
      // With the simulator stopped: what a checkpoint and a restart cost on this file.
      long started = System.nanoTime();
      long written = Checkpoint.run(model, store, Source.BPTF);
      Bench.print("store.checkpointSeconds", (System.nanoTime() - started) / 1e9, "s");
      Bench.print("store.checkpointListings", written, "listings");
    } finally {
      factory.close();
    }
    EntityManagerFactory reopened = TradewatchPersistence.create(url, "sa", "", Map.of());
    MarketModel rebuilt = new MarketModel();
    try {
      long started = System.nanoTime();
      new JpaListingStore(reopened).states(rebuilt::apply);
      Bench.print("store.modelBuildSeconds", (System.nanoTime() - started) / 1e9, "s");
    } finally {
      reopened.close();
    }
    long stored = rebuilt.size();
    Bench.print("store.storedListings", stored, "listings");
    Bench.print("store.sentListings", sent.size(), "listings");
    boolean exact = stored == sent.size() && stored == model.size();
    Bench.print("store.check", exact ? "store holds exactly what the simulator sent" : "FAILED");
    return exact;
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
}
