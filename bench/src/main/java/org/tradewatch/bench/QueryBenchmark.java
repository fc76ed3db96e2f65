package org.tradewatch.bench;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Item 4: five representative {@code GET /api/listings} queries against a million stored listings.
 * Tradewatch starts once on an empty H2 file to create its tables and indexes, stops, the market of
 * {@link ListingSeed} is written into the file, and Tradewatch starts again on it with no consumer,
 * so that nothing else runs while the queries are timed. Each query is asked with different values
 * every time (names, qualities, pages, prices), one request at a time, after a warm-up; no two
 * requests are the same, so no cache answers for the database. The time is the round trip on
 * loopback, 100 listings of JSON included, so it bounds the server's time from above; the server's
 * own time comes from its {@code Server-Timing} header.
 */
final class QueryBenchmark {

  private static final String[] NAMES = {
    "team captain", "burning flames", "ak-47 | redline", "bill's hat", "killstreak rocket",
    "strange knife", "hong kong cone", "australium minigun", "awp | asiimov", "earbuds",
    "vintage tyrolean", "festive shotgun", "karambit | fade", "sunbeams", "botkiller medi gun"
  };

  private static final String[] QUALITIES = {
    "Unusual", "Strange", "Genuine", "Vintage", "Haunted", "Unique", "Collector's"
  };

  /** Rounds of every query before the first is timed. */
  private static final int JIT_WARM_UP = 40;

  private final Bench.Setup setup;
  private final List<String> tradewatchJvm;

  QueryBenchmark(Bench.Setup setup, List<String> tradewatchJvm) {
    this.setup = setup;
    this.tradewatchJvm = tradewatchJvm;
  }

  boolean run(long listings, int samples) throws Exception {
    Path dir = setup.fresh("query");
    Path db = dir.resolve("db/tradewatch").toAbsolutePath();
    List<String> jvm =
        new ArrayList<>(
            List.of(
                "-Xmx512m",
                "-Dtradewatch.sources=none",
                "-Dtradewatch.db.url=jdbc:h2:file:" + db,
                "-Dtradewatch.token.key-file=" + dir.resolve("token.key")));
    jvm.addAll(tradewatchJvm);

    // Once empty, for the tables as Tradewatch makes them.
    try (MicroServer empty = start(dir, "tradewatch-create.log", jvm)) {
      empty.awaitAnswer("/api/listings?limit=1", java.time.Duration.ofMinutes(5));
    }
    long seedStart = System.nanoTime();
    long written =
        new ListingSeed(listings, System.currentTimeMillis() * 1000).writeTo("jdbc:h2:file:" + db);
    Bench.print("query.seedSeconds", (System.nanoTime() - seedStart) / 1e9, "s");
    Bench.print("query.listings", written, "listings");

    boolean ok = written == listings;
    try (MicroServer tradewatch = start(dir, "tradewatch.log", jvm)) {
      long opening = System.nanoTime();
      tradewatch.awaitAnswer("/api/listings?limit=1", java.time.Duration.ofMinutes(5));
      Bench.print("query.openSeconds", (System.nanoTime() - opening) / 1e9, "s");
      JsonObject market = Bench.marketHealth(tradewatch);
      Bench.print("query.modelBuildSeconds", Bench.number(market, "buildMillis") / 1e3, "s");
      long held = Bench.number(market, "listings");
      Bench.print(
          "query.modelBytesPerListing",
          (double) Bench.number(market, "modelBytes") / Math.max(1, held),
          "B");
      Bench.print("query.heapAfterBuild", Bench.usedHeap(tradewatch) >> 20, "MiB");
      SplittableRandom random = new SplittableRandom(4);
      Map<String, IntFunction<String>> queries = new LinkedHashMap<>();
      queries.put("name", i -> "q=" + encode(NAMES[i % NAMES.length]) + "&limit=100");
      queries.put(
          "filterSortValue",
          i ->
              "source=bptf&intent="
                  + (i % 2 == 0 ? "sell" : "buy")
                  + "&quality="
                  + encode(QUALITIES[(i / 2) % QUALITIES.length])
                  + "&sort="
                  + (i % 3 == 0 ? "value" : "-value")
                  + "&limit=100");
      queries.put("deepPage", i -> "page=" + (400 + i) + "&limit=100");
      queries.put(
          "priceRange",
          i -> {
            double low = 1 + random.nextDouble(500);
            return String.format(
                Locale.ROOT, "minValue=%.2f&maxValue=%.2f&limit=100", low, low * 1.5);
          });
      queries.put(
          "oneSource",
          i ->
              "source="
                  + (i % 2 == 0 ? "skinshark" : "bptf")
                  + "&page="
                  + (1 + (i / 2) % 5)
                  + "&limit="
                  + (90 + i % 11));
      // Issue #10: the items search, an item's order book and the deals, on the same market.
      List<String> itemKeys = itemKeys(tradewatch);
      Bench.print("query.items", itemKeys.size(), "items sampled");
      Map<String, IntFunction<String>> paths = new LinkedHashMap<>();
      queries.forEach(
          (name, parameters) -> paths.put(name, i -> "/api/listings?" + parameters.apply(i)));
      paths.put(
          "itemsSearch", i -> "/api/items?q=" + encode(NAMES[i % NAMES.length]) + "&limit=50");
      paths.put(
          "itemBook",
          i -> "/api/items/" + encode(itemKeys.get(Math.floorMod(i * 7919, itemKeys.size()))));
      paths.put(
          "deals",
          i ->
              "/api/deals?limit=50"
                  + (i % 3 == 0 ? "" : "&source=" + (i % 3 == 1 ? "bptf" : "skinshark"))
                  + (i % 2 == 0 ? "" : "&minDiscount=" + (5 + i % 20)));
      // The JIT first: timed from a cold start, whichever query came first paid for the compiler
      // (the name search's p95 was 76-88 ms that way, and 37-44 ms on the same store warm). So
      // every query is asked a few dozen times, with values the timed requests do not use,
      // before any is timed.
      for (int i = 0; i < JIT_WARM_UP; i++) {
        for (IntFunction<String> path : paths.values()) {
          tradewatch.exchange(path.apply(3000 + i));
        }
      }
      for (var query : paths.entrySet()) {
        ok &= time(tradewatch, query.getKey(), query.getValue(), samples);
      }
      ok &= !Bench.ranOutOfMemory(dir.resolve("tradewatch.log"));
    }
    return ok;
  }

