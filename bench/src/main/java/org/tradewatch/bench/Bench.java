package org.tradewatch.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What every benchmark needs: its set-up, the servers' logs and answers, and printed figures. */
final class Bench {

  /**
   * A PostgreSQL database for Tradewatch instead of its H2 file; each run gets a schema of its own
   * in it.
   */
  record Postgres(String url, String user, String password) {

    /**
     * The JDBC URL of an empty schema named for {@code run}: dropped with whatever an earlier run
     * of that name left, then created again.
     */
    String freshSchema(String run) {
      String schema = "bench_" + run.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(Locale.ROOT);
      try (Connection connection = DriverManager.getConnection(url, user, password);
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        statement.execute("CREATE SCHEMA " + schema);
      } catch (SQLException e) {
        throw new IllegalStateException("PostgreSQL at " + url + " is not reachable", e);
      }
      return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
  }

  /**
   * Where the runtime, the WARs and the pre-boot file are, where a run may write, and the database
   * Tradewatch uses: an H2 file in each run's directory, or schemas in {@code postgres} if given.
   */
  record Setup(
      Path micro, Path tradewatch, Path simulator, Path preboot, Path work, Postgres postgres) {

    static Setup from(Map<String, String> options) throws IOException {
      String postgresUrl = options.get("postgres-url");
      return new Setup(
          Path.of(require(options, "micro")),
          Path.of(require(options, "tradewatch")),
          Path.of(require(options, "simulator")),
          Path.of(require(options, "preboot")),
          Files.createDirectories(Path.of(require(options, "work"))),
          postgresUrl == null || postgresUrl.isBlank()
              ? null
              : new Postgres(
                  postgresUrl,
                  options.getOrDefault("postgres-user", ""),
                  options.getOrDefault("postgres-password", "")));
    }

    private static String require(Map<String, String> options, String name) {
      String value = options.get(name);
      if (value == null) {
        throw new IllegalArgumentException("--" + name + " is required");
      }
      return value;
    }

    /** A directory of its own under the work directory, emptied. */
    Path fresh(String name) throws IOException {
      Path dir = work.resolve(name);
      if (Files.exists(dir)) {
        try (var files = Files.walk(dir)) {
          for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
            Files.delete(file);
          }
        }
      }
      return Files.createDirectories(dir);
    }

    MicroServer startSimulator(Path dir, List<String> options) throws IOException {
      List<String> jvm = new ArrayList<>(List.of("-Xmx512m"));
      jvm.addAll(options);
      return MicroServer.start(
          micro, simulator, preboot, dir.resolve("simulator.log"), jvm, "/control/bptf/stats");
    }

    /**
     * Tradewatch with {@code -Xmx512m}, only the backpack.tf consumer, an empty database (an H2
     * file in {@code dir} with {@code dbOptions} appended to its URL, or a fresh PostgreSQL schema
     * named for {@code dir}) and a GC log for {@link #peakHeapAfterGc}; {@code extra} options come
     * last, so they can override these.
     */
    MicroServer startTradewatch(
        Path dir, MicroServer simulator, String dbOptions, List<String> extra) throws IOException {
      List<String> jvm =
          new ArrayList<>(
              List.of(
                  "-Xmx512m",
                  "-Xlog:gc:file=" + dir.resolve("gc.log"),
                  "-Dtradewatch.sources=bptf",
                  "-Dtradewatch.bptf.ws.url=ws://127.0.0.1:" + simulator.port + "/events",
                  "-Dtradewatch.token.key-file=" + dir.resolve("token.key")));
      if (postgres == null) {
        jvm.add(
            "-Dtradewatch.db.url=jdbc:h2:file:"
                + dir.resolve("db/tradewatch").toAbsolutePath()
                + dbOptions);
      } else {
        if (!dbOptions.isEmpty()) {
          throw new IllegalArgumentException(
              "H2 URL options (" + dbOptions + ") do not apply to PostgreSQL");
        }
        // A benchmark's own loopback database: its password on the command line does no harm.
        jvm.add("-Dtradewatch.db.url=" + postgres.freshSchema(dir.getFileName().toString()));
        jvm.add("-Dtradewatch.db.user=" + postgres.user());
        jvm.add("-Dtradewatch.db.password=" + postgres.password());
      }
      jvm.addAll(extra);
      return MicroServer.start(
          micro, tradewatch, preboot, dir.resolve("tradewatch.log"), jvm, "/api/streams");
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return options;
  }

  /** Whitespace-separated JVM options, none for an empty or absent value. */
  static List<String> jvmOptions(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.trim().split("\\s+")).toList();
  }

