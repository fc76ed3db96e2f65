package org.tradewatch.persistence.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tradewatch.persistence.listing.Fixtures.T0;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.ingest.IngestPlan;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.TestDatabase;
import org.tradewatch.persistence.cluster.JpaLeaseStore;

/**
 * Ingests frames of 500 realistic listings (about 3 KB of payload each, like backpack.tf's batch
 * frames) into in-memory H2: first as inserts, then as updates of the same listings. It reports the
 * rate rather than asserting one, because the rate depends on the machine; what it asserts is that
 * every frame landed.
 */
class IngestThroughputTest {

  private static final int FRAME = 500;
  private static final int FRAMES = 20;

  private TestDatabase db;
  private JpaListingStore store;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    // Counting every match, for the check at the end.
    store = new JpaListingStore(db.factory(), new ListingSearch.Limits(100_000, 10_000, 500));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void framesOfFiveHundredInsertThenUpdate() {
    String padding = "x".repeat(3_000);
    List<List<Listing>> inserts = frames(0, padding);
    List<List<Listing>> updates = frames(1, padding);
    // One frame first, so the rates below do not include EclipseLink's first-use costs.
    Fixtures.put(store, frames(-1, padding).get(0));

    double insertRate = ingest(inserts, null);
    double updateRate = ingest(updates, null);
    // What the lease's fence costs a cluster's consumer: the same updates fenced and not,
    // alternately in this one run.
    Lease lease =
        new JpaLeaseStore(db.factory())
            .acquire(Source.BPTF, "bench", Instant.now(), Duration.ofMinutes(10))
            .orElseThrow();
    double fenced = ingest(frames(2, padding), lease);
    double unfenced = ingest(frames(3, padding), null);

    System.out.printf(
        "ingest into %s, frames of %d: inserts %.0f events/s, updates %.0f events/s;"
            + " updates fenced by a lease %.0f events/s, unfenced %.0f events/s (%.2f)%n",
        db.isPostgres() ? "PostgreSQL" : "H2",
        FRAME,
        insertRate,
        updateRate,
        fenced,
        unfenced,
        fenced / unfenced);
    ListingQuery all =
        new ListingQuery(null, null, null, null, null, null, true, ListingQuery.all().sort(), 1, 1);
    assertEquals(FRAME * FRAMES + FRAME, store.search(all).total());
    Listing last = frames(3, padding).get(FRAMES - 1).get(FRAME - 1);
    assertEquals(last, store.find(last.key()).orElseThrow());
  }

  private double ingest(List<List<Listing>> frames, Lease lease) {
    long start = System.nanoTime();
    for (List<Listing> frame : frames) {
      IngestPlan plan = Fixtures.writing(frame);
      store.ingest(
          frame.stream().map(Listing::key).toList(),
          frame.stream().map(Listing::lastEventId).toList(),
          (current, applied) -> plan,
          lease);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return FRAME * FRAMES / seconds;
  }

  private static List<List<Listing>> frames(int round, String padding) {
    List<List<Listing>> frames = new ArrayList<>();
    for (int f = 0; f < (round < 0 ? 1 : FRAMES); f++) {
      List<Listing> frame = new ArrayList<>(FRAME);
      for (int i = 0; i < FRAME; i++) {
        int n = f * FRAME + i;
        ListingKey key =
            round < 0
                ? new ListingKey(Source.SKINSHARK, "warm-" + n)
                : new ListingKey(Source.BPTF, "440_76561198" + n + "_0123456789abcdef");
        Map<String, BigDecimal> currencies = new LinkedHashMap<>();
        currencies.put("keys", BigDecimal.valueOf(n % 7));
        currencies.put("metal", new BigDecimal("12.55").add(BigDecimal.valueOf(round)));
        Instant at = T0.plusSeconds(round * 3_600L + n);
        ListingSnapshot snapshot =
            ListingSnapshot.builder(key)
                .appid(440)
                .itemName("Strange Professional Killstreak Rocket Launcher " + n)
                .quality("Strange")
                .qualityColor("#CF6A32")
                .imageUrl("https://example.test/440/" + n + ".png")
                .intent(n % 2 == 0 ? Intent.SELL : Intent.BUY)
                .currencies(currencies)
                .value(new BigDecimal("412.55").add(BigDecimal.valueOf(n % 1000)))
                .valueUnit("ref")
                .sellerId("76561198" + n)
                .sellerName("trader " + n)
                .details("selling fast, add me \uD83D\uDE00 round " + round)
                .listedAt(at)
                .bumpedAt(at)
                .payload(
                    "{\"id\":\""
                        + key.id()
                        + "\",\"round\":"
                        + round
                        + ",\"p\":\""
                        + padding
                        + "\"}")
                .build();
        frame.add(new Listing(snapshot, at, null, "ev-" + round + "-" + n, at));
      }
      frames.add(frame);
    }
    return frames;
  }
}
