package org.tradewatch.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tradewatch.core.webhook.WebhookSignature;

/**
 * Webhooks on the real WAR fed by the simulator (issue #22, "alerts delivered three ways", 3), with
 * a receiver on loopback in this test: a trader's alerts reach it signed with the secret shown
 * once, and a delivery answered 500 is tried again and gets through; at most 10 requests of a user
 * are in flight, the oldest waiting are dropped past the user's bound (40 here), and another user's
 * deliveries go on meanwhile; the delivery log shows each attempt; a bad address is refused naming
 * the field, and writes need a login and the page's token. In Chromium, the Watches page shows the
 * secret once, sends a test and shows it in the log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhooksIT extends BrowserIT {

  /** Every secret the tests were shown, to look for in the server log and database at the end. */
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  private static final String PASSWORD = "correct horse battery";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_PENDING = 40;

  /** A small bound, a quick first retry and a long timeout, so the test holds requests freely. */
  @Deployment(testable = false)
  static WebArchive tradewatch() {
    return war(
        "webhooks",
        "tradewatch.webhooks.max-pending=" + MAX_PENDING,
        "tradewatch.webhooks.retry.first-delay-millis=300",
        "tradewatch.webhooks.timeout-millis=60000");
  }

  @BeforeAll
  static void awaitTheSimulator() {
    new Simulator().awaitUp();
  }

  @Test
  void alertsArriveSignedAndADeliveryAnswered500IsTriedAgain() throws Exception {
    try (Receiver receiver = new Receiver()) {
      receiver.failFirstAttempts = true;
      Http.Visitor alice = registered("hooked");
      Http.Answer made =
          alice.api("PUT", "/api/webhook", "{\"url\": \"" + receiver.url() + "\"}", true);
      assertEquals(201, made.status(), made.body());
      String secret = made.object().getString("secret");
      SECRETS.add(secret);
      assertTrue(secret.startsWith("whsec_"), "a secret, shown once");
      assertEquals(secret.substring(secret.length() - 4), made.object().getString("secretHint"));
      JsonObject shown = alice.api("GET", "/api/webhook", null, false).object();
      assertFalse(shown.containsKey("secret"), "never shown again: " + shown);
      assertEquals(receiver.url(), shown.getString("url"));
      Http.Answer moved =
          alice.api("PUT", "/api/webhook", "{\"url\": \"" + receiver.url() + "\"}", true);
      assertEquals(200, moved.status(), moved.body());
      assertFalse(moved.object().containsKey("secret"), "the secret stays: " + moved.body());

      String word = CommonWord.await(api("listings?source=bptf&limit=500"), PATIENCE);
      Http.Answer watch =
          alice.api(
              "POST", "/api/watches", "{\"name\": \"" + word + "\", \"source\": \"bptf\"}", true);
      assertEquals(201, watch.status(), watch.body());
      String watchId = watch.object().getString("id");

      Received retried =
          Eventually.await(
              "an alert delivered on its second attempt, after a 500",
              PATIENCE,
              () ->
                  receiver.received.stream()
                      .filter(r -> r.attempt() == 2 && r.status() == 200)
                      .findFirst()
                      .orElse(null));
      assertEquals("alert", retried.header("X-Tradewatch-Event"));
      JsonObject body = parse(retried.body()).asJsonObject();
      assertEquals("alert", body.getString("event"));
      assertEquals(retried.delivery(), body.getString("delivery"));
      JsonObject alert = body.getJsonObject("alert");
      assertEquals(watchId, alert.getString("watchId"));
      assertTrue(
          alert.getString("itemName").toLowerCase(Locale.ROOT).contains(word), alert.toString());
      JsonObject stored =
          alice.api("GET", "/api/alerts/" + alert.getString("id"), null, false).object();
      assertEquals(stored, alert, "the body holds the alert as the API has it");
      Received first =
          receiver.received.stream()
              .filter(r -> r.delivery().equals(retried.delivery()) && r.attempt() == 1)
              .findFirst()
              .orElseThrow();
      assertEquals(500, first.status());
      assertEquals(first.body(), retried.body(), "the same body on every attempt");

      // Every request is signed with the secret over its timestamp and body, recently.
      for (Received request : List.copyOf(receiver.received)) {
        long timestamp = Long.parseLong(request.header(WebhookSignature.TIMESTAMP_HEADER));
        assertTrue(
            Math.abs(Instant.now().getEpochSecond() - timestamp) < 300, "a current timestamp");
        assertTrue(
            WebhookSignature.verify(
                secret, timestamp, request.body(), request.header("X-Tradewatch-Signature")),
            "signed: " + request.header("X-Tradewatch-Signature"));
        assertFalse(
            WebhookSignature.verify(
                secret, timestamp + 1, request.body(), request.header("X-Tradewatch-Signature")),
            "another time would not verify, so a replay cannot be re-timed");
        assertEquals("application/json", request.header("Content-Type"));
      }

      // The log has both attempts: the 500 with when it was to be tried again, then the 200.
      JsonObject log = alice.api("GET", "/api/webhook/deliveries?limit=200", null, false).object();
      List<JsonObject> lines =
          log.getJsonArray("attempts").stream()
              .map(JsonValue::asJsonObject)
              .filter(line -> line.getString("deliveryId").equals(retried.delivery()))
              .toList();
      assertEquals(2, lines.size(), log.toString());
      JsonObject second = lines.get(0);
      JsonObject failed = lines.get(1);
      assertEquals(2, second.getInt("attempt"));
      assertEquals(200, second.getInt("statusCode"));
      assertEquals("delivered", second.getString("outcome"));
      assertEquals(JsonValue.NULL, second.get("nextRetryAt"));
      assertEquals(alert.getString("id"), second.getString("alertId"));
      assertEquals(1, failed.getInt("attempt"));
      assertEquals(500, failed.getInt("statusCode"));
      assertEquals("retry", failed.getString("outcome"));
      Instant retryAt = Instant.parse(failed.getString("nextRetryAt"));
      Instant failedAt = Instant.parse(failed.getString("at"));
      long waited = Duration.between(failedAt, retryAt).toMillis();
      assertTrue(waited >= 150 && waited <= 300, "300 ms, jittered in its upper half: " + waited);

      Map<String, Double> metrics = Prometheus.scrape(base.getPort());
      assertTrue(
          Prometheus.metric(metrics, "tradewatch_webhook_deliveries_total{outcome=retry}") >= 1);
      assertTrue(
          Prometheus.metric(metrics, "tradewatch_webhook_deliveries_total{outcome=delivered}")
              >= 1);

      // Removed, the webhook gets nothing more; the log stays.
      assertEquals(204, alice.api("DELETE", "/api/webhook", null, true).status());
      assertEquals(404, alice.api("GET", "/api/webhook", null, false).status());
      int before = receiver.received.size();
      // A sentinel: a new webhook's test queues in the same lane behind whatever was waiting, so
      // once it arrives every delivery made before the removal has been sent or dropped.
      try (Receiver sentinel = new Receiver()) {
        assertEquals(
            201,
            alice
                .api("PUT", "/api/webhook", "{\"url\": \"" + sentinel.url() + "\"}", true)
                .status());
        Http.Answer test = alice.api("POST", "/api/webhook/test", null, true);
        assertEquals(202, test.status(), test.body());
        String sentinelId = test.object().getString("deliveryId");
        Eventually.awaitTrue(
            "the sentinel's test delivered",
            PATIENCE,
            () -> sentinel.received.stream().anyMatch(r -> r.delivery().equals(sentinelId)));
      }
      assertEquals(204, alice.api("DELETE", "/api/webhook", null, true).status());
      int late = receiver.received.size() - before;
      assertTrue(late <= 10, "at most what was in flight as it went: " + late);
      assertFalse(
          alice
              .api("GET", "/api/webhook/deliveries", null, false)
              .object()
              .getJsonArray("attempts")
              .isEmpty());
      alice.api("DELETE", "/api/watches/" + watchId, null, true);
    }
  }

  @Test
  void atMostTenInFlightPerUserTheOldestDroppedPastTheBoundAndOthersUnslowed() throws Exception {
    try (Receiver slow = new Receiver();
        Receiver fast = new Receiver()) {
      slow.hold = new CountDownLatch(1);
      Http.Visitor carol = registered("slow");
      Http.Visitor dan = registered("fast");
      assertEquals(
          201,
          carol.api("PUT", "/api/webhook", "{\"url\": \"" + slow.url() + "\"}", true).status());
      assertEquals(
          201, dan.api("PUT", "/api/webhook", "{\"url\": \"" + fast.url() + "\"}", true).status());

      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 10 + MAX_PENDING + 10; i++) {
        Http.Answer test = carol.api("POST", "/api/webhook/test", null, true);
        assertEquals(202, test.status(), test.body());
        sent.add(test.object().getString("deliveryId"));
      }
      Eventually.awaitTrue("ten requests in flight", PATIENCE, () -> slow.inFlight.get() == 10);

      // Dan's webhook is not behind Carol's.
      long start = System.nanoTime();
      Http.Answer dans = dan.api("POST", "/api/webhook/test", null, true);
      Eventually.awaitTrue(
          "Dan's test delivered",
          Duration.ofSeconds(10),
          () ->
              fast.received.stream()
                  .anyMatch(r -> r.delivery().equals(dans.object().getString("deliveryId"))));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(millis < 5_000, "Dan's test took " + millis + " ms");

      // The ten oldest waiting (not those in flight) were dropped, and logged so.
      List<String> expectedDropped = sent.subList(10, 20);
      JsonObject droppedLog =
          Eventually.await(
              "ten drops in the log",
              PATIENCE,
              () -> {
                JsonObject log =
                    carol.api("GET", "/api/webhook/deliveries?limit=200", null, false).object();
                return dropped(log).size() == 10 ? log : null;
              });
      assertEquals(Set.copyOf(expectedDropped), dropped(droppedLog));
      assertEquals(10, slow.peak.get(), "never more than 10 in flight");
      assertEquals(
          10 + MAX_PENDING,
          carol.api("GET", "/api/webhook", null, false).object().getInt("pending"),
          "the ten in flight and the bound waiting");

      slow.hold.countDown();
      Eventually.awaitTrue(
          "the rest delivered",
          PATIENCE,
          () ->
              carol
                      .api("GET", "/api/webhook/deliveries?limit=200", null, false)
                      .object()
                      .getJsonArray("attempts")
                      .stream()
                      .filter(l -> l.asJsonObject().getString("outcome").equals("delivered"))
                      .count()
                  == 10 + MAX_PENDING);
      assertEquals(10, slow.peak.get(), "never more than 10 in flight");
      Set<String> delivered = new HashSet<>();
      slow.received.forEach(r -> delivered.add(r.delivery()));
      Set<String> expected = new HashSet<>(sent);
      expectedDropped.forEach(expected::remove);
      assertEquals(expected, delivered, "all but the dropped, each once");
      assertEquals(10 + MAX_PENDING, slow.received.size(), "nothing twice");
      assertTrue(
          Prometheus.metric(
                  Prometheus.scrape(base.getPort()),
                  "tradewatch_webhook_deliveries_total{outcome=dropped}")
              >= 10);
      assertEquals(0, carol.api("GET", "/api/webhook", null, false).object().getInt("pending"));
    }
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void theServerLogAndTheDatabaseHoldNoSecret() throws IOException {
    Http.Visitor gina = registered("gina");
    String url = "https://hooks.example.com/" + Integer.toHexString(RANDOM.nextInt());
    Http.Answer made = gina.api("PUT", "/api/webhook", "{\"url\": \"" + url + "\"}", true);
    assertEquals(201, made.status(), made.body());
    SECRETS.add(made.object().getString("secret"));

    Path target = Path.of(System.getProperty("tradewatch.war")).getParent();
    StringBuilder log = new StringBuilder();
    try (Stream<Path> files = Files.list(target)) {
      for (Path file :
          files.filter(p -> p.getFileName().toString().startsWith("it-server.log")).toList()) {
        log.append(Files.readString(file, StandardCharsets.ISO_8859_1));
      }
    }
    assertTrue(log.toString().contains("/api/webhook"), "the right log");
    Path database = target.resolve("it-db");
    Eventually.awaitTrue(
        "the database file to hold the webhook", PATIENCE, () -> text(database).contains(url));
    String stored = text(database);
    assertTrue(SECRETS.size() >= 5, "secrets seen: " + SECRETS.size());
    for (String secret : SECRETS) {
      assertFalse(log.toString().contains(secret), "a secret is in the server log");
      assertFalse(stored.contains(secret), "a secret is in the database file");
    }
  }

  private static String text(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      StringBuilder text = new StringBuilder();
      for (Path file : files.toList()) {
        text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
      return text.toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Set<String> dropped(JsonObject log) {
    Set<String> ids = new HashSet<>();
    for (JsonValue line : log.getJsonArray("attempts")) {
      JsonObject attempt = line.asJsonObject();
      if (attempt.getString("outcome").equals("dropped")) {
        assertEquals(JsonValue.NULL, attempt.get("statusCode"));
        assertTrue(attempt.getString("error").contains("waiting"), attempt.toString());
        ids.add(attempt.getString("deliveryId"));
      }
    }
    return ids;
  }

  @Test
  void aBadAddressIsRefusedNamingTheFieldAndWritesNeedALoginAndTheToken() {
    Http.Visitor erin = registered("erin");
    for (String body :
        List.of(
            "{\"url\": \"http://hooks.example.com/x\"}",
            "{\"url\": \"ftp://hooks.example.com/x\"}",
            "{\"url\": \"https://user:pw@hooks.example.com/x\"}",
            "{\"url\": 5}",
            "{}")) {
      Http.Answer answer = erin.api("PUT", "/api/webhook", body, true);
      assertEquals(400, answer.status(), body + ": " + answer.body());
      assertTrue(answer.object().getString("message").startsWith("url:"), answer.body());
    }
    Http.Answer unknown =
        erin.api("PUT", "/api/webhook", "{\"url\": \"https://a.example\", \"x\": 1}", true);
    assertTrue(unknown.object().getString("message").startsWith("x:"), unknown.body());
    assertEquals(404, erin.api("GET", "/api/webhook", null, false).status());
    assertEquals(404, erin.api("POST", "/api/webhook/test", null, true).status());
    assertEquals(404, erin.api("POST", "/api/webhook/secret", null, true).status());
    assertEquals(
        403,
        erin.api("PUT", "/api/webhook", "{\"url\": \"https://a.example/\"}", false).status(),
        "no CSRF token");
    assertEquals(404, erin.api("GET", "/api/webhook", null, false).status(), "nothing was set");
    Http.Visitor anonymous = new Http.Visitor(root());
    assertEquals(401, anonymous.api("GET", "/api/webhook", null, false).status());
    assertEquals(401, anonymous.api("GET", "/api/webhook/deliveries", null, false).status());
    assertEquals(
        400, erin.api("GET", "/api/webhook/deliveries?limit=0", null, false).status(), "limit");

    Http.Answer made =
        erin.api("PUT", "/api/webhook", "{\"url\": \"https://hooks.example.com/e\"}", true);
    assertEquals(201, made.status(), made.body());
    Http.Answer rotated = erin.api("POST", "/api/webhook/secret", null, true);
    assertEquals(200, rotated.status(), rotated.body());
    SECRETS.add(made.object().getString("secret"));
    SECRETS.add(rotated.object().getString("secret"));
    assertNotEquals(made.object().getString("secret"), rotated.object().getString("secret"));
    // Another user sees none of it.
    Http.Visitor frank = registered("frank");
    assertEquals(404, frank.api("GET", "/api/webhook", null, false).status());
    assertEquals(
        0,
        frank
            .api("GET", "/api/webhook/deliveries", null, false)
            .object()
            .getJsonArray("attempts")
            .size());
    assertEquals(204, erin.api("DELETE", "/api/webhook", null, true).status());
  }

  @Test
  void theWatchesPageShowsTheSecretOnceAndTheLogInChromium() throws Exception {
    try (Receiver receiver = new Receiver()) {
      Browser browser = browser();
      signUp(browser);
      String item = "bptf.440.Team_Captain.q-Unusual";
      browser.open("/watches?item=" + item).await("#watch-form", PATIENCE);
      assertEquals(item, browser.find("#watch-item").getDomProperty("value"), "?item= fills in");
      assertTrue(browser.has("#webhook-log-empty"));

      browser.type("#webhook-url", "http://hooks.example.com/x").click("#webhook-save");
      browser.await("#webhook-error", PATIENCE);
      assertTrue(browser.text("#webhook-error").startsWith("url:"), browser.text("#webhook-error"));

      browser.type("#webhook-url", receiver.url()).click("#webhook-save");
      String secret = browser.await("#webhook-secret", PATIENCE).getText();
      SECRETS.add(secret);
      assertTrue(secret.startsWith("whsec_"), secret);
      browser.screenshot("webhook-secret");
      browser.open("/watches").await("#webhook-hint", PATIENCE);
      assertFalse(browser.has("#webhook-secret"), "shown once");
      assertFalse(browser.source().contains(secret), "nowhere on the page");
      assertEquals(secret.substring(secret.length() - 4), browser.text("#webhook-hint"));
      assertEquals(receiver.url(), browser.find("#webhook-url").getDomProperty("value"));

      browser.click("#webhook-test");
      Eventually.awaitTrue(
          "the test in the log",
          PATIENCE,
          () ->
              browser.open("/watches").has("tr.webhook-attempt.delivered")
                  && browser.text("tr.webhook-attempt .webhook-result").contains("HTTP 200"));
      assertEquals("1", browser.text("tr.webhook-attempt .webhook-attempt-number"));
      Received test = receiver.received.get(0);
      assertEquals("test", parse(test.body()).asJsonObject().getString("event"));
      assertTrue(
          WebhookSignature.verify(
              secret,
              Long.parseLong(test.header(WebhookSignature.TIMESTAMP_HEADER)),
              test.body(),
              test.header("X-Tradewatch-Signature")),
          "signed with the secret the page showed");
      browser.screenshot("webhook-log");

      browser.click("#webhook-rotate");
      String rotated = browser.await("#webhook-secret", PATIENCE).getText();
      SECRETS.add(rotated);
      assertNotEquals(secret, rotated);
      browser.open("/watches").await("#webhook-remove", PATIENCE);
      browser.click("#webhook-remove");
      Eventually.awaitTrue("the webhook removed", PATIENCE, () -> !browser.has("#webhook-hint"));
      assertTrue(browser.has("tr.webhook-attempt"), "the log stays");

      browser.phone(390, 844);
      browser.open("/watches").await("#webhook", PATIENCE);
      long width =
          ((Number) browser.script("return document.documentElement.scrollWidth;")).longValue();
      assertTrue(width <= 390, "/watches is " + width + " px wide at 390");
    }
  }

  private static void signUp(Browser browser) {
    String name = "paged_" + Integer.toHexString(RANDOM.nextInt(1 << 24));
    browser.open("/register").await("#register-form", PATIENCE);
    browser.type("#username", name).type("#password", PASSWORD).type("#repeat", PASSWORD);
    browser.click("#register-form button[type=submit]").await(".site-nav .user", PATIENCE);
  }

  private Http.Visitor registered(String prefix) {
    String name = prefix + "_" + Integer.toHexString(RANDOM.nextInt(1 << 24));
    Http.Visitor visitor = new Http.Visitor(root());
    Http.Answer answer =
        visitor.post("/register", "username", name, "password", PASSWORD, "repeat", PASSWORD);
    assertEquals(303, answer.status(), answer.body());
    assertEquals(200, visitor.get("/").status(), "a page, for the session's CSRF token");
    return visitor;
  }

  private static JsonValue parse(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }

  /** A request the receiver answered, and how. */
  record Received(Map<String, String> headers, String body, int status) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String delivery() {
      return header("X-Tradewatch-Delivery");
    }

    int attempt() {
      return Integer.parseInt(header("X-Tradewatch-Attempt"));
    }
  }

  /**
   * A webhook receiver on loopback: records each request, counts those in hand at once, holds them
   * while {@link #hold} is closed, and answers 500 to each delivery's first attempt when {@link
   * #failFirstAttempts}.
   */
  static final class Receiver implements AutoCloseable {

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    volatile boolean failFirstAttempts;
    volatile CountDownLatch hold = new CountDownLatch(0);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
      server.createContext("/hook", this::handle);
      server.setExecutor(threads);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private void handle(HttpExchange exchange) throws IOException {
      int now = inFlight.incrementAndGet();
      peak.accumulateAndGet(now, Math::max);
      boolean counted = true;
      try {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        exchange
            .getRequestHeaders()
            .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        try {
          hold.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        String delivery = headers.get("x-tradewatch-delivery");
        int status = failFirstAttempts && delivery != null && failedOnce.add(delivery) ? 500 : 200;
        received.add(new Received(headers, body, status));
        // Out of hand before the answer leaves: the sender may start its next request at once.
        inFlight.decrementAndGet();
        counted = false;
        exchange.sendResponseHeaders(status, -1);
      } finally {
        if (counted) {
          inFlight.decrementAndGet();
        }
        exchange.close();
      }
    }

    @Override
    public void close() {
      hold.countDown();
      server.stop(0);
      threads.shutdownNow();
    }
  }
}
