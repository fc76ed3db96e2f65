package org.tradewatch.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.ListingEvent;
import org.tradewatch.core.stream.bptf.BptfFrameDecoder;

/**
 * Issue 6, item 1: the simulator streams N backpack.tf events in frames of 500 as fast as the
 * consumer takes them. Prints the end-to-end rate (socket to committed rows, in a Tradewatch with
 * {@code -Xmx512m} and an H2 file database), the decode-only rate of the same frames (a client that
 * parses and drops them), their ratio and Tradewatch's peak heap, then checks that the store holds
 * exactly the listings the simulator sent. Both runs use the same seed and the simulator's
 * synthetic clock, so they see the same frames.
 */
public final class IngestBenchmark {

  private static final Duration PATIENCE = Duration.ofMinutes(20);

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    long events = Long.parseLong(options.getOrDefault("events", "1000000"));
    // Extra JVM options for Tradewatch's process, e.g. a flight recording to profile the run.
    List<String> tradewatchJvm =
        List.of(options.getOrDefault("tradewatch-jvm", "").trim().split("\\s+")).stream()
            .filter(option -> !option.isEmpty())
            .toList();
    Path micro = Path.of(options.get("micro"));
    Path tradewatchWar = Path.of(options.get("tradewatch"));
    Path simulatorWar = Path.of(options.get("simulator"));
    Path preboot = Path.of(options.get("preboot"));
    Path work = Files.createDirectories(Path.of(options.get("work")));
    deleteDatabase(work);

