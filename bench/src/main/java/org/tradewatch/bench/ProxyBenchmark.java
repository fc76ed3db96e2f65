package org.tradewatch.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 6, item 5: {@code clients} concurrent clients poll the notifications search through
 * Tradewatch for {@code tokens} tokens (client i asks for token i mod tokens) once a second each,
 * for {@code duration}. Prints the latency each client saw (p50, p99, max: an upper bound of the
 * server's time, loopback included), the answers by status, and the most upstream searches any one
 * token caused, which must stay within one per polling window (30 s) plus the first.
 *
 * <p>Tradewatch runs without stream consumers here, so the figures are the proxy's alone.
 */
final class ProxyBenchmark {

  private static final long WINDOW_SECONDS = 30;

  private final Bench.Setup setup;
  private final List<String> tradewatchJvm;

  ProxyBenchmark(Bench.Setup setup, List<String> tradewatchJvm) {
    this.setup = setup;
    this.tradewatchJvm = tradewatchJvm;
  }

  /** Runs the load and prints {@code proxy.*} figures; false when the polling limit was broken. */
  boolean run(int clients, int tokens, Duration duration) throws Exception {
    Path dir = setup.fresh("proxy");
    List<String> simulatorOptions =
        List.of(
            // the documented example token plus these
            "-Dsimulator.notifications.tokens=" + (tokens - 1),
            "-Dsimulator.notifications.arrival-seconds=1",
            "-Dsimulator.bptf.events-per-second=0",
            "-Dsimulator.skinshark.events-per-second=0");
    try (MicroServer simulator = setup.startSimulator(dir, simulatorOptions)) {
      List<String> extra = new ArrayList<>();
      extra.add("-Dtradewatch.sources=none");
      extra.add("-Dtradewatch.bptf.api.url=http://127.0.0.1:" + simulator.port);
      extra.addAll(tradewatchJvm);
      try (MicroServer tradewatch = setup.startTradewatch(dir, simulator, "", extra)) {
        List<String> tokenList = tokens(simulator);
        if (tokenList.size() < tokens) {
          throw new IllegalStateException(
              "the simulator seeded " + tokenList.size() + " tokens, not " + tokens);
        }
        return load(simulator, tradewatch, tokenList.subList(0, tokens), clients, duration);
      }
    }
  }

  private static List<String> tokens(MicroServer simulator) throws Exception {
    JsonObject stats = Bench.parse(simulator.get("/control/notifications/stats")).asJsonObject();
    return new ArrayList<>(stats.getJsonObject("inboxes").keySet());
  }

  private boolean load(
      MicroServer simulator,
      MicroServer tradewatch,
      List<String> tokens,
      int clients,
      Duration duration)
      throws Exception {
    ExecutorService callbacks = Executors.newFixedThreadPool(4, Bench::daemon);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(callbacks)
            .build();
    ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2, Bench::daemon);
    ConcurrentLinkedQueue<Long> latencyMicros = new ConcurrentLinkedQueue<>();
    Map<Integer, AtomicLong> byStatus = new java.util.concurrent.ConcurrentHashMap<>();
    AtomicLong failures = new AtomicLong();
    Map<String, AtomicLong> failureKinds = new java.util.concurrent.ConcurrentHashMap<>();
    long started = System.nanoTime();
    long end = started + duration.toNanos();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      String token = tokens.get(i % tokens.size());
      URI uri = URI.create(tradewatch.url("/api/notifications/search/v1?folder=0&token=" + token));
      CompletableFuture<Void> client = new CompletableFuture<>();
      done.add(client);
      // Each client polls once a second from a random phase, waiting for its answer each time.
      long phase = ThreadLocalRandom.current().nextLong(TimeUnit.SECONDS.toNanos(1));
      Runnable[] poll = new Runnable[1];
      poll[0] =
          () -> {
            long sent = System.nanoTime();
            if (sent >= end) {
              client.complete(null);
              return;
            }
            http.sendAsync(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString())
                .whenComplete(
                    (response, failure) -> {
                      long took = System.nanoTime() - sent;
                      if (failure != null) {
                        failures.incrementAndGet();
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        failureKinds
                            .computeIfAbsent(
                                cause.getClass().getSimpleName(), k -> new AtomicLong())
                            .incrementAndGet();
                      } else {
                        byStatus
                            .computeIfAbsent(response.statusCode(), s -> new AtomicLong())
                            .incrementAndGet();
                        latencyMicros.add(took / 1_000);
                      }
                      long next = Math.max(0, TimeUnit.SECONDS.toNanos(1) - took);
                      ticks.schedule(poll[0], next, TimeUnit.NANOSECONDS);
                    });
          };
      ticks.schedule(poll[0], phase, TimeUnit.NANOSECONDS);
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
        .get(duration.toSeconds() + 120, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - started) / 1e9;
    ticks.shutdownNow();
    callbacks.shutdownNow();

    double[] sorted = latencyMicros.stream().mapToDouble(m -> m / 1000.0).sorted().toArray();
    long maxSearches = 0;
    JsonObject requests =
        Bench.parse(simulator.get("/control/notifications/stats"))
            .asJsonObject()
            .getJsonObject("requests");
    for (String token : tokens) {
      JsonValue counts = requests.get(token);
      if (counts != null && counts.getValueType() == JsonValue.ValueType.OBJECT) {
        maxSearches = Math.max(maxSearches, counts.asJsonObject().getInt("search", 0));
      }
    }
    // The first search, then at most one more each time a window has passed.
    long allowed = (long) Math.floor(seconds / WINDOW_SECONDS) + 1;

    Bench.print("proxy.clients", clients, "");
    Bench.print("proxy.tokens", tokens.size(), "");
    Bench.print("proxy.requests", sorted.length, "");
    Bench.print("proxy.rate", sorted.length / seconds, "requests/s");
    byStatus.forEach((status, count) -> Bench.print("proxy.status" + status, count.get(), ""));
    Bench.print("proxy.failures", failures.get(), "");
    failureKinds.forEach((kind, count) -> Bench.print("proxy.failures." + kind, count.get(), ""));
    Bench.print("proxy.p50", Bench.quantile(sorted, 0.50), "ms");
    Bench.print("proxy.p99", Bench.quantile(sorted, 0.99), "ms");
    Bench.print("proxy.max", sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], "ms");
    Bench.print(
        "proxy.upstreamSearchesPerTokenMax", maxSearches, "in " + Math.round(seconds) + " s");
    boolean withinLimit = maxSearches <= allowed;
    Bench.print(
        "proxy.check",
        withinLimit
            ? "at most one upstream search per token per " + WINDOW_SECONDS + " s"
            : "FAILED (a token was searched upstream " + maxSearches + " times)");
    return withinLimit && failures.get() == 0;
  }
}
