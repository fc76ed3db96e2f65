package org.tradewatch.bench;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the benchmarks of issue 6 named by {@code --items} (default {@code
 * ingest,store,latency,memory,query,proxy}) against the real WARs on Payara Micro and prints {@code
 * name: value unit} lines. Exits with 1 when a run's check fails (a count that does not match, a
 * change that never showed); figures below their targets are printed, not failed on, since they
 * depend on the machine.
 *
 * <p>Options: {@code --events} for the ingest run (default 1,000,000), {@code --store-events} for
 * the store alone (200,000), {@code --slow-events} and {@code --slowdown} for the slow-database run
 * (30,000 events at full speed, then again with H2's {@code THROTTLE} at 1700: each database
 * session sleeps 1,700 ms after every 50 ms of work, which with the rest of the pipeline unchanged
 * makes ingest about ten times slower; it prints by how much), {@code --latency-seconds} and {@code
 * --latency-rate} (60 s at 1,000 events/s), {@code --query-listings} and {@code --query-samples}
 * (1,000,000 listings, 60 timed requests per query), {@code --proxy-clients}, {@code
 * --proxy-tokens} and {@code --proxy-seconds} (1,000 clients polling 100 tokens for 60 s), {@code
 * --tradewatch-jvm} for extra JVM options of the Tradewatch under test (a flight recording, say),
 * {@code --postgres-url}, {@code --postgres-user} and {@code --postgres-password} for a PostgreSQL
 * database in place of H2 (each run in a fresh schema). {@code --items watches} (not in the default
 * set) runs issue #11's: {@code --watch-users}, {@code --watches}, {@code --watch-rate}, {@code
 * --watch-seconds} and {@code --watch-burst} (1,000 traders, 10,000 watches, 2,000 events/s for 60
 * s, bursts of 100,000 events).
 */
public final class Benchmarks {

  public static void main(String[] args) throws Exception {
    Map<String, String> options = Bench.options(args);
    Bench.Setup setup = Bench.Setup.from(options);
    List<String> jvm = Bench.jvmOptions(options.get("tradewatch-jvm"));
    Set<String> items =
        new LinkedHashSet<>(
            List.of(
                options
                    .getOrDefault("items", "ingest,store,latency,memory,query,proxy")
                    .split(",")));
    System.out.println(
        "machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + (Runtime.getRuntime().maxMemory() >> 20)
            + " MiB max heap for the benchmark JVM, Java "
            + System.getProperty("java.version"));
    System.out.println(
        "database: "
            + (setup.postgres() == null
                ? "H2 file"
                : "PostgreSQL " + setup.postgres().url() + " (the query benchmark keeps H2)"));

    boolean ok = true;
    for (String item : items) {
      long started = System.nanoTime();
      switch (item.trim()) {
        case "ingest" -> {
          ok &=
              new IngestBenchmark(setup, jvm)
                  .run(
                      "ingest",
                      Long.parseLong(options.getOrDefault("events", "1000000")),
                      "",
                      true);
        }
        case "store" ->
            ok &=
                new StoreBenchmark(setup)
                    .run(Long.parseLong(options.getOrDefault("store-events", "200000")));
        case "memory" -> {
          long events = Long.parseLong(options.getOrDefault("slow-events", "30000"));
          IngestBenchmark baseline = new IngestBenchmark(setup, jvm);
          ok &= baseline.run("slowDbBaseline", events, "", false);
          IngestBenchmark slow = new IngestBenchmark(setup, jvm);
          ok &=
              slow.run(
                  "slowDb",
                  events,
                  ";THROTTLE=" + Integer.parseInt(options.getOrDefault("slowdown", "1700")),
                  false);
          Bench.print("slowDb.slowerBy", baseline.lastRate() / slow.lastRate(), "times");
        }
        case "latency" ->
            ok &=
                new LatencyBenchmark(setup, jvm)
                    .run(
                        Integer.parseInt(options.getOrDefault("latency-rate", "1000")),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(
                            Long.parseLong(options.getOrDefault("latency-seconds", "60"))));
        case "query" ->
            ok &=
                new QueryBenchmark(setup, jvm)
                    .run(
                        Long.parseLong(options.getOrDefault("query-listings", "1000000")),
                        Integer.parseInt(options.getOrDefault("query-samples", "60")));
        case "proxy" ->
            ok &=
                new ProxyBenchmark(setup, jvm)
                    .run(
                        Integer.parseInt(options.getOrDefault("proxy-clients", "1000")),
                        Integer.parseInt(options.getOrDefault("proxy-tokens", "100")),
                        Duration.ofSeconds(
                            Long.parseLong(options.getOrDefault("proxy-seconds", "60"))));
        case "model" ->
            ok &=
                new ModelBenchmark()
                    .run(
                        Integer.parseInt(options.getOrDefault("model-listings", "1000000")),
                        Integer.parseInt(options.getOrDefault("model-samples", "300")),
                        Integer.parseInt(options.getOrDefault("model-writer-rate", "10000")),
                        Boolean.parseBoolean(options.getOrDefault("model-items", "true")),
                        Boolean.parseBoolean(options.getOrDefault("model-history", "true")));
        case "watches" ->
            ok &=
                new WatchBenchmark(setup, jvm)
                    .run(
                        Integer.parseInt(options.getOrDefault("watch-users", "1000")),
                        Integer.parseInt(options.getOrDefault("watches", "10000")),
                        Integer.parseInt(options.getOrDefault("watch-rate", "2000")),
                        Duration.ofSeconds(
                            Long.parseLong(options.getOrDefault("watch-seconds", "60"))),
                        Long.parseLong(options.getOrDefault("watch-burst", "100000")));
        default ->
            throw new IllegalArgumentException(
                "unknown benchmark '"
                    + item
                    + "': ingest, store, latency, memory, query, proxy, model or watches");
      }
      Bench.print(item.trim() + ".wallTime", (System.nanoTime() - started) / 1e9, "s");
    }
    if (!ok) {
      System.out.println("benchmarks: a check FAILED (see above)");
      System.exit(1);
    }
  }

  private Benchmarks() {}
}