  /** Keys of the items with the most listings, for the order books asked. */
  private static List<String> itemKeys(MicroServer tradewatch)
      throws IOException, InterruptedException {
    List<String> keys = new ArrayList<>();
    for (int page = 1; page <= 5; page++) {
      JsonObject answer =
          Bench.parse(tradewatch.get("/api/items?sort=listings&limit=200&page=" + page))
              .asJsonObject();
      for (JsonObject item : answer.getJsonArray("items").getValuesAs(JsonObject.class)) {
        keys.add(item.getString("itemKey"));
      }
    }
    if (keys.isEmpty()) {
      throw new IOException("the market has no items");
    }
    return keys;
  }

  /** Tradewatch on the benchmark's database, logging to {@code log} in {@code dir}. */
  private MicroServer start(Path dir, String log, List<String> jvm) throws IOException {
    return MicroServer.start(
        setup.micro(), setup.tradewatch(), setup.preboot(), dir.resolve(log), jvm, "/api/streams");
  }

  private static boolean time(
      MicroServer tradewatch, String name, IntFunction<String> paths, int samples)
      throws Exception {
    int warmUp = Math.max(5, samples / 3);
    double[] millis = new double[samples];
    double[] serverMillis = new double[samples];
    long totals = 0;
    boolean ok = true;
    for (int i = 0; i < warmUp + samples; i++) {
      String path = paths.apply(i + (i < warmUp ? 1000 : 0));
      long start = System.nanoTime();
      HttpResponse<String> response = tradewatch.exchange(path);
      double elapsed = (System.nanoTime() - start) / 1e6;
      if (response.statusCode() != 200) {
        throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
      }
      JsonObject page = Bench.parse(response.body()).asJsonObject();
      // Every search but the names' finds something on this market; an order book has sides.
      boolean empty =
          page.containsKey("items")
              ? page.getJsonArray("items").isEmpty()
              : page.getJsonArray("buys").isEmpty() && page.getJsonArray("sells").isEmpty();
      if (empty && !name.equals("name") && !name.equals("itemsSearch")) {
        System.out.println("query." + name + ": nothing for " + path);
        ok = false;
      }
      if (i >= warmUp) {
        millis[i - warmUp] = elapsed;
        serverMillis[i - warmUp] = serverTime(response);
        totals += page.containsKey("total") ? page.getJsonNumber("total").longValue() : 0;
      }
    }
    Arrays.sort(millis);
    Arrays.sort(serverMillis);
    Bench.print("query." + name + ".p50", Bench.quantile(millis, 0.50), "ms");
    Bench.print("query." + name + ".p95", Bench.quantile(millis, 0.95), "ms");
    Bench.print("query." + name + ".max", millis[millis.length - 1], "ms");
    Bench.print("query." + name + ".server.p50", Bench.quantile(serverMillis, 0.50), "ms");
    Bench.print("query." + name + ".server.p95", Bench.quantile(serverMillis, 0.95), "ms");
    Bench.print("query." + name + ".meanTotal", totals / (double) samples, "listings");
    return ok;
  }

  /** The server's own time for an answer, from its {@code Server-Timing: app;dur=...} header. */
  private static double serverTime(HttpResponse<String> response) {
    String timing =
        response
            .headers()
            .firstValue("Server-Timing")
            .orElseThrow(() -> new IllegalStateException("no Server-Timing header"));
    Matcher duration = DURATION.matcher(timing);
    if (!duration.find()) {
      throw new IllegalStateException("no duration in Server-Timing: " + timing);
    }
    return Double.parseDouble(duration.group(1));
  }

  private static final Pattern DURATION = Pattern.compile("dur=([0-9.]+)");

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
