package org.tradewatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.tradewatch.core.deal.DealQuery;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.item.ItemPage;
import org.tradewatch.core.item.ItemQuery;
import org.tradewatch.core.item.ItemSort;
import org.tradewatch.core.listing.EventDigest;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketModel;
import org.tradewatch.core.market.MarketPage;

/**
 * The market model alone, in this JVM (run it with {@code -Xmx512m}): builds a market shaped like
 * {@link ListingSeed}'s (same names, qualities, sources, deletions and spread of update times;
 * prices over the same range, but clustered around a price of each item, as a market prices one
 * thing, and the item's price as its suggested one) from states in batches of 1,000, as the
 * start-up load feeds it; prints the build time, the bytes per listing (the model's estimate, and
 * the heap after a GC compared with before), the single-threaded apply rate alone and beside a
 * thread of queries, and the p50/p95/p99 of the five queries of {@link QueryBenchmark}, first alone
 * and then while a writer applies {@code --model-writer-rate} states a second (10,000) in batches
 * every 50 ms; and how long a reader waits for the write section, at that rate and with the largest
 * batches (2,000 every 50 ms). Times are wall times, with the thread's CPU time beside them where
 * the machine is shared. Each listing is drawn from a random seeded by its number, so any listing
 * can be drawn again to be updated without holding a million states. Each state names its item, as
 * the decoders make it, so the model keeps every item's order book; with {@code --model-items
 * false} no state names one, the same run without items, to compare ingest with and without them.
 * With items it also times the item search, an item's order book and the deals search (newest
 * first; and with every filter). Options: {@code --model-listings} (1,000,000), {@code
 * --model-samples} (300 timed queries of each kind), {@code --model-items} (true), {@code
 * --model-history} (true; false runs without the items' hourly price history, to compare ingest).
 */
final class ModelBenchmark {

  private static final String[] NAMES = {
    "team captain", "burning flames", "ak-47 | redline", "bill's hat", "killstreak rocket",
    "strange knife", "hong kong cone", "australium minigun", "awp | asiimov", "earbuds",
    "vintage tyrolean", "festive shotgun", "karambit | fade", "sunbeams", "botkiller medi gun"
  };

  private static final String[] QUALITIES = {
    "Unusual", "Strange", "Genuine", "Vintage", "Haunted", "Unique", "Collector's"
  };

  /**
   * Thread CPU time beside wall time: on a shared machine the wall time of a run includes waiting
   * for a core, which the CPU time leaves out.
   */
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static final int BUILD_BATCH = 1_000;
  private static final int APPLY_BATCH = 2_000;
  private static final int JIT_ROUNDS = 60;

  private final long now = Instant.parse("2026-12-07T12:00:00Z").toEpochMilli() * 1000;
  private long seq;
  private long clock = now;
  private int listings;
  private boolean items;

