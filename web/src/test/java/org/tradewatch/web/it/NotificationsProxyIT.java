package org.tradewatch.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The notifications proxy end to end, black-box: Tradewatch's WAR on Payara Micro in front of the
 * simulator's notifications API, checked through HTTP, the simulator's counters and, for the
 * Notifications and Settings pages, headless Chromium. One deployment; the tests run in order (the
 * circuit-breaker test leaves upstream failing for a while, the log check comes last). Every test
 * uses tokens of its own, so counters are never shared.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationsProxyIT extends DeployedIT {

  private static final String EXAMPLE_TOKEN = "5904cbeb0e2cad7f621c0a85";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Every token the tests used, to look for in the server log at the end. */
  private static final Set<String> TOKENS_USED = ConcurrentHashMap.newKeySet();

  private static final String PASSWORD = "correct horse battery";

  private static String upstream;
  private static String storedId;
  private static Browser browser;

  /** The page-load budget of this deployment: one upstream search per token per 3 s. */
  private static final int PAGE_LOAD_SECONDS = 3;

  /**
   * The real WAR, with the events consumer switched off through a config file of higher ordinal
   * than the build's system properties: this deployment needs no stream, and the simulator's stream
   * counters stay BptfStreamIT's alone, whichever runs first. Pages load at most every 3 s per
   * token rather than every second, so that a second load right after a first is refused whatever
   * the machine's pace.
   */
  @Deployment(testable = false)
  static WebArchive tradewatch() {
    return war(
        "notifications-it",
        "tradewatch.sources=notifications",
        "tradewatch.notifications.page-load-interval-millis=" + PAGE_LOAD_SECONDS * 1000);
  }

  @BeforeAll
  static void simulatorIsUp() {
    new Simulator().awaitUp();
    upstream = simulator("");
    TOKENS_USED.add(EXAMPLE_TOKEN);
    // The simulator's first notifications request starts its JAX-RS resource; on a busy machine
    // that alone can take longer than the proxy's timeout.
    Eventually.awaitTrue(
        "the simulator's notifications API to answer",
        PATIENCE,
        () -> send("GET", direct("search/v1")).status() == 401);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  record Reply(int status, String body, HttpResponse<String> response) {
    JsonObject json() {
      return Json.createReader(new StringReader(body)).readObject();
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  private static Reply send(String method, String url) {
    return send(method, url, null, null);
  }

  /** Sends {@code body} as {@code contentType}, or no body when it is null. */
  private static Reply send(String method, String url, String contentType, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", contentType);
      request.method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String proxy(String pathAndQuery) {
    return api("notifications/" + pathAndQuery);
  }

  private static String direct(String pathAndQuery) {
    return upstream + "/api/notifications/" + pathAndQuery;
  }

  private static JsonObject control(String method, String pathAndQuery) {
    Reply reply = send(method, upstream + "/control/notifications/" + pathAndQuery);
    assertEquals(200, reply.status(), pathAndQuery + " -> " + reply.body());
    return reply.json();
  }

  /** A token the simulator has never seen, given {@code count} unread notifications of types. */
  private static String newToken(int count, String extra) {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    TOKENS_USED.add(token);
    if (count > 0) {
      control("POST", "add?token=" + token + "&count=" + count + extra);
    }
    return token;
  }

  /** Adds {@code count} notifications of type 11 to {@code folder}, sent at {@code sent}. */
  private static List<String> add(String token, int count, int folder, long sent) {
    return control(
            "POST",
            "add?token="
                + token
                + "&count="
                + count
                + "&folder="
                + folder
                + "&type=11&sent="
                + sent)
        .getJsonArray("ids")
        .getValuesAs(JsonString.class)
        .stream()
        .map(JsonString::getString)
        .toList();
  }

  /** The ids of a search answer, in order. */
  private static List<String> ids(Reply reply) {
    return reply.json().getJsonArray("notifications").stream()
        .map(n -> n.asJsonObject().getString("id"))
        .toList();
  }

  private static long upstreamRequests(String token, String endpoint) {
    JsonObject requests = control("GET", "stats").getJsonObject("requests");
    JsonObject mine = requests.getJsonObject(token);
    return mine == null || !mine.containsKey(endpoint)
        ? 0
        : mine.getJsonNumber(endpoint).longValue();
  }

  private static void assertErrorWithoutToken(Reply reply, int status, String token) {
    assertEquals(status, reply.status(), reply.body());
    String message = reply.json().getString("message");
    assertFalse(message.isBlank());
    assertFalse(reply.body().contains(token), "no token in " + reply.body());
  }

  @Test
  @Order(1)
  void theDocumentedExampleIsUpstreamsJsonUnchanged() {
    Reply proxied = send("GET", proxy("search/v1?filter=4&token=" + EXAMPLE_TOKEN));
    assertEquals(200, proxied.status(), proxied.body());
    Reply direct = send("GET", direct("search/v1?filter=4&token=" + EXAMPLE_TOKEN));
    assertEquals(direct.json(), proxied.json());
    assertEquals("upstream", proxied.header("X-Tradewatch-Source"));
    assertEquals("false", proxied.header("X-Tradewatch-Stale"));
    assertNotNull(proxied.header("Age"));
    JsonObject json = proxied.json();
    assertEquals(16, json.getInt("folder_count"));
    assertEquals(60, json.getInt("page_size"));
    assertEquals(0, json.getInt("skip"));
    JsonArray notifications = json.getJsonArray("notifications");
    assertEquals(
        List.of(
            "58dfdee838a32f009d454ed8",
            "58dfdd4238a32f00927ef259",
            "58dfdd3e38a32f00927ef257",
            "58dfdbb238a32f009939ac14"),
        notifications.stream().map(n -> n.asJsonObject().getString("id")).toList());
    assertEquals(
        "Non-Craftable Unlocked Winter 2016 Cosmetic Case",
        notifications
            .getJsonObject(0)
            .getJsonObject("data")
            .getJsonObject("listing")
            .getJsonObject("item")
            .getString("name"));

    long asked = upstreamRequests(EXAMPLE_TOKEN, "search");
    Reply again = send("GET", proxy("search/v1?filter=4&token=" + EXAMPLE_TOKEN));
    assertEquals("store", again.header("X-Tradewatch-Source"));
    assertEquals(proxied.json(), again.json(), "the stored copy answers the same JSON");
    assertEquals(
        asked, upstreamRequests(EXAMPLE_TOKEN, "search"), "the second came from the store");
  }

  @Test
  @Order(2)
  void badRequestsAreRefusedNamingTheParameterAndNeverReachUpstream() {
    String token = newToken(1, "");
    String[][] cases = {
      {"GET", "search/v1?folder=2", "folder", "0 (inbox) or 1 (archive)"},
      {"GET", "search/v1?folder=inbox", "folder", "0 (inbox) or 1 (archive)"},
      {"GET", "search/v1?filter=5", "filter", "6 (Issues)"},
      {"GET", "search/v1?filter=-1", "filter", "4 (Subscriptions)"},
      {"GET", "search/v1?since=-1", "since", "non-negative"},
      {"GET", "search/v1?since=today", "since", "non-negative"},
      {"GET", "search/v1?skip=x", "skip", "0 to"},
      {"DELETE", "folder/v1", "folder", "required"},
      {"DELETE", "folder/v1?folder=3", "folder", "0 (inbox) or 1 (archive)"},
      {"PATCH", "folder/v1", "folder", "required"},
      {"PATCH", "folder/v1?folder=01x", "folder", "0 (inbox) or 1 (archive)"},
      {"DELETE", "notification/v1", "ids", "required"},
      {"DELETE", "notification/v1?ids=", "ids", "required"},
      {"DELETE", "notification/v1?ids=58dfdee838a32f009d454ed8,nope", "ids", "24 hex digits"},
      {
        "DELETE",
        "notification/v1?ids=58dfdee838a32f009d454ed8,,58dfdd4238a32f00927ef259",
        "ids",
        "none empty"
      },
    };
    for (String[] c : cases) {
      String separator = c[1].contains("?") ? "&" : "?";
      Reply reply = send(c[0], proxy(c[1] + separator + "token=" + token));
      assertEquals(400, reply.status(), c[0] + " " + c[1] + " -> " + reply.body());
      String message = reply.json().getString("message");
      assertTrue(message.startsWith(c[2] + ":"), c[1] + " names " + c[2] + ": " + message);
      assertTrue(message.contains(c[3]), c[1] + " says " + c[3] + ": " + message);
    }
    for (String[] noToken :
        new String[][] {
          {"GET", "search/v1"},
          {"DELETE", "folder/v1?folder=0"},
          {"PATCH", "folder/v1?folder=0"},
          {"DELETE", "notification/v1?ids=58dfdee838a32f009d454ed8"},
          {"GET", "search/v1?token="}
        }) {
      Reply reply = send(noToken[0], proxy(noToken[1]));
      assertEquals(401, reply.status(), noToken[1] + " -> " + reply.body());
      assertTrue(reply.json().getString("message").contains("token"), reply.body());
    }
    assertEquals(
        0,
        control("GET", "stats")
            .getJsonObject("requests")
            .getOrDefault(token, JsonValue.EMPTY_JSON_OBJECT)
            .asJsonObject()
            .size(),
        "refused requests never reach upstream");
  }

  @Test
  @Order(3)
  void fiftyConcurrentSearchesForOneTokenMakeOneUpstreamCall() {
    String token = newToken(70, "");
    long started = System.nanoTime();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      answers.add(
          CLIENT.sendAsync(
              HttpRequest.newBuilder(URI.create(proxy("search/v1?token=" + token)))
                  .timeout(Duration.ofSeconds(60))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    List<HttpResponse<String>> responses = answers.stream().map(CompletableFuture::join).toList();
    long millis = (System.nanoTime() - started) / 1_000_000;
    Map<String, Long> sources =
        responses.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.headers().firstValue("X-Tradewatch-Source").orElse("?"),
                    Collectors.counting()));
    System.out.println("50 concurrent searches for one token: " + millis + " ms, " + sources);
    Set<JsonObject> bodies =
        responses.stream()
            .peek(r -> assertEquals(200, r.statusCode(), r.body()))
            .map(r -> Json.createReader(new StringReader(r.body())).readObject())
            .collect(Collectors.toSet());
    assertEquals(1, bodies.size(), "every client got the same answer");
    JsonObject answer = bodies.iterator().next();
    assertEquals(70, answer.getInt("folder_count"));
    assertEquals(60, answer.getJsonArray("notifications").size());
    assertEquals(1, upstreamRequests(token, "search"), "one upstream search for 50 clients");
    assertEquals(Map.of("upstream", 1L, "store", 49L), sources);
  }

  @Test
  @Order(4)
  void markReadThenSearchAgreesWithoutAnotherUpstreamSearch() {
    String token = newToken(5, "&type=11&unread=true");
    JsonObject before = send("GET", proxy("search/v1?token=" + token)).json();
    assertEquals(
        5,
        before.getJsonArray("notifications").stream()
            .filter(n -> n.asJsonObject().containsKey("unread"))
            .count());

    Reply marked = send("PATCH", proxy("folder/v1?folder=0&token=" + token));
    assertEquals(200, marked.status(), marked.body());
    assertEquals(5, marked.json().getInt("modified"));

    Reply after = send("GET", proxy("search/v1?token=" + token));
    assertEquals("store", after.header("X-Tradewatch-Source"));
    assertEquals(1, upstreamRequests(token, "search"), "the search after it came from the store");
    assertEquals(
        send("GET", direct("search/v1?token=" + token)).json(),
        after.json(),
        "the stored copy agrees with upstream after the mutation");
    assertFalse(after.body().contains("unread"), after.body());
    assertEquals(1, upstreamRequests(token, "folder-patch"));

    Reply emptied = send("DELETE", proxy("folder/v1?folder=0&token=" + token));
    assertEquals(5, emptied.json().getInt("modified"));
    JsonObject empty = send("GET", proxy("search/v1?token=" + token)).json();
    assertEquals(0, empty.getInt("folder_count"));
    assertEquals(0, empty.getJsonArray("notifications").size());
    assertEquals(
        2, upstreamRequests(token, "search"), "Tradewatch's one search and this test's direct one");
  }

  @Test
  @Order(5)
  void deleting450IdsMakesThreeUpstreamDeletesAndSumsModified() {
    String token = newToken(0, "");
    JsonArray ids =
        control("POST", "add?token=" + token + "&count=450&folder=0").getJsonArray("ids");
    assertEquals(200, send("GET", proxy("search/v1?token=" + token)).status());
    String list =
        ids.stream()
            .map(v -> ((jakarta.json.JsonString) v).getString())
            .collect(Collectors.joining(","));

    Reply deleted = send("DELETE", proxy("notification/v1?token=" + token + "&ids=" + list));
    assertEquals(200, deleted.status(), deleted.body());
    assertEquals(450, deleted.json().getInt("modified"));
    assertEquals(3, upstreamRequests(token, "notification-delete"));

    Reply after = send("GET", proxy("search/v1?token=" + token));
    assertEquals(0, after.json().getInt("folder_count"), after.body());
    assertEquals(send("GET", direct("search/v1?token=" + token)).json(), after.json());
  }

  /** The notifications metrics that moved since {@code before}, by how much. */
  private Map<String, Double> metricsMovedSince(Map<String, Double> before) {
    return Prometheus.moved(before, Prometheus.scrape(base.getPort()), "tradewatch_notifications_");
  }

  private static String calls(String outcome) {
    return "tradewatch_notifications_upstream_calls_total{outcome=" + outcome + ",source=bptf}";
  }

  private static String answers(String from) {
    return "tradewatch_notifications_answers_total{from=" + from + ",source=bptf}";
  }

  /**
   * Each failure maps to its status and is counted in {@code /metrics} by its outcome: a 5xx and a
   * 401 are told apart there, as they are for the client.
   */
  @Test
  @Order(6)
  void eachUpstreamFailureMapsToItsStatusWithAJsonMessage() {
    Map<String, Double> before = Prometheus.scrape(base.getPort());
    String slow = newToken(1, "");
    control("POST", "fault?mode=slow&delayMillis=12000&token=" + slow);
    long started = System.nanoTime();
    Reply timeout = send("GET", proxy("search/v1?token=" + slow));
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertErrorWithoutToken(timeout, 504, slow);
    assertTrue(
        millis < 10_000, "answered at the 4 s timeout, not after upstream's 12 s: " + millis);
    control("POST", "fault?mode=none&token=" + slow);

    String failing = newToken(1, "");
    control("POST", "fault?mode=error&status=503&token=" + failing);
    assertErrorWithoutToken(send("GET", proxy("search/v1?token=" + failing)), 502, failing);
    assertErrorWithoutToken(
        send("PATCH", proxy("folder/v1?folder=0&token=" + failing)), 502, failing);
    control("POST", "fault?mode=none&token=" + failing);

    String throttled = newToken(1, "");
    control("POST", "fault?mode=throttle&retryAfter=17&token=" + throttled);
    Reply limited = send("GET", proxy("search/v1?token=" + throttled));
    assertErrorWithoutToken(limited, 429, throttled);
    assertEquals("17", limited.header("Retry-After"));
    control("POST", "fault?mode=none&token=" + throttled);

    String unknown = newToken(0, "");
    assertErrorWithoutToken(send("GET", proxy("search/v1?token=" + unknown)), 401, unknown);
    assertErrorWithoutToken(
        send("DELETE", proxy("notification/v1?ids=58dfdee838a32f009d454ed8&token=" + unknown)),
        401,
        unknown);

    // The breaker counts outages only: refusals (401, 429) in between keep it closed.
    assertEquals(200, send("GET", proxy("search/v1?token=" + newToken(1, ""))).status());

    assertEquals(
        Map.of(
            calls("timeout"), 1.0,
            calls("failed"), 2.0,
            calls("rate_limited"), 1.0,
            calls("refused"), 2.0,
            calls("ok"), 1.0,
            answers("upstream"), 1.0),
        metricsMovedSince(before),
        "every upstream call counted once by its outcome; only the last search was answered");
  }

  @Test
  @Order(7)
  void aDeadUpstreamOpensTheCircuitAndTheStoredCopyAnswersMarkedStale() {
    String kept = newToken(4, "");
    Reply stored = send("GET", proxy("search/v1?token=" + kept));
    assertEquals(200, stored.status(), stored.body());
    storedId = stored.json().getJsonArray("notifications").getJsonObject(0).getString("id");
    String fresh = newToken(3, "");
    Map<String, Double> before = Prometheus.scrape(base.getPort());
    control("POST", "fault?mode=error&status=500");
    try {
      for (int i = 0; i < 5; i++) {
        assertErrorWithoutToken(send("GET", proxy("search/v1?token=" + fresh)), 502, fresh);
      }
      Reply open = send("GET", proxy("search/v1?token=" + fresh));
      assertErrorWithoutToken(open, 503, fresh);
      assertNotNull(open.header("Retry-After"));
      assertEquals(5, upstreamRequests(fresh, "search"), "the open circuit did not ask upstream");
      assertEquals(
          Map.of(calls("failed"), 5.0, calls("circuit_open"), 1.0),
          metricsMovedSince(before),
          "the open circuit counted as such, not as a failure of backpack.tf's");

      // Once the kept token's polling window has passed, upstream would be asked; with upstream
      // dead (or the circuit open) the stored copy answers, marked stale.
      Reply stale =
          Eventually.await(
              "a stale answer from the stored copy",
              PATIENCE,
              () -> {
                Reply reply = send("GET", proxy("search/v1?token=" + kept));
                return "true".equals(reply.header("X-Tradewatch-Stale")) ? reply : null;
              });
      assertEquals(200, stale.status());
      assertEquals("store", stale.header("X-Tradewatch-Source"));
      assertTrue(stale.header("Warning").startsWith("110"), stale.header("Warning"));
      assertTrue(
          metricsMovedSince(before).getOrDefault(answers("store"), 0.0) >= 1,
          "the stale answer counted as one from the store");
      assertEquals(stored.json(), stale.json());
    } finally {
      control("POST", "fault?mode=none");
    }
    Reply recovered =
        Eventually.await(
            "the circuit to close once upstream answers again",
            PATIENCE,
            () -> {
              Reply reply = send("GET", proxy("search/v1?token=" + fresh));
              return reply.status() == 200 ? reply : null;
            });
    assertEquals(3, recovered.json().getInt("folder_count"));
  }

  @Test
  @Order(8)
  void openApiDocumentsTheNotificationEndpoints() {
    Reply openapi = send("GET", "http://127.0.0.1:" + base.getPort() + "/openapi");
    assertEquals(200, openapi.status());
    for (String path :
        List.of(
            "/notifications/search/v1",
            "/notifications/folder/v1",
            "/notifications/notification/v1")) {
      assertTrue(openapi.body().contains(path), "OpenAPI lists " + path);
    }
    assertTrue(openapi.body().contains("\"patch\""), "the PATCH operation is documented");
  }

  @Test
  @Order(10)
  void aPageTheCopyDoesNotHoldIsFetchedAtOnceAndTheSameQueryTwiceGivesTheSameAnswer() {
    String token = newToken(0, "");
    long sent = 1_700_000_000L;
    // One second for all: newest first is then by id, descending, the reverse of their order.
    List<String> added = new ArrayList<>(add(token, 130, 0, sent));
    Collections.reverse(added);
    Reply first = send("GET", proxy("search/v1?folder=0&token=" + token));
    assertEquals(200, first.status(), first.body());
    assertEquals(130, first.json().getInt("folder_count"));
    assertEquals(added.subList(0, 60), ids(first));
    assertEquals("false", first.header("X-Tradewatch-Complete"));

    // Within the polling window, the copy holds only the first page: the second comes from
    // upstream.
    Reply older = send("GET", proxy("search/v1?folder=0&skip=60&token=" + token));
    assertEquals(200, older.status(), older.body());
    assertEquals(added.subList(60, 120), ids(older), "upstream's page, never an empty one");
    assertEquals("upstream", older.header("X-Tradewatch-Source"));
    assertEquals(2, upstreamRequests(token, "search"));

    // Five more arrive upstream; asked again within the window, the copy answers as before.
    add(token, 5, 0, sent + 60);
    Reply again = send("GET", proxy("search/v1?folder=0&skip=60&token=" + token));
    assertEquals(200, again.status(), again.body());
    assertEquals("store", again.header("X-Tradewatch-Source"));
    assertEquals(older.json(), again.json(), "the same query twice, the same answer");
    assertEquals(2, upstreamRequests(token, "search"));

    // A third page right after the second: the page-load budget forbids it for now and says when.
    Reply refused = send("GET", proxy("search/v1?folder=0&skip=120&token=" + token));
    assertEquals(429, refused.status(), refused.body());
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= PAGE_LOAD_SECONDS, "Retry-After: " + retryAfter);
    assertTrue(refused.json().getString("message").contains("retry after"), refused.body());
    Reply third =
        Eventually.await(
            "the third page once the page-load budget allows it",
            PATIENCE,
            () -> {
              Reply reply = send("GET", proxy("search/v1?folder=0&skip=120&token=" + token));
              return reply.status() == 200 ? reply : null;
            });
    // Upstream's third page as it is now: the five new ones push the old ones down.
    assertEquals(135, third.json().getInt("folder_count"));
    assertEquals(added.subList(115, 130), ids(third));
    assertEquals(3, upstreamRequests(token, "search"));
  }

  @Test
  @Order(11)
  void anotherFolderLoadsAtOnceAndPollingStaysAtOneSearchPerWindow() {
    String token = newToken(0, "");
    add(token, 5, 0, 1_700_000_000L);
    List<String> archive = add(token, 3, 1, 1_700_000_000L);
    assertEquals(200, send("GET", proxy("search/v1?folder=0&token=" + token)).status());
    Reply archived = send("GET", proxy("search/v1?folder=1&token=" + token));
    assertEquals(
        200, archived.status(), "not refused for the rest of the window: " + archived.body());
    assertEquals(3, archived.json().getInt("folder_count"));
    assertEquals(Set.copyOf(archive), Set.copyOf(ids(archived)));
    for (int i = 0; i < 10; i++) {
      for (String folder : List.of("0", "1")) {
        Reply poll = send("GET", proxy("search/v1?folder=" + folder + "&token=" + token));
        assertEquals(200, poll.status(), poll.body());
        assertEquals("store", poll.header("X-Tradewatch-Source"));
      }
    }
    assertEquals(2, upstreamRequests(token, "search"), "each folder's first load, then the copy");
  }

  @Test
  @Order(12)
  void upToFiveThousandIdsAreDeletedFromTheQueryOrABodyAndMoreAreRefusedAsJson() {
    String token = newToken(0, "");
    List<String> ids = add(token, 5_000, 0, 1_700_000_000L);
    Reply deleted =
        send("DELETE", proxy("notification/v1?token=" + token + "&ids=" + String.join(",", ids)));
    assertEquals(200, deleted.status(), "answered '" + deleted.body() + "'");
    assertEquals(5_000, deleted.json().getInt("modified"));
    assertEquals(25, upstreamRequests(token, "notification-delete"));

    List<String> more = add(token, 600, 0, 1_700_000_000L);
    Reply form =
        send(
            "DELETE",
            proxy("notification/v1?token=" + token),
            "application/x-www-form-urlencoded",
            "ids=" + String.join("%2C", more.subList(0, 300)));
    assertEquals(200, form.status(), form.body());
    assertEquals(300, form.json().getInt("modified"));
    Reply json =
        send(
            "DELETE",
            proxy("notification/v1?token=" + token),
            "application/json",
            "{\"ids\":" + quoted(more.subList(300, 600)) + "}");
    assertEquals(200, json.status(), json.body());
    assertEquals(300, json.json().getInt("modified"));
    assertEquals(0, upstreamSizes(token).getInt("inbox"));
    long deletes = upstreamRequests(token, "notification-delete");

    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 5_001; i++) {
      tooMany.add(String.format("%024x", i));
    }
    List<Reply> refusals =
        List.of(
            send(
                "DELETE",
                proxy("notification/v1?token=" + token + "&ids=" + String.join(",", tooMany))),
            send(
                "DELETE",
                proxy("notification/v1?token=" + token),
                "application/json",
                "{\"ids\":" + quoted(tooMany) + "}"),
            send(
                "DELETE",
                proxy("notification/v1?token=" + token),
                "application/json",
                "{\"ids\":"));
    for (Reply refusal : refusals) {
      assertEquals(400, refusal.status(), refusal.body());
      assertTrue(refusal.json().getString("message").startsWith("ids:"), refusal.body());
    }
    assertTrue(refusals.get(0).json().getString("message").contains("at most 5000"));
    Reply plain =
        send("DELETE", proxy("notification/v1?token=" + token), "text/plain", more.get(0));
    assertEquals(415, plain.status(), plain.body());
    assertFalse(plain.json().getString("message").isBlank());
    assertEquals(deletes, upstreamRequests(token, "notification-delete"), "none reached upstream");
  }

  @Test
  @Order(13)
  void aMalformedTokenIsRefusedHereNamingItAndNeverSentUpstream() {
    String[] malformed = {"xyz", "0123456789abcdef0123456789", "g".repeat(24)};
    for (String token : malformed) {
      for (String[] c :
          new String[][] {
            {"GET", "search/v1?token="},
            {"PATCH", "folder/v1?folder=0&token="},
            {"DELETE", "notification/v1?ids=58dfdee838a32f009d454ed8&token="}
          }) {
        Reply reply = send(c[0], proxy(c[1] + token));
        assertEquals(400, reply.status(), c[1] + token + " -> " + reply.body());
        String message = reply.json().getString("message");
        assertTrue(message.startsWith("token:"), message);
        assertFalse(message.contains(token), "the token is not echoed: " + message);
      }
    }
    JsonObject requests = control("GET", "stats").getJsonObject("requests");
    for (String token : malformed) {
      assertFalse(requests.containsKey(token), token + " reached upstream");
    }
    String token = newToken(2, "");
    Reply spaced = send("GET", proxy("search/v1?token=%20" + token + "%20"));
    assertEquals(200, spaced.status(), "surrounding spaces are trimmed: " + spaced.body());
    assertEquals(2, spaced.json().getInt("folder_count"));
  }

  @Test
  @Order(14)
  void settingsCheckANewTokenWithBackpackTfAndTrimAPastedOne() {
    Browser page = user();
    String refused = newToken(0, "");
    page.open("/settings").await("#token-form", PATIENCE);
    page.type("#token", refused).click("#token-form button[type=submit]");
    page.await("#settings-error", PATIENCE);
    assertTrue(
        page.text("#settings-error").contains("backpack.tf refused"), page.text("#settings-error"));
    assertTrue(page.text("#token-state").contains("No token"), "a refused token is not saved");

    String accepted = newToken(5, "");
    page.type("#token", " " + accepted + " ").click("#token-form button[type=submit]");
    page.await("#token-hint", PATIENCE);
    assertEquals("…" + accepted.substring(20), page.text("#token-hint"));
    assertTrue(page.text(".flash").contains("backpack.tf accepts it"), page.text(".flash"));
  }

  @Test
  @Order(15)
  void bothFoldersCountsShowAndTheArchivedTabOpensAtOnce() {
    String token = newToken(0, "");
    List<String> inbox = add(token, 5, 0, 1_700_000_000L);
    List<String> archive = add(token, 3, 1, 1_700_000_000L);
    Browser page = user();
    saveToken(page, token);
    page.open("/notifications").await("tr.notification", PATIENCE);
    assertEquals(Set.copyOf(inbox), rowIds(page));
    assertEquals("5", page.text("#count-inbox"));
    assertTrue(page.has("#count-archive"), "the Archived tab shows its count too");
    assertEquals("3", page.text("#count-archive"));

    page.click("#tab-archive").await("#tab-archive.current", PATIENCE);
    assertFalse(
        page.has("#notifications-problem"),
        () -> "refused: " + page.text("#notifications-problem"));
    assertEquals(Set.copyOf(archive), rowIds(page));
    assertEquals("5", page.text("#count-inbox"));
    assertEquals("3", page.text("#count-archive"));
  }

  @Test
  @Order(16)
  void olderOnAnInboxOfSeventyShowsTheOldestTenAndNeverAnEmptyInbox() {
    String token = newToken(0, "");
    List<String> added = new ArrayList<>(add(token, 70, 0, 1_700_000_000L));
    Collections.reverse(added);
    Browser page = user();
    saveToken(page, token);
    page.open("/notifications").await("tr.notification", PATIENCE);
    assertEquals(Set.copyOf(added.subList(0, 60)), rowIds(page));
    assertEquals("70", page.text("#count-inbox"));

    page.click("#older");
    Eventually.awaitTrue(
        "the older page",
        PATIENCE,
        () ->
            page.path().contains("skip=60")
                && (page.has("tr.notification")
                    || page.has("#notifications-problem")
                    || page.has("#empty-state")));
    assertFalse(page.has("#empty-state"), () -> "an empty page: " + page.text("main"));
    if (page.has("#notifications-problem")) {
      // Asked within the page-load budget's second: the page says when it loads, and reloads.
      assertTrue(
          page.text("#notifications-problem").contains("loads in"),
          page.text("#notifications-problem"));
    }
    Set<String> older =
        Eventually.await(
            "the older page's rows",
            PATIENCE,
            () -> {
              Set<String> ids = rowIds(page);
              assertFalse(page.has("#empty-state"), "never an empty inbox");
              return ids.size() == 10 ? ids : null;
            });
    assertEquals(Set.copyOf(added.subList(60, 70)), older);
  }

  /** One user, registered in one browser on first use, for every page test. */
  private Browser user() {
    if (browser == null) {
      browser = new Browser(root());
      String name = "notes_" + Integer.toHexString(RANDOM.nextInt(1 << 20));
      browser.open("/register").await("#register-form", PATIENCE);
      browser.type("#username", name).type("#password", PASSWORD).type("#repeat", PASSWORD);
      browser.click("#register-form button[type=submit]").await(".site-nav .user", PATIENCE);
    }
    return browser;
  }

  private static void saveToken(Browser page, String token) {
    page.open("/settings").await("#token-form", PATIENCE);
    page.type("#token", token).click("#token-form button[type=submit]");
    Eventually.awaitTrue(
        "the token to be saved",
        PATIENCE,
        () -> page.has("#token-hint") && page.text("#token-hint").endsWith(token.substring(20)));
  }

  /** The ids of the rows on the page, read in one script. */
  private static Set<String> rowIds(Browser page) {
    Object ids =
        page.script(
            "return Array.from(document.querySelectorAll('tr[data-id]'), r => r.dataset.id);");
    return ((List<?>) ids).stream().map(String::valueOf).collect(Collectors.toSet());
  }

  private static String quoted(List<String> ids) {
    return ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
  }

  private static JsonObject upstreamSizes(String token) {
    return control("GET", "stats").getJsonObject("inboxes").getJsonObject(token);
  }

  @Test
  @Order(99)
  void theServerLogAndTheDatabaseHoldNoToken() throws IOException {
    Path target = Path.of(System.getProperty("tradewatch.war")).getParent();
    List<Path> logs;
    try (Stream<Path> files = Files.list(target)) {
      logs = files.filter(p -> p.getFileName().toString().startsWith("it-server.log")).toList();
    }
    assertFalse(logs.isEmpty(), "the server log is in " + target);
    StringBuilder log = new StringBuilder();
    for (Path file : logs) {
      log.append(Files.readString(file, StandardCharsets.ISO_8859_1));
    }
    assertTrue(log.toString().contains("backpack.tf notifications API at"), "the right log");
    assertTrue(TOKENS_USED.size() > 8, "tokens used: " + TOKENS_USED.size());
    for (String token : TOKENS_USED) {
      assertFalse(log.toString().contains(token), "token " + token + " is in the server log");
    }

    Path database = target.resolve("it-db");
    Eventually.awaitTrue(
        "the database file to hold the stored notifications",
        PATIENCE,
        () -> databaseText(database).contains(storedId));
    String stored = databaseText(database);
    for (String token : TOKENS_USED) {
      assertFalse(stored.contains(token), "token " + token + " is in the database file");
    }
  }

  private static String databaseText(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      StringBuilder text = new StringBuilder();
      for (Path file : files.toList()) {
        text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
      return text.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
