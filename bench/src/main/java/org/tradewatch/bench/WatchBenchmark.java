package org.tradewatch.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue #11's targets: {@code watches} active watches of {@code users} traders (10,000 of 1,000 by
 * default) while the simulator streams backpack.tf at {@code rate} events a second (2,000).
 *
 * <ul>
 *   <li>Event to alert on the trader's socket: ten traders keep ten watches each on the items with
 *       the most listings and hold {@code /api/alerts/live} open; the simulator's probe names each
 *       frame's last update that stays visible and when the frame was written, and a sample is the
 *       time until an alert for that listing arrives (probes whose listing raises no alert, a bump
 *       say, are counted and skipped).
 *   <li>Ingest with and without the watches, in the same run: bursts of {@code burst} events at
 *       full speed with every watch active and every watch paused, alternated (active, paused,
 *       paused, active), each burst's rate from the first event accounted to the last.
 * </ul>
 *
 * The traders register and create their watches through the pages' form and {@code /api/watches},
 * as an integrator would; the other 990 traders' watches are on random items and names with random
 * price bounds, so that most events are looked up and few match.
 */
final class WatchBenchmark {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
  private static final String PASSWORD = "benchmark horse battery";
  private static final int LISTENERS = 10;
  private static final int LISTENER_WATCHES = 10;

  /**
   * How long the stream runs at the rate after the listeners' sockets and webhooks open, before
   * probes are taken: a first run's webhooks took up to 2.6 s in their first ten seconds (new
   * connections, the lanes and the signing code still cold) and at most 0.2 s after.
   */
  private static final Duration WARM_UP = Duration.ofSeconds(15);

  private static final Duration ALERT_WAIT = Duration.ofSeconds(2);

  private final Bench.Setup setup;
  private final List<String> tradewatchJvm;

  WatchBenchmark(Bench.Setup setup, List<String> tradewatchJvm) {
    this.setup = setup;
    this.tradewatchJvm = tradewatchJvm;
  }

  /**
   * Prints {@code watches.*} figures.
   *
   * @return whether alerts arrived and every burst was taken in full
   */
  boolean run(int users, int watches, int rate, Duration duration, long burst) throws Exception {
    Path dir = setup.fresh("watches");
    boolean ok = measure(dir, users, watches, rate, duration, burst);
    if (setup.postgres() == null) {
      // Every alert any watch raised in the run, from the database once Tradewatch has stopped.
      try (java.sql.Connection db =
              java.sql.DriverManager.getConnection(
                  "jdbc:h2:file:" + dir.resolve("db/tradewatch").toAbsolutePath(), "sa", "");
          java.sql.ResultSet count =
              db.createStatement().executeQuery("SELECT COUNT(*) FROM watch_alert")) {
        count.next();
        Bench.print("watches.alertsStored", count.getLong(1), "alerts, all traders, whole run");
      }
    }
    return ok;
  }

  private boolean measure(Path dir, int users, int watches, int rate, Duration duration, long burst)
      throws Exception {
    List<String> simulatorOptions =
        List.of(
            "-Dsimulator.bptf.events-per-second=" + rate,
            "-Dsimulator.bptf.frame-size=" + Math.max(1, rate / 10),
            "-Dsimulator.bptf.clock=wall",
            "-Dsimulator.skinshark.events-per-second=0");
    try (MicroServer simulator = setup.startSimulator(dir, simulatorOptions);
        MicroServer tradewatch = setup.startTradewatch(dir, simulator, "", tradewatchJvm)) {
      awaitEvents(simulator, 20L * rate);
      List<JsonObject> items = items(tradewatch, 2_000);

      long setUpStarted = System.nanoTime();
      List<Trader> traders = new ArrayList<>();
      List<List<String>> watchIds = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<String>>> created = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < users; i++) {
          Trader trader = new Trader(tradewatch, "bench" + i);
          traders.add(trader);
          List<String> bodies =
              i < LISTENERS
                  ? listenerWatches(items, i)
                  : otherWatches(
                      items,
                      share(
                          watches - LISTENERS * LISTENER_WATCHES, users - LISTENERS, i - LISTENERS),
                      random);
          created.add(pool.submit(() -> trader.registerAndWatch(bodies)));
        }
        for (Future<List<String>> ids : created) {
          watchIds.add(ids.get(10, TimeUnit.MINUTES));
        }
      } finally {
        pool.shutdown();
      }
      long total = watchIds.stream().mapToLong(List::size).sum();
      Bench.print("watches.users", users, "traders");
      Bench.print("watches.active", total, "watches");
      Bench.print("watches.setUp", (System.nanoTime() - setUpStarted) / 1e9, "s");