  boolean run(int listings, int samples, int writerRate, boolean items, boolean history)
      throws Exception {
    this.listings = listings;
    this.items = items;
    boolean ok = true;
    Bench.print("model.items", items ? "on (every state names its item)" : "off");
    Bench.print("model.history", history ? "on (hourly prices kept per item)" : "off");
    Bench.print(
        "model.load",
        String.format(
            Locale.ROOT,
            "%.1f (the machine's load average when the run began)",
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    long heapBefore = usedHeapAfterGc();

    MarketModel model = new MarketModel();
    if (!history) {
      model.pauseHistory();
    }
    long applying = 0;
    long applyingCpu = 0;
    long started = System.nanoTime();
    List<ListingState> batch = new ArrayList<>(BUILD_BATCH);
    for (int i = 0; i < listings; i++) {
      batch.add(listing(i, false));
      if (batch.size() == BUILD_BATCH || i == listings - 1) {
        long t = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        model.apply(batch);
        applyingCpu += THREADS.getCurrentThreadCpuTime() - cpu;
        applying += System.nanoTime() - t;
        batch.clear();
      }
    }
    Bench.print("model.build", (System.nanoTime() - started) / 1e9, "s");
    Bench.print("model.build.applyOnly", applying / 1e9, "s");
    Bench.print("model.build.applyOnly.cpu", applyingCpu / 1e9, "s");
    ok &= check(model.size() == listings, "model holds " + model.size() + " of " + listings);

    long heapAfter = usedHeapAfterGc();
    Bench.print("model.bytesPerListing.estimate", model.estimatedBytes() / (double) listings, "B");
    Bench.print(
        "model.bytesPerListing.measured", (heapAfter - heapBefore) / (double) listings, "B");
    Bench.print("model.heapAfterBuild", heapAfter / 1048576.0, "MiB");
    // Where the bytes go, by the model's own estimate.
    model
        .estimatedBytesByPart()
        .forEach(
            (part, bytes) ->
                Bench.print("model.bytesPerListing." + part, bytes / (double) listings, "B"));

    Map<String, IntFunction<ListingQuery>> queries = queries();
    // The JIT first, for apply and for every query.
    applyRate(model, 100_000, null);
    for (int i = 0; i < JIT_ROUNDS; i++) {
      for (IntFunction<ListingQuery> query : queries.values()) {
        model.search(query.apply(5_000 + i));
      }
    }

    applyRate(model, 300_000, "model.apply.rate");
    AtomicBoolean querying = new AtomicBoolean(true);
    AtomicLong asked = new AtomicLong();
    Thread reader =
        Bench.daemon(
            () -> {
              for (int i = 0; querying.get(); i++) {
                for (IntFunction<ListingQuery> query : queries.values()) {
                  model.search(query.apply(i));
                  asked.incrementAndGet();
                }
              }
            });
    reader.start();
    applyRate(model, 300_000, "model.apply.rateWithQueries");
    querying.set(false);
    reader.join();
    Bench.print("model.apply.queriesMeanwhile", asked.get(), "queries");

    ok &= timeQueries(model, queries, samples, "model.query.");
    if (items) {
      ok &= timeItems(model, samples);
    }

    // A writer at a steady rate, as ingest runs, while the same queries are timed again.
    Writer steady = new Writer(model, Math.max(1, writerRate / 20));
    ok &= timeQueries(model, queries, samples, "model.queryWhileWriting.");
    steady.stop("model.queryWhileWriting.");
    // The largest batches ingest makes, 2,000 states every 50 ms: what readers wait for.
    new Writer(model, 2_000).runFor(Duration.ofSeconds(5), "model.largestBatches.");
    Bench.print("model.listingsAtEnd", model.size(), "listings");
    Bench.print(
        "model.bytesPerListing.estimateAtEnd", model.estimatedBytes() / (double) model.size(), "B");
    return ok;
  }

  /**
   * A writer applying {@code batch} states every 50 ms on a thread of its own, and a prober that
   * takes the read lock (through {@link MarketModel#size()}) every 200 µs and times how long it
   * waits: how long a reader can be kept waiting by the write section.
   */
  private final class Writer {
    private final ScheduledExecutorService threads =
        Executors.newScheduledThreadPool(
            2,
            work -> {
              Thread thread = new Thread(work, "model-writer");
              thread.setDaemon(true);
              return thread;
            });
    private final List<Double> applyMillis = new ArrayList<>();
    private final List<Double> waitMillis = new ArrayList<>();
    private final AtomicLong written = new AtomicLong();
    private final long started = System.nanoTime();

    Writer(MarketModel model, int batch) {
      SplittableRandom random = new SplittableRandom(batch);
      threads.scheduleAtFixedRate(
          () -> {
            List<ListingState> states = changes(random, batch);
            long t = System.nanoTime();
            model.apply(states);
            double took = (System.nanoTime() - t) / 1e6;
            synchronized (applyMillis) {
              applyMillis.add(took);
            }
            written.addAndGet(states.size());
          },
          0,
          50,
          TimeUnit.MILLISECONDS);
      threads.scheduleAtFixedRate(
          () -> {
            long t = System.nanoTime();
            model.size();
            double took = (System.nanoTime() - t) / 1e6;
            synchronized (waitMillis) {
              waitMillis.add(took);
            }
          },
          0,
          200,
          TimeUnit.MICROSECONDS);
    }

    /** Writes for {@code duration}, then stops as {@link #stop} does. */
    void runFor(Duration duration, String prefix) throws InterruptedException {
      threads.schedule(threads::shutdown, duration.toMillis(), TimeUnit.MILLISECONDS);
      threads.awaitTermination(duration.toMillis() + 10_000, TimeUnit.MILLISECONDS);
      stop(prefix);
    }

    void stop(String prefix) throws InterruptedException {
      double seconds = (System.nanoTime() - started) / 1e9;
      threads.shutdown();
      threads.awaitTermination(10, TimeUnit.SECONDS);
      Bench.print(prefix + "writerRate", written.get() / seconds, "states/s");
      print(prefix + "apply", applyMillis);
      print(prefix + "readerWait", waitMillis);
    }

    private void print(String name, List<Double> millis) {
      double[] sorted;
      synchronized (millis) {
        sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      }
      Bench.print(name + ".p50", Bench.quantile(sorted, 0.50), "ms");
      Bench.print(name + ".p99", Bench.quantile(sorted, 0.99), "ms");
      Bench.print(name + ".max", sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], "ms");
    }
  }

  /**
   * Applies {@code count} changes in batches of 2,000 on this thread and prints the states applied
   * a second under {@code name} (nothing when null), by wall time and by this thread's CPU time.
   */
  private void applyRate(MarketModel model, int count, String name) {
    SplittableRandom random = new SplittableRandom(count);
    long applying = 0;
    long applyingCpu = 0;
    for (int done = 0; done < count; done += APPLY_BATCH) {
      List<ListingState> states = changes(random, APPLY_BATCH);
      long t = System.nanoTime();
      long cpu = THREADS.getCurrentThreadCpuTime();
      model.apply(states);
      applyingCpu += THREADS.getCurrentThreadCpuTime() - cpu;
      applying += System.nanoTime() - t;
    }
    if (name != null) {
      Bench.print(name, count / (applying / 1e9), "states/s");
      Bench.print(name + ".cpu", count / (applyingCpu / 1e9), "states/s");
    }
  }

  /** Ingest's mix: 70 % reprices, 20 % new listings, 10 % deletions, each updated now. */
  private List<ListingState> changes(SplittableRandom random, int count) {
    List<ListingState> states = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(100);
      if (kind < 20) {
        states.add(listing(listings++, true));
      } else {
        ListingState held = listing(random.nextInt(listings), true);
        BigDecimal value =
            held.value() == null
                ? null
                : held.value()
                    .multiply(BigDecimal.valueOf(90 + random.nextInt(21), 2))
                    .setScale(2, RoundingMode.HALF_UP);
        Instant at = held.updatedAt();
        states.add(
            new ListingState(
                held.key(),
                held.appid(),
                held.itemName(),
                held.quality(),
                held.intent(),
                kind < 90 ? value : held.value(),
                at,
                kind < 90 ? null : at,
                EventDigest.of("c" + seq),
                at,
                ++seq,
                held.item(),
                held.suggested()));
      }
    }
    return states;
  }