    List<String> simulatorOptions =
        List.of(
            "-Xmx512m",
            "-Dsimulator.bptf.events-per-second=0",
            "-Dsimulator.bptf.frame-size=500",
            "-Dsimulator.bptf.total=" + events,
            "-Dsimulator.bptf.clock=synthetic",
            "-Dsimulator.skinshark.events-per-second=0");
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores");
    try (MicroServer simulator =
        MicroServer.start(
            micro,
            simulatorWar,
            preboot,
            work.resolve("simulator.log"),
            simulatorOptions,
            "/control/bptf/stats")) {
      EndToEnd stored =
          endToEnd(simulator, micro, tradewatchWar, preboot, work, events, tradewatchJvm);
      simulator.post("/control/bptf/config?restart=true");
      DecodeOnly decoded = decodeOnly(simulator, events);

      print("ingest.events", events, "events");
      print("ingest.endToEnd", stored.perSecond(), "events/s");
      print("ingest.decodeOnly", decoded.perSecond(), "events/s");
      print("ingest.ratio", stored.perSecond() / decoded.perSecond(), "");
      print("ingest.peakHeap", stored.peakHeapBytes() / (1024.0 * 1024.0), "MiB");
      print("ingest.storedListings", stored.listings(), "listings");
      print("ingest.sentListings", decoded.listings().size(), "listings");
      if (stored.listings() != decoded.listings().size() || stored.accounted() != events) {
        System.out.println(
            "ingest.check: FAILED (events accounted for "
                + stored.accounted()
                + " of "
                + events
                + ")");
        System.exit(1);
      }
      System.out.println("ingest.check: store holds exactly what the simulator sent");
    }
  }

  record EndToEnd(double perSecond, long peakHeapBytes, long listings, long accounted) {}

  record DecodeOnly(double perSecond, Set<ListingKey> listings) {}

  private static EndToEnd endToEnd(
      MicroServer simulator,
      Path micro,
      Path war,
      Path preboot,
      Path work,
      long events,
      List<String> jvm)
      throws Exception {
    List<String> options =
        new ArrayList<>(
            List.of(
                "-Xmx512m",
                "-Dtradewatch.sources=bptf",
                "-Dtradewatch.bptf.ws.url=ws://127.0.0.1:" + simulator.port + "/events",
                "-Dtradewatch.db.url=jdbc:h2:file:"
                    + work.resolve("db/tradewatch").toAbsolutePath()));
    // Last, so that they can also override the options above (the last -D of a name wins).
    options.addAll(jvm);
    try (MicroServer tradewatch =
        MicroServer.start(
            micro, war, preboot, work.resolve("tradewatch.log"), options, "/api/streams")) {
      long peakHeap = 0;
      long started = 0;
      long accounted = 0;
      long lastHeapAt = 0;
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (System.nanoTime() < deadline) {
        JsonObject stream = bptf(tradewatch);
        long now = System.nanoTime();
        if (started == 0 && stream.getJsonNumber("framesReceived").longValue() > 0) {
          started = now;
        }
        accounted =
            stream.getJsonNumber("eventsApplied").longValue()
                + stream.getJsonNumber("eventsSkipped").longValue()
                + stream.getJsonNumber("quarantined").longValue();
        // The polls cost the measured process too: the heap once a second is enough for a peak.
        if (now - lastHeapAt >= TimeUnit.SECONDS.toNanos(1)) {
          peakHeap = Math.max(peakHeap, usedHeap(tradewatch));
          lastHeapAt = now;
        }
        if (accounted >= events && stream.getInt("queueDepth") == 0) {
          double seconds = (now - started) / 1e9;
          JsonObject all =
              parse(tradewatch.get("/api/listings?includeDeleted=true&limit=1")).asJsonObject();
          return new EndToEnd(
              events / seconds, peakHeap, all.getJsonNumber("total").longValue(), accounted);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
      }
      throw new IllegalStateException(
          "Tradewatch accounted for " + accounted + " of " + events + " events in " + PATIENCE);
    }
  }

  private static DecodeOnly decodeOnly(MicroServer simulator, long events) throws Exception {
    BptfFrameDecoder decoder = new BptfFrameDecoder();
    Set<ListingKey> listings = new HashSet<>();
    CompletableFuture<Double> done = new CompletableFuture<>();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();
          private long started;
          private long seen;

          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (started == 0) {
              started = System.nanoTime();
            }
            partial.append(data);
            if (last) {
              DecodedFrame frame = decoder.decode(partial.toString());
              partial.setLength(0);
              for (ListingEvent event : frame.events()) {
                listings.add(event.key());
              }
              seen += frame.size();
              if (seen >= events) {
                done.complete(events / ((System.nanoTime() - started) / 1e9));
              }
            }
            socket.request(1);
            return null;
          }
        };
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("batch-test", "true")
            .buildAsync(URI.create("ws://127.0.0.1:" + simulator.port + "/events"), listener)
            .get(30, TimeUnit.SECONDS);
    try {
      return new DecodeOnly(done.get(PATIENCE.toMinutes(), TimeUnit.MINUTES), listings);
    } finally {
      socket.abort();
    }
  }

  private static JsonObject bptf(MicroServer tradewatch) throws Exception {
    for (JsonValue stream : parse(tradewatch.get("/api/streams")).asJsonArray()) {
      if (stream.asJsonObject().getString("source").equals("bptf")) {
        return stream.asJsonObject();
      }
    }
    throw new IllegalStateException("no bptf stream in /api/streams");
  }

  /** Heap in use from MicroProfile Metrics' base scope, or 0 when it cannot be read. */
  private static long usedHeap(MicroServer server) {
    try {
      // MicroProfile Metrics 5: memory_usedHeap_bytes{mp_scope="base"} 1.2E8
      for (String line : server.get("/metrics?scope=base").split("\n")) {
        if (line.startsWith("memory_usedHeap_bytes") || line.startsWith("base_memory_usedHeap")) {
          return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
        }
      }
    } catch (IOException | InterruptedException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static JsonValue parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }

  private static void print(String name, double value, String unit) {
    System.out.println(
        name
            + ": "
            + String.format(Locale.ROOT, value % 1 == 0 ? "%.0f" : "%.2f", value)
            + " "
            + unit);
  }

  private static void deleteDatabase(Path work) throws IOException {
    Path db = work.resolve("db");
    if (Files.exists(db)) {
      try (var files = Files.list(db)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
    }
  }

  private IngestBenchmark() {}
}