      Map<String, List<Long>> alertedAt = new ConcurrentHashMap<>();
      AtomicLong alerts = new AtomicLong();
      List<WebSocket> sockets = new ArrayList<>();
      WebhookReceiver hooks = new WebhookReceiver();
      try {
        for (int i = 0; i < LISTENERS; i++) {
          sockets.add(traders.get(i).openAlerts(alertedAt, alerts));
          String secret = traders.get(i).setWebhook(hooks.url(i));
          hooks.secrets.put(i, secret);
        }
        boolean latencyOk = latency(simulator, rate, duration, alertedAt, alerts, "socket");
        latencyOk &= figures(lastProbes, hooks.deliveredAt, "webhook");
        Bench.print("watches.webhook.requests", hooks.requests.get(), "requests");
        Bench.print("watches.webhook.badSignatures", hooks.badSignatures.get(), "requests");
        latencyOk &= hooks.badSignatures.get() == 0;

        if (burst <= 0) {
          Bench.print("watches.alertsReceived", alerts.get(), "alerts");
          return latencyOk;
        }
        List<Double> active = new ArrayList<>();
        List<Double> paused = new ArrayList<>();
        boolean[] order = {true, false, false, true};
        boolean watching = true;
        for (boolean wantActive : order) {
          if (wantActive != watching) {
            setPaused(traders, watchIds, !wantActive);
            watching = wantActive;
          }
          double raisedBefore = Bench.metric(tradewatch, "tradewatch_alerts_raised_total");
          double perSecond = burst(simulator, tradewatch, burst);
          (wantActive ? active : paused).add(perSecond);
          String phase = wantActive ? "active" : "paused";
          Bench.print("watches.burst." + phase, perSecond, "events/s");
          double raised = Bench.metric(tradewatch, "tradewatch_alerts_raised_total") - raisedBefore;
          Bench.print("watches.burst." + phase + ".alertsPerEvent", raised / burst, "alerts");
        }
        double withWatches = active.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double without = paused.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        Bench.print("watches.ingestWithWatches", withWatches, "events/s");
        Bench.print("watches.ingestWatchesPaused", without, "events/s");
        Bench.print("watches.ingestRatio", withWatches / without, "");
        Bench.print("watches.alertsReceived", alerts.get(), "alerts");
        return latencyOk;
      } finally {
        sockets.forEach(WebSocket::abort);
        hooks.close();
      }
    }
  }

  /** The items with the most listings, their keys and names, up to {@code wanted}. */
  private static List<JsonObject> items(MicroServer tradewatch, int wanted)
      throws IOException, InterruptedException {
    List<JsonObject> items = new ArrayList<>();
    for (int page = 1; items.size() < wanted; page++) {
      JsonObject answer =
          Bench.parse(tradewatch.get("/api/items?source=bptf&sort=listings&limit=200&page=" + page))
              .asJsonObject();
      List<JsonObject> more = answer.getJsonArray("items").getValuesAs(JsonObject.class);
      if (more.isEmpty()) {
        break;
      }
      items.addAll(more);
    }
    if (items.size() < 2 * LISTENERS * 10) {
      throw new IOException("only " + items.size() + " items after the warm-up");
    }
    return items;
  }

  /**
   * Listener {@code i}'s watches: ten of the hundred busiest items at any price, so that probes of
   * them alert; more would flood the sockets with alerts no trader keeps.
   */
  private static List<String> listenerWatches(List<JsonObject> items, int i) {
    List<String> bodies = new ArrayList<>();
    for (int w = 0; w < LISTENER_WATCHES; w++) {
      JsonObject item = items.get((i * LISTENER_WATCHES + w) % items.size());
      bodies.add(
          Json.createObjectBuilder().add("itemKey", item.getString("itemKey")).build().toString());
    }
    return bodies;
  }

  /**
   * Another trader's watches, as snipers set them: an item (or its name as text, one in four) and a
   * bound just past the market: a sell listing at most 80-98 % of the item's suggested price or
   * best sell, or a buy order at least 102-120 % of its best buy. Most events are looked up; few
   * cross such a bound.
   */
  private static List<String> otherWatches(List<JsonObject> items, int count, Random random) {
    List<String> bodies = new ArrayList<>();
    while (bodies.size() < count) {
      JsonObject item = items.get(random.nextInt(items.size()));
      JsonObjectBuilder body = Json.createObjectBuilder().add("source", "bptf");
      String itemName = item.getString("itemName");
      if (random.nextInt(4) == 0 && itemName.split("[^A-Za-z0-9]+").length <= 8) {
        // The item's name as a trader types it (a watch takes 8 words at most): every word must
        // be in a listing's name.
        body.add("name", itemName);
      } else {
        body.add("itemKey", item.getString("itemKey"));
      }
      double sellReference =
          number(item, "suggested") > 0 ? number(item, "suggested") : best(item, "bestSell");
      double bestBuy = best(item, "bestBuy");
      boolean sell = bestBuy <= 0 || (sellReference > 0 && random.nextBoolean());
      if (sell && sellReference > 0) {
        body.add("intent", "sell");
        body.add("atMost", round(sellReference * (0.80 + random.nextDouble() * 0.18)));
      } else if (!sell) {
        body.add("intent", "buy");
        body.add("atLeast", round(bestBuy * (1.02 + random.nextDouble() * 0.18)));
      } else {
        continue;
      }
      bodies.add(body.build().toString());
    }
    return bodies;
  }

  private static double number(JsonObject item, String name) {
    JsonValue value = item.get(name);
    return value instanceof jakarta.json.JsonNumber number ? number.doubleValue() : 0;
  }

  private static double best(JsonObject item, String side) {
    JsonValue value = item.get(side);
    return value instanceof JsonObject best ? number(best, "value") : 0;
  }

  /** A bound as a trader types it: two decimals, at least 0.01. */
  private static java.math.BigDecimal round(double value) {
    return java.math.BigDecimal.valueOf(Math.max(0.01, value))
        .setScale(2, java.math.RoundingMode.HALF_UP);
  }

  /** Trader {@code index}'s share of {@code total} watches over {@code traders} traders. */
  private static int share(int total, int traders, int index) {
    return total / traders + (index < total % traders ? 1 : 0);
  }

  /** The probes of the latency phase: which listing each named, and when its frame was sent. */
  record Probes(List<String> listings, List<Long> sentMicros) {}

  private Probes lastProbes;

  private boolean latency(
      MicroServer simulator,
      int rate,
      Duration duration,
      Map<String, List<Long>> alertedAt,
      AtomicLong alerts,
      String via)
      throws IOException, InterruptedException {
    simulator.post(
        "/control/bptf/config?restart=false&total=-1&eventsPerSecond="
            + rate
            + "&frameSize="
            + Math.max(1, rate / 10));
    LockSupport.parkNanos(WARM_UP.toNanos());
    Bench.print("watches.warmUp", WARM_UP.toSeconds(), "s at the rate before the first probe");
    long alertsBefore = alerts.get();
    long started = System.nanoTime();
    // Probes are taken back to back (one a frame); the alerts they raised are looked up after.
    List<String> probedListings = new ArrayList<>();
    List<Long> probedAt = new ArrayList<>();
    while (System.nanoTime() - started < duration.toNanos()) {
      JsonObject probe =
          Bench.parse(simulator.post("/control/bptf/probe?timeoutSeconds=30")).asJsonObject();
      probedListings.add(probe.getString("listingId"));
      probedAt.add(probe.getJsonNumber("sentAtMicros").longValue());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long alertsDuring = alerts.get() - alertsBefore;
    LockSupport.parkNanos(ALERT_WAIT.toNanos());
    lastProbes = new Probes(probedListings, probedAt);
    Bench.print("watches.rate", rate, "events/s offered");
    Bench.print("watches.alertRate", alertsDuring / seconds, "alerts/s on the sockets");
    return figures(lastProbes, alertedAt, via);
  }

  /**
   * Prints the time from each probe's frame to its listing's first alert that arrived {@code via} a
   * way; probes whose listing raised none (a bump, another item) are counted apart.
   */
  private static boolean figures(Probes probes, Map<String, List<Long>> arrivals, String via) {
    List<Double> samples = new ArrayList<>();
    int silent = 0;
    for (int i = 0; i < probes.listings().size(); i++) {
      long sent = probes.sentMicros().get(i);
      Long first = null;
      for (long at : arrivals.getOrDefault(probes.listings().get(i), List.of())) {
        if (at >= sent && (first == null || at < first)) {
          first = at;
        }
      }
      if (first == null || first - sent > ALERT_WAIT.toNanos() / 1000) {
        silent++;
      } else {
        samples.add((first - sent) / 1000.0);
      }
    }
    Bench.print("watches." + via + ".samples", samples.size(), "probes that raised an alert");
    Bench.print("watches." + via + ".noAlert", silent, "probes");
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    Bench.print("watches." + via + ".p50", Bench.quantile(sorted, 0.50), "ms");
    Bench.print("watches." + via + ".p99", Bench.quantile(sorted, 0.99), "ms");
    Bench.print(
        "watches." + via + ".max",
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1],
        "ms");
    return !samples.isEmpty();
  }

  /**
   * A loopback receiver of the listeners' webhooks: notes when each alert's listing arrived and
   * checks every request's signature with the secret its trader was shown.
   */
  private final class WebhookReceiver implements AutoCloseable {
    final Map<Integer, String> secrets = new ConcurrentHashMap<>();
    final Map<String, List<Long>> deliveredAt = new ConcurrentHashMap<>();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong badSignatures = new AtomicLong();
    private final com.sun.net.httpserver.HttpServer server;

    WebhookReceiver() throws IOException {
      server =
          com.sun.net.httpserver.HttpServer.create(
              new java.net.InetSocketAddress("127.0.0.1", 0), 64);
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.createContext(
          "/hook/",
          exchange -> {
            Instant now = Instant.now();
            long at = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            int trader =
                Integer.parseInt(exchange.getRequestURI().getPath().substring("/hook/".length()));
            String timestamp = exchange.getRequestHeaders().getFirst("X-Tradewatch-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Tradewatch-Signature");
            if (!signs(secrets.get(trader), timestamp, body, signature)) {
              badSignatures.incrementAndGet();
            }
            JsonObject message =
                Bench.parse(new String(body, StandardCharsets.UTF_8)).asJsonObject();
            if (message.get("alert") instanceof JsonObject alert) {
              deliveredAt
                  .computeIfAbsent(alert.getString("listingId"), id -> new CopyOnWriteArrayList<>())
                  .add(at);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          });
      server.start();
    }

    String url(int trader) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + trader;
    }

    private static boolean signs(String secret, String timestamp, byte[] body, String signature) {
      if (secret == null || timestamp == null || signature == null) {
        return false;
      }
      try {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(
            new javax.crypto.spec.SecretKeySpec(
                secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        return java.security.MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
      } catch (java.security.GeneralSecurityException e) {
        return false;
      }
    }

    @Override
    public void close() {
      server.stop(0);
      ((ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  /** Streams {@code events} at full speed and answers the rate Tradewatch took them at. */
  private static double burst(MicroServer simulator, MicroServer tradewatch, long events)
      throws IOException, InterruptedException {
    simulator.post("/control/bptf/pause");
    awaitQuiet(tradewatch);
    long sent = eventsSent(simulator);
    long accountedBefore = Bench.accounted(Bench.bptfStream(tradewatch));
    simulator.post(
        "/control/bptf/config?restart=false&eventsPerSecond=0&frameSize=500&total="
            + (sent + events));
    simulator.post("/control/bptf/resume");
    long started = 0;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      JsonObject stream = Bench.bptfStream(tradewatch);
      long now = System.nanoTime();
      long accounted = Bench.accounted(stream) - accountedBefore;
      if (started == 0 && accounted > 0) {
        started = now;
      }
      if (accounted >= events && stream.getInt("queueDepth") == 0) {
        return events / ((now - started) / 1e9);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    throw new IOException("Tradewatch did not take a burst of " + events + " events in 10 minutes");
  }

  /** Until Tradewatch has applied all it was sent: nothing queued. */
  private static void awaitQuiet(MicroServer tradewatch) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    long last = -1;
    while (System.nanoTime() < deadline) {
      JsonObject stream = Bench.bptfStream(tradewatch);
      long accounted = Bench.accounted(stream);
      if (accounted == last && stream.getInt("queueDepth") == 0) {
        return;
      }
      last = accounted;
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
    }
    throw new IOException("Tradewatch's queue did not empty within 5 minutes");
  }

  private static void setPaused(List<Trader> traders, List<List<String>> watchIds, boolean paused)
      throws Exception {
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < traders.size(); i++) {
        Trader trader = traders.get(i);
        List<String> ids = watchIds.get(i);
        done.add(
            pool.submit(
                () -> {
                  for (String id : ids) {
                    trader.api("PATCH", "/api/watches/" + id, "{\"paused\":" + paused + "}", 200);
                  }
                  return null;
                }));
      }
      for (Future<?> one : done) {
        one.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdown();
    }
    Bench.print(
        "watches." + (paused ? "pauseAll" : "resumeAll"), (System.nanoTime() - started) / 1e9, "s");
  }

  private static void awaitEvents(MicroServer simulator, long events)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (eventsSent(simulator) < events) {
      if (System.nanoTime() > deadline) {
        throw new IOException("the simulator sent fewer than " + events + " events in 3 minutes");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
    }
  }

  private static long eventsSent(MicroServer simulator) throws IOException, InterruptedException {
    return Bench.parse(simulator.get("/control/bptf/stats"))
        .asJsonObject()
        .getJsonNumber("eventsSent")
        .longValue();
  }

  /** One trader: a browser-like session (cookie and CSRF token) for the form and the REST API. */
  private static final class Trader {
    private final MicroServer tradewatch;
    private final String name;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private String csrf;

    Trader(MicroServer tradewatch, String name) {
      this.tradewatch = tradewatch;
      this.name = name;
      this.http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .cookieHandler(cookies)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
    }

    List<String> registerAndWatch(List<String> bodies) throws IOException, InterruptedException {
      page("/register");
      String form =
          "username="
              + encode(name)
              + "&password="
              + encode(PASSWORD)
              + "&repeat="
              + encode(PASSWORD)
              + "&_csrf="
              + encode(csrf);
      HttpResponse<String> registered =
          http.send(
              HttpRequest.newBuilder(URI.create(tradewatch.url("/register")))
                  .timeout(Duration.ofSeconds(60))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String next = registered.headers().firstValue("Location").orElse("");
      if (registered.statusCode() != 303 || next.contains("login")) {
        throw new IOException(
            name + " could not register: " + registered.statusCode() + " to '" + next + "'");
      }
      page("/watches");
      List<String> ids = new ArrayList<>();
      for (String body : bodies) {
        ids.add(Bench.parse(api("POST", "/api/watches", body, 201)).asJsonObject().getString("id"));
      }
      return ids;
    }

    String api(String method, String path, String body, int expected)
        throws IOException, InterruptedException {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(tradewatch.url(path)))
                  .timeout(Duration.ofSeconds(60))
                  .header("Content-Type", "application/json")
                  .header("X-CSRF-Token", csrf)
                  .method(method, HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != expected) {
        throw new IOException(
            method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
      }
      return answer.body();
    }

    /** Sets the trader's webhook to {@code url}; answers the secret, shown this once. */
    String setWebhook(String url) throws IOException, InterruptedException {
      String body = Json.createObjectBuilder().add("url", url).build().toString();
      return Bench.parse(api("PUT", "/api/webhook", body, 201)).asJsonObject().getString("secret");
    }

    /** Opens the per-user alert socket; each alert's arrival is noted by its listing. */
    WebSocket openAlerts(Map<String, List<Long>> alertedAt, AtomicLong alerts) throws Exception {
      String session =
          cookies.getCookieStore().getCookies().stream()
              .filter(cookie -> cookie.getName().equals("TRADEWATCH_SESSION"))
              .map(HttpCookie::getValue)
              .findFirst()
              .orElseThrow(() -> new IOException(name + " has no session"));
      WebSocket.Listener listener =
          new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
              partial.append(data);
              if (last) {
                Instant now = Instant.now();
                long at = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
                JsonObject message = Bench.parse(partial.toString()).asJsonObject();
                partial.setLength(0);
                if ("alert".equals(message.getString("event"))) {
                  alerts.incrementAndGet();
                  JsonValue data2 = message.get("data");
                  if (data2 instanceof JsonObject alert) {
                    alertedAt
                        .computeIfAbsent(
                            alert.getString("listingId"), id -> new CopyOnWriteArrayList<>())
                        .add(at);
                  }
                }
              }
              socket.request(1);
              return null;
            }
          };
      return HttpClient.newHttpClient()
          .newWebSocketBuilder()
          .header("Cookie", "TRADEWATCH_SESSION=" + session)
          .buildAsync(
              URI.create("ws://127.0.0.1:" + tradewatch.port + "/api/alerts/live"), listener)
          .get(30, TimeUnit.SECONDS);
    }

    /** Reads a page for its CSRF token, as a browser's form would. */
    private void page(String path) throws IOException, InterruptedException {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(tradewatch.url(path)))
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher matcher = CSRF.matcher(answer.body());
      if (answer.statusCode() != 200 || !matcher.find()) {
        throw new IOException(
            path
                + " gave no CSRF token: "
                + answer.statusCode()
                + " "
                + answer.body().substring(0, Math.min(2000, answer.body().length())));
      }
      csrf = matcher.group(1);
    }

    private static String encode(String text) {
      return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
  }
}