  /**
   * Listing {@code i} as {@link ListingSeed} draws its fields, from a random of its own; {@code
   * updatedNow} for a change that ingest applies now rather than one loaded from the database.
   */
  private ListingState listing(int i, boolean updatedNow) {
    SplittableRandom random = new SplittableRandom(20261202L + i * 0x9E3779B97F4A7C15L);
    boolean skinshark = random.nextInt(100) < 20;
    long updated = updatedNow ? (clock += 100) : now - random.nextLong(7L * 86_400_000_000L);
    boolean deleted = !updatedNow && random.nextInt(100) < 3;
    boolean sell = random.nextBoolean();
    String id;
    String name;
    String quality;
    String particle = null;
    boolean stattrak = false;
    int appid;
    BigDecimal value;
    double price = 0;
    if (skinshark) {
      appid = 730;
      id = "ss_" + Long.toString(1_000_000_000L + i * 7919L, 36);
      String weapon = ListingSeed.CS2_WEAPONS[random.nextInt(ListingSeed.CS2_WEAPONS.length)];
      String wear = ListingSeed.WEARS[random.nextInt(ListingSeed.WEARS.length)];
      stattrak = random.nextInt(10) == 0;
      name =
          (stattrak ? "StatTrak™ " : "")
              + weapon
              + " | "
              + ListingSeed.CS2_FINISHES[random.nextInt(ListingSeed.CS2_FINISHES.length)]
              + " ("
              + wear
              + ")";
      quality = ListingSeed.RARITIES[random.nextInt(ListingSeed.RARITIES.length)];
      long cents =
          Math.max(
              3,
              Math.round(
                  Math.exp(itemPrice(name, quality, Math.log(3), Math.log(2_000_000)))
                      * spread(random, sell)));
      value = BigDecimal.valueOf(cents, 2);
    } else {
      appid = 440;
      id = "440_" + (10_000_000_000L + i * 104_729L);
      int share = random.nextInt(100);
      int q = 0;
      while (ListingSeed.QUALITY_SHARES[q] <= share) {
        q++;
      }
      quality = ListingSeed.QUALITIES[q][0];
      String base =
          ListingSeed.TF2_PREFIXES[random.nextInt(ListingSeed.TF2_PREFIXES.length)]
              + ListingSeed.TF2_BASES[random.nextInt(ListingSeed.TF2_BASES.length)];
      if (quality.equals("Unusual")) {
        particle = ListingSeed.PARTICLES[random.nextInt(ListingSeed.PARTICLES.length)];
        name = particle + " " + base;
      } else if (quality.equals("Unique")) {
        name = base;
      } else {
        name = quality + " " + base;
      }
      price =
          Math.exp(itemPrice(name, quality, Math.log(0.11), Math.log(ListingSeed.KEY_REF * 4000)));
      value =
          BigDecimal.valueOf(Math.max(0.11, price * spread(random, sell)))
              .setScale(2, RoundingMode.HALF_UP);
    }
    Instant at = Instant.ofEpochSecond(updated / 1_000_000, (updated % 1_000_000) * 1000);
    return new ListingState(
        new ListingKey(skinshark ? Source.SKINSHARK : Source.BPTF, id),
        appid,
        name,
        quality,
        sell ? Intent.SELL : Intent.BUY,
        value,
        at,
        deleted ? at : null,
        EventDigest.of(Long.toHexString(updated) + Long.toHexString(i)),
        at,
        ++seq,
        items ? item(skinshark, appid, name, quality, particle, stattrak) : null,
        items && !skinshark && random.nextInt(4) != 0
            ? BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_UP)
            : null);
  }

  /**
   * The log of an item's price, drawn from its name and quality alone: log-uniform between the
   * bounds over the items, as the listings' values were when each was drawn alone, but the same for
   * every listing of the item, as a market prices one thing.
   */
  private static double itemPrice(String name, String quality, double low, double high) {
    return new SplittableRandom(name.hashCode() * 31L + quality.hashCode()).nextDouble(low, high);
  }

  /**
   * A listing's price against its item's: sellers ask 0.88 to 1.3 times it, buyers offer 0.7 to
   * 0.95 times it, so that an item with many buyers has its best buy above its cheapest sells and
   * some sells are more than 10% under the price, as the deals of a busy market.
   */
  private static double spread(SplittableRandom random, boolean sell) {
    return sell ? random.nextDouble(0.88, 1.3) : random.nextDouble(0.7, 0.95);
  }

  private static ItemKey item(
      boolean skinshark,
      int appid,
      String name,
      String quality,
      String particle,
      boolean stattrak) {
    return ItemKey.of(
        skinshark ? Source.SKINSHARK : Source.BPTF,
        appid,
        name,
        skinshark ? null : quality,
        particle,
        null,
        null,
        null,
        null,
        null,
        stattrak);
  }

  /** The five queries of the query benchmark, as the REST resource builds them. */
  private static Map<String, IntFunction<ListingQuery>> queries() {
    SplittableRandom random = new SplittableRandom(4);
    Map<String, IntFunction<ListingQuery>> queries = new LinkedHashMap<>();
    queries.put(
        "name",
        i ->
            new ListingQuery(
                NAMES[i % NAMES.length],
                null,
                null,
                null,
                null,
                null,
                false,
                ListingSort.UPDATED_DESC,
                1,
                100));
    queries.put(
        "filterSortValue",
        i ->
            new ListingQuery(
                null,
                Source.BPTF,
                i % 2 == 0 ? Intent.SELL : Intent.BUY,
                QUALITIES[(i / 2) % QUALITIES.length],
                null,
                null,
                null,
                false,
                i % 3 == 0 ? ListingSort.VALUE_ASC : ListingSort.VALUE_DESC,
                1,
                100,
                null));
    queries.put(
        "deepPage",
        i ->
            new ListingQuery(
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                ListingSort.UPDATED_DESC,
                400 + i % 16,
                100));
    queries.put(
        "priceRange",
        i -> {
          double low = 1 + random.nextDouble(500);
          return new ListingQuery(
              null,
              null,
              null,
              null,
              new BigDecimal(String.format(Locale.ROOT, "%.2f", low)),
              new BigDecimal(String.format(Locale.ROOT, "%.2f", low * 1.5)),
              false,
              ListingSort.UPDATED_DESC,
              1,
              100);
        });
    queries.put(
        "oneSource",
        i ->
            new ListingQuery(
                null,
                i % 2 == 0 ? Source.SKINSHARK : Source.BPTF,
                null,
                null,
                null,
                null,
                false,
                ListingSort.UPDATED_DESC,
                1 + (i / 2) % 5,
                90 + i % 11));
    return queries;
  }

  /**
   * The item search (a name part, most listings first; every item by name, a deep page) and the
   * order book of an item a search found, each timed {@code samples} times.
   */
  private static boolean timeItems(MarketModel model, int samples) {
    ItemPage all = model.items(new ItemQuery(null, null, null, null, ItemSort.LISTINGS, 1, 200));
    Bench.print("model.items.held", all.total(), "items with live listings");
    boolean ok = check(!all.items().isEmpty(), "no item with live listings");
    Map<String, IntFunction<Runnable>> asks = new LinkedHashMap<>();
    asks.put(
        "itemsByName",
        i ->
            () ->
                model.items(
                    new ItemQuery(
                        NAMES[i % NAMES.length], null, null, null, ItemSort.LISTINGS, 1, 50)));
    asks.put(
        "itemsDeepPage",
        i ->
            () ->
                model.items(new ItemQuery(null, null, null, null, ItemSort.NAME, 20 + i % 7, 50)));
    asks.put(
        "orderBook",
        i -> () -> model.orderBook(all.items().get(i % all.items().size()).key(), 50, null, null));
    // What GET /api/items/{key} reads of the model: the book and the item's price history.
    Instant newest = all.items().get(0).lastChange();
    asks.put(
        "orderBookAndHistory",
        i ->
            () -> {
              var key = all.items().get(i % all.items().size()).key();
              model.orderBook(key, 50, null, null);
              model.priceHistory(key, newest);
            });
    Bench.print("model.deals.open", model.deals(DealQuery.ALL).total(), "deals");
    asks.put("deals", i -> () -> model.deals(new DealQuery(null, null, null, null, 1 + i % 3, 50)));
    asks.put(
        "dealsFiltered",
        i ->
            () ->
                model.deals(
                    new DealQuery(
                        Source.BPTF,
                        440,
                        BigDecimal.valueOf(i % 10),
                        BigDecimal.valueOf(10 + i % 40),
                        1,
                        50)));
    for (var ask : asks.entrySet()) {
      double[] millis = new double[samples];
      for (int i = 0; i < samples + JIT_ROUNDS; i++) {
        Runnable run = ask.getValue().apply(i);
        long t = System.nanoTime();
        run.run();
        if (i >= JIT_ROUNDS) {
          millis[i - JIT_ROUNDS] = (System.nanoTime() - t) / 1e6;
        }
      }
      Arrays.sort(millis);
      String name = "model.query." + ask.getKey();
      Bench.print(name + ".p50", Bench.quantile(millis, 0.50), "ms");
      Bench.print(name + ".p95", Bench.quantile(millis, 0.95), "ms");
    }
    return ok;
  }

  private static boolean timeQueries(
      MarketModel model,
      Map<String, IntFunction<ListingQuery>> queries,
      int samples,
      String prefix) {
    boolean ok = true;
    for (var query : queries.entrySet()) {
      double[] millis = new double[samples];
      double[] cpuMillis = new double[samples];
      long totals = 0;
      for (int i = 0; i < samples; i++) {
        ListingQuery asked = query.getValue().apply(i);
        long t = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        MarketPage page = model.search(asked);
        cpuMillis[i] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6;
        millis[i] = (System.nanoTime() - t) / 1e6;
        totals += page.total();
        if (page.rows().isEmpty() && !query.getKey().equals("name")) {
          ok = check(false, query.getKey() + " found nothing for " + asked);
        }
      }
      Arrays.sort(millis);
      Arrays.sort(cpuMillis);
      String name = prefix + query.getKey();
      Bench.print(name + ".p50", Bench.quantile(millis, 0.50), "ms");
      Bench.print(name + ".p95", Bench.quantile(millis, 0.95), "ms");
      Bench.print(name + ".p99", Bench.quantile(millis, 0.99), "ms");
      Bench.print(name + ".cpu.p50", Bench.quantile(cpuMillis, 0.50), "ms");
      Bench.print(name + ".cpu.p95", Bench.quantile(cpuMillis, 0.95), "ms");
      Bench.print(name + ".meanTotal", totals / (double) samples, "listings");
    }
    return ok;
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    // Explicit collections are full and stop the world, so each returns with its work done.
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static boolean check(boolean holds, String failure) {
    if (!holds) {
      System.out.println("model: " + failure);
    }
    return holds;
  }
}