  static JsonValue parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }

  /** The backpack.tf stream as {@code /api/streams} shows it. */
  static JsonObject bptfStream(MicroServer tradewatch) throws IOException, InterruptedException {
    for (JsonValue stream : parse(tradewatch.get("/api/streams")).asJsonArray()) {
      if (stream.asJsonObject().getString("source").equals("bptf")) {
        return stream.asJsonObject();
      }
    }
    throw new IllegalStateException("no bptf stream in /api/streams");
  }

  /**
   * Every stored listing, deleted ones too, counted by walking the key cursor, which reads each one
   * back whole from the database; the search's exact total must agree.
   */
  static long countListings(MicroServer tradewatch) throws IOException, InterruptedException {
    long count = 0;
    String after = null;
    long total = -1;
    do {
      String path = "/api/listings?includeDeleted=true&sort=key&limit=500";
      if (after != null) {
        path +=
            "&after=" + java.net.URLEncoder.encode(after, java.nio.charset.StandardCharsets.UTF_8);
      }
      JsonObject page = parse(tradewatch.get(path)).asJsonObject();
      if (total < 0) {
        total = page.getJsonNumber("total").longValue();
      }
      count += page.getJsonArray("items").size();
      after = page.isNull("next") ? null : page.getString("next");
    } while (after != null);
    if (count != total) {
      throw new IllegalStateException(
          "the search counted " + total + " listings, walking them read " + count);
    }
    return count;
  }

  /** The market check of {@code /health/ready}: the model's state, size and build time. */
  static JsonObject marketHealth(MicroServer tradewatch) throws IOException, InterruptedException {
    java.net.http.HttpResponse<String> health = tradewatch.exchange("/health/ready");
    for (JsonValue check : parse(health.body()).asJsonObject().getJsonArray("checks")) {
      JsonObject one = check.asJsonObject();
      if (one.getString("name").equals("market")) {
        return one.getJsonObject("data");
      }
    }
    throw new IllegalStateException("no market check in /health/ready");
  }

  /** A health check's figure, which Payara writes as a JSON string or number. */
  static long number(JsonObject data, String name) {
    JsonValue value = data.get(name);
    return value instanceof jakarta.json.JsonNumber number
        ? number.longValue()
        : Long.parseLong(data.getString(name));
  }

  /** Events the stream applied, skipped or quarantined: every one it received is one of these. */
  static long accounted(JsonObject stream) {
    return stream.getJsonNumber("eventsApplied").longValue()
        + stream.getJsonNumber("eventsSkipped").longValue()
        + stream.getJsonNumber("quarantined").longValue();
  }

  /**
   * An application metric without tags, e.g. {@code tradewatch_alerts_raised_total}, from
   * MicroProfile Metrics; -1 when it cannot be read.
   */
  static double metric(MicroServer server, String name) {
    try {
      for (String line : server.get("/metrics?scope=application").split("\n")) {
        if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
          return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
    return -1;
  }

  /** Heap in use now (garbage included) from MicroProfile Metrics, or 0 when it cannot be read. */
  static long usedHeap(MicroServer server) {
    try {
      // MicroProfile Metrics 5: memory_usedHeap_bytes{mp_scope="base"} 1.2E8
      for (String line : server.get("/metrics?scope=base").split("\n")) {
        if (line.startsWith("memory_usedHeap_bytes") || line.startsWith("base_memory_usedHeap")) {
          return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
    return 0;
  }

  private static final Pattern GC_PAUSE =
      Pattern.compile("Pause (Young|Full)\\b.*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  /**
   * What the GC log says of the heap: the most still in use after a full collection (the live data
   * then; with none, after a young one, which also counts old garbage not yet collected) and how
   * many full collections there were.
   */
  record HeapAfterGc(long peakMiB, boolean afterFull, int fullCollections) {

    static HeapAfterGc read(Path gcLog) throws IOException {
      long peakFull = -1;
      long peakYoung = 0;
      int full = 0;
      if (Files.exists(gcLog)) {
        for (String line : Files.readAllLines(gcLog)) {
          Matcher m = GC_PAUSE.matcher(line);
          if (m.find()) {
            long after = Long.parseLong(m.group(3));
            if (m.group(1).equals("Full")) {
              full++;
              peakFull = Math.max(peakFull, after);
            } else {
              peakYoung = Math.max(peakYoung, after);
            }
          }
        }
      }
      return peakFull >= 0
          ? new HeapAfterGc(peakFull, true, full)
          : new HeapAfterGc(peakYoung, false, 0);
    }
  }

  /** Whether the log shows the JVM ran out of memory. */
  static boolean ranOutOfMemory(Path log) throws IOException {
    if (!Files.exists(log)) {
      return false;
    }
    try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
      return lines.anyMatch(line -> line.contains("OutOfMemoryError"));
    }
  }

  /** A daemon thread, so that a benchmark's pools never keep its JVM from exiting. */
  static Thread daemon(Runnable work) {
    Thread thread = new Thread(work);
    thread.setDaemon(true);
    return thread;
  }

  /** Prints one figure as {@code name: value unit}. */
  static void print(String name, double value, String unit) {
    String number = String.format(Locale.ROOT, value % 1 == 0 ? "%.0f" : "%.2f", value);
    System.out.println(name + ": " + number + (unit.isEmpty() ? "" : " " + unit));
  }

  static void print(String name, String text) {
    System.out.println(name + ": " + text);
  }

  /** The value at {@code quantile} (0 to 1) of sorted values, nearest rank. */
  static double quantile(double[] sorted, double quantile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
  }

  private Bench() {}
}
