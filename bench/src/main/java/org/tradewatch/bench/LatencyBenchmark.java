package org.tradewatch.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 6, item 2: with the simulator sending 1,000 events a second (frames of 100, ten a second),
 * how long from the simulator writing an event to the change being visible through {@code GET
 * /api/listings/bptf/{id}} and through the live socket.
 *
 * <p>Each sample is one frame: the simulator's probe waits for the next frame, names its last
 * update that stays visible and says when the frame was written. The benchmark then reads the
 * listing every {@link #POLL} until it shows that event (or a later one), and looks up when the
 * live socket delivered it (the socket is read all along, so it may well have arrived before the
 * probe's answer). Both processes read the same system clock. The GET figure is an upper bound by
 * up to the probe's answer and one poll.
 */
final class LatencyBenchmark {

  private static final Duration POLL = Duration.ofMillis(2);
  private static final Duration GIVE_UP = Duration.ofSeconds(10);

  private final Bench.Setup setup;
  private final List<String> tradewatchJvm;

  LatencyBenchmark(Bench.Setup setup, List<String> tradewatchJvm) {
    this.setup = setup;
    this.tradewatchJvm = tradewatchJvm;
  }

  /**
   * Measures for {@code duration} after {@code warmUp} and prints {@code latency.*} figures.
   *
   * @return whether every probed change became visible both ways
   */
  boolean run(int eventsPerSecond, Duration warmUp, Duration duration) throws Exception {
    Path dir = setup.fresh("latency");
    List<String> simulatorOptions =
        List.of(
            "-Dsimulator.bptf.events-per-second=" + eventsPerSecond,
            "-Dsimulator.bptf.frame-size=" + Math.max(1, eventsPerSecond / 10),
            "-Dsimulator.bptf.clock=wall",
            "-Dsimulator.skinshark.events-per-second=0");
    try (MicroServer simulator = setup.startSimulator(dir, simulatorOptions);
        MicroServer tradewatch = setup.startTradewatch(dir, simulator, "", tradewatchJvm)) {
      Map<String, List<Seen>> socketSeen = new ConcurrentHashMap<>();
      Map<String, List<Long>> dealsOpened = new ConcurrentHashMap<>();
      WebSocket live = openLiveSocket(tradewatch, socketSeen);
      WebSocket deals = openDealsSocket(tradewatch, dealsOpened);
      try {
        awaitConsumerConnected(simulator);
        long warmUntil = System.nanoTime() + warmUp.toNanos();
        while (System.nanoTime() < warmUntil) {
          probeOnce(simulator, tradewatch, socketSeen);
        }
        long sentBefore = sentEvents(simulator);
        long started = System.nanoTime();
        List<Double> viaGet = new ArrayList<>();
        List<Double> viaSocket = new ArrayList<>();
        int missing = 0;
        int overtaken = 0;
        while (System.nanoTime() - started < duration.toNanos()) {
          double[] sample = probeOnce(simulator, tradewatch, socketSeen);
          if (sample == null) {
            missing++;
          } else if (sample.length == 0) {
            overtaken++;
          } else {
            viaGet.add(sample[0]);
            viaSocket.add(sample[1]);
          }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Bench.print("latency.rate", (sentEvents(simulator) - sentBefore) / seconds, "events/s");
        Bench.print("latency.samples", viaGet.size(), "frames");
        printQuantiles("latency.get", viaGet);
        printQuantiles("latency.socket", viaSocket);
        // A later frame changed the listing before it was first read: no fair sample.
        Bench.print("latency.overtaken", overtaken, "frames");
        Bench.print("latency.missing", missing, "frames");
        boolean dealsShown = dealLatency(simulator, duration, dealsOpened);
        return missing == 0 && !viaGet.isEmpty() && dealsShown;
      } finally {
        live.abort();
        deals.abort();
      }
    }
  }

  /**
   * One sample: milliseconds from the frame's write to the change showing through GET and through
   * the socket; empty when the first read already showed a later event of the listing (overtaken,
   * so no fair sample); null when it did not show within {@link #GIVE_UP}.
   */
  private static double[] probeOnce(
      MicroServer simulator, MicroServer tradewatch, Map<String, List<Seen>> socketSeen)
      throws IOException, InterruptedException {
    JsonObject probe =
        Bench.parse(simulator.post("/control/bptf/probe?timeoutSeconds=30")).asJsonObject();
    String eventId = probe.getString("eventId");
    long sentMicros = probe.getJsonNumber("sentAtMicros").longValue();
    String listingId = probe.getString("listingId");
    String path = "/api/listings/bptf/" + URLEncoder.encode(listingId, StandardCharsets.UTF_8);
    long giveUp = System.nanoTime() + GIVE_UP.toNanos();
    Long visibleMicros = null;
    while (System.nanoTime() < giveUp) {
      String body = tradewatch.getOrNull(path);
      if (body != null) {
        String shown = lastEventId(Bench.parse(body).asJsonObject());
        if (shown != null && shown.compareTo(eventId) > 0) {
          return new double[0];
        }
        if (eventId.equals(shown)) {
          visibleMicros = micros(Instant.now());
          break;
        }
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    Long socketMicros = null;
    while (visibleMicros != null && socketMicros == null && System.nanoTime() < giveUp) {
      socketMicros = firstShowing(socketSeen.remove(listingId), eventId);
      if (socketMicros == null) {
        LockSupport.parkNanos(POLL.toNanos());
      }
    }
    if (visibleMicros == null || socketMicros == null) {
      return null;
    }
    return new double[] {
      (visibleMicros - sentMicros) / 1000.0, (socketMicros - sentMicros) / 1000.0
    };
  }

  /**
   * Issue #10's deal target: for {@code duration}, each frame that carries a new sell listing
   * priced well under its value (the simulator's {@code probe?kind=bargain}) is one sample, the
   * time from the frame's write to that listing's {@code deal.open} on a socket with {@code
   * deals=true}. A bargain Tradewatch does not count as a deal (its item's price not yet seen, say)
   * is counted apart.
   */
  private static boolean dealLatency(
      MicroServer simulator, Duration duration, Map<String, List<Long>> dealsOpened)
      throws IOException, InterruptedException {
    List<String> listings = new ArrayList<>();
    List<Long> sentAt = new ArrayList<>();
    long started = System.nanoTime();
    while (System.nanoTime() - started < duration.toNanos()) {
      JsonObject probe =
          Bench.parse(simulator.post("/control/bptf/probe?kind=bargain&timeoutSeconds=30"))
              .asJsonObject();
      listings.add(probe.getString("listingId"));
      sentAt.add(probe.getJsonNumber("sentAtMicros").longValue());
    }
    LockSupport.parkNanos(GIVE_UP.toNanos() / 5);
    List<Double> millis = new ArrayList<>();
    int noDeal = 0;
    for (int i = 0; i < listings.size(); i++) {
      Long first = null;
      for (long at : dealsOpened.getOrDefault(listings.get(i), List.of())) {
        if (at >= sentAt.get(i) && (first == null || at < first)) {
          first = at;
        }
      }
      if (first == null) {
        noDeal++;
      } else {
        millis.add((first - sentAt.get(i)) / 1000.0);
      }
    }
    Bench.print("latency.dealSamples", millis.size(), "bargains");
    Bench.print("latency.noDeal", noDeal, "bargains");
    printQuantiles("latency.dealOpen", millis);
    return !millis.isEmpty();
  }

  private static WebSocket openDealsSocket(MicroServer tradewatch, Map<String, List<Long>> opened)
      throws Exception {
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              long at = micros(Instant.now());
              JsonObject message = Bench.parse(partial.toString()).asJsonObject();
              partial.setLength(0);
              if (message.getString("event").equals("deal.open")) {
                opened
                    .computeIfAbsent(
                        message.getJsonObject("data").getString("listingId"),
                        id -> new CopyOnWriteArrayList<>())
                    .add(at);
              }
            }
            socket.request(1);
            return null;
          }
        };
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .buildAsync(
            URI.create(
                "ws://127.0.0.1:"
                    + tradewatch.port
                    + "/api/listings/live?source=bptf&deals=true&listings=false"),
            listener)
        .get(30, TimeUnit.SECONDS);
  }

  /** When the socket delivered a listing's event at least as new as one. */
  private record Seen(String eventId, long micros) {}

  private static Long firstShowing(List<Seen> seen, String eventId) {
    if (seen == null) {
      return null;
    }
    for (Seen one : seen) {
      if (one.eventId().compareTo(eventId) >= 0) {
        return one.micros();
      }
    }
    return null;
  }

  /** The listing's last applied event; ids are ObjectIds, ordered by their hex text. */
  private static String lastEventId(JsonObject listing) {
    JsonValue last = listing.get("lastEventId");
    return last != null && last.getValueType() == JsonValue.ValueType.STRING
        ? listing.getString("lastEventId")
        : null;
  }

  private static WebSocket openLiveSocket(MicroServer tradewatch, Map<String, List<Seen>> seen)
      throws Exception {
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              long at = micros(Instant.now());
              JsonObject message = Bench.parse(partial.toString()).asJsonObject();
              partial.setLength(0);
              if (message.getString("event").equals("listing.upsert")) {
                JsonObject listing = message.getJsonObject("data");
                if (listing.get("lastEventId").getValueType() == JsonValue.ValueType.STRING) {
                  seen.computeIfAbsent(listing.getString("id"), id -> new CopyOnWriteArrayList<>())
                      .add(new Seen(listing.getString("lastEventId"), at));
                }
              }
            }
            socket.request(1);
            return null;
          }
        };
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .buildAsync(
            URI.create("ws://127.0.0.1:" + tradewatch.port + "/api/listings/live?source=bptf"),
            listener)
        .get(30, TimeUnit.SECONDS);
  }

  /**
   * Until the simulator streams to Tradewatch's consumer, which connects only once it holds the
   * stream's lease, a moment after the server says it is ready: a probe before that is refused.
   */
  private static void awaitConsumerConnected(MicroServer simulator)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (sentEvents(simulator) == 0) {
      if (System.nanoTime() > deadline) {
        throw new IOException("Tradewatch's backpack.tf consumer did not connect within 2 minutes");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  private static long sentEvents(MicroServer simulator) throws IOException, InterruptedException {
    return Bench.parse(simulator.get("/control/bptf/stats"))
        .asJsonObject()
        .getJsonNumber("eventsSent")
        .longValue();
  }

  private static void printQuantiles(String name, List<Double> millis) {
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    Bench.print(name + ".p50", Bench.quantile(sorted, 0.50), "ms");
    Bench.print(name + ".p99", Bench.quantile(sorted, 0.99), "ms");
    Bench.print(name + ".max", sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], "ms");
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }
}
