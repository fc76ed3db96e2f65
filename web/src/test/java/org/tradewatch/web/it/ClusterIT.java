package org.tradewatch.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Tradewatch instances on one database form a cluster: each upstream source is consumed on
 * exactly one of them, chosen by a lease in the database, both serve the same listings and carry
 * the same live deltas, and killing the instance that consumes backpack.tf hands its streams to the
 * other within the lease, with never a second socket upstream and no event applied twice.
 *
 * <p>Not Arquillian: the test starts both Payara Micro JVMs itself ({@link ClusterNode}), so that
 * it can kill one. The shared database is the run's PostgreSQL when one is named ({@code
 * TRADEWATCH_TEST_POSTGRES_URL} or {@code tradewatch.test.postgres.url}; a schema of its own,
 * dropped at the end), otherwise an H2 server in this JVM on loopback.
 *
 * <p>The tests share one cluster and run in order, but each establishes the state it checks and
 * waits for it rather than for a time, so that a failure is reported by the test that failed, not
 * by every test after it: counters are compared from the test's own starting point, and the kill is
 * done by whichever of the last two tests needs it first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  // Long enough that a renewal delayed by a busy 2-core machine does not lose the lease.
  private static final int LEASE_SECONDS = 9;

  /** A dead holder's lease is taken over within lease + lease/3; the rest is connect time. */
  private static final Duration TAKEOVER =
      Duration.ofSeconds(LEASE_SECONDS + LEASE_SECONDS / 3 + 15);

  private static final List<String> SOURCES = List.of("bptf", "skinshark");
  private static final Set<String> LIVE_STATES = Set.of("connected", "connecting", "backing-off");
  private static final String SUB_USER = "user_42";
  private static final Pattern LISTING_ROW =
      Pattern.compile("<tr[^>]*\\blisting-row\\b[^>]*\\bdata-id=\"([^\"]+)\"");
  private static final Pattern LISTINGS_TOTAL =
      Pattern.compile("id=\"listings-total\"[^>]*>([^<]*)<");

  private static Simulator bptf;
  private static Simulator skinshark;
  private static JsonObject bptfConfigBefore;
  private static JsonObject bptfAtStart;
  private static SharedDatabase database;
  private static ClusterNode nodeA;
  private static ClusterNode nodeB;
  private static Kill kill;

  @BeforeAll
  static void startTheCluster() throws IOException {
    bptf = new Simulator().awaitUp();
    skinshark = Simulator.skinshark().awaitUp();
    bptfConfigBefore = bptf.stats().getJsonObject("config");
    bptf.configure("eventsPerSecond=200&frameSize=100&restart=false");
    bptf.resume();
    skinshark.post("config?eventsPerSecond=20");
    skinshark.post("resume");
    Eventually.awaitTrue(
        "no other client on the simulator",
        PATIENCE,
        () -> bptf.stats().getInt("openConnections") == 0);
    bptfAtStart = bptf.stats();

    Path directory = Path.of(System.getProperty("tradewatch.war")).resolveSibling("cluster-it");
    deleteRecursively(directory);
    Files.createDirectories(directory);
    database = SharedDatabase.create(directory);

    String simulator = "127.0.0.1:" + System.getProperty("simulator.port");
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("tradewatch.cluster.lease-seconds", Integer.toString(LEASE_SECONDS));
    properties.put("tradewatch.db.url", database.url);
    properties.put("tradewatch.db.user", database.user);
    properties.put("tradewatch.db.password", database.password);
    properties.put("tradewatch.token.key-file", directory.resolve("token.key").toString());
    // The upstream set-up of arquillian.xml.
    properties.put("tradewatch.bptf.ws.url", "ws://" + simulator + "/events");
    properties.put("tradewatch.bptf.ws.idle-timeout-seconds", "8");
    properties.put("tradewatch.skinshark.api.url", "http://" + simulator);
    properties.put("tradewatch.skinshark.ws.url", "ws://" + simulator + "/market/live");
    properties.put("tradewatch.bptf.api.url", "http://" + simulator);
    properties.put("tradewatch.bptf.api.timeout-millis", "4000");
    properties.put("tradewatch.bptf.api.circuit-delay-millis", "5000");
    int gridA = ClusterNode.freePort();
    int gridB = ClusterNode.freePort();
    ClusterNode.Cluster cluster =
        new ClusterNode.Cluster(
            "tradewatch-it-" + UUID.randomUUID().toString().substring(0, 8),
            List.of(gridA, gridB),
            properties);

    // node-a first, until it runs both streams: node-b then joins a market that has listings, so
    // it builds its model from the database, and stands by for both sources. node-b ignores the
    // holder's announcements, so it follows the log by its periodic tail alone: the tests on it
    // prove that a lost announcement heals.
    nodeA = ClusterNode.start("node-a", gridA, cluster, directory);
    nodeA.awaitReady();
    for (String source : SOURCES) {
      Eventually.awaitTrue(
          "node-a to run " + source,
          PATIENCE,
          () -> consumer(nodeA, stream(nodeA, source)).getBoolean("here"));
    }
    Eventually.awaitTrue(
        "node-a to store some listings",
        PATIENCE,
        () -> total(nodeA.api("listings?limit=1&includeDeleted=true")) > 50);
    nodeB =
        ClusterNode.start(
            "node-b",
            gridB,
            cluster,
            directory,
            Map.of("tradewatch.market.follow-announcements", "false"));
    nodeB.awaitReady();
    System.out.println(
        "ClusterIT: "
            + nodeA
            + " ready after "
            + nodeA.readyAfter()
            + ", "
            + nodeB
            + " after "
            + nodeB.readyAfter()
            + ", database "
            + database.url);
    Eventually.awaitTrue(
        "node-a and node-b to form one data grid of two (cluster " + cluster.name() + ")",
        PATIENCE,
        () -> nodeA.dataGridSize() == 2 && nodeB.dataGridSize() == 2);
  }

  /** Leaves both simulators streaming even when a test failed while one was paused. */
  @AfterEach
  void streamsGoOn() {
    bptf.resume();
    skinshark.post("resume");
  }

  @AfterAll
  static void stopTheCluster() {
    List<Throwable> problems = new ArrayList<>();
    for (ClusterNode node : new ClusterNode[] {nodeA, nodeB}) {
      cleanUp(problems, () -> node.close(), node);
    }
    cleanUp(problems, () -> database.close(), database);
    // Every counter back to zero, as a fresh simulator: BptfStreamIT, which may run next, counts
    // every frame sent as its own.
    cleanUp(
        problems,
        () -> {
          bptf.configure(
              "eventsPerSecond="
                  + bptfConfigBefore.getInt("eventsPerSecond")
                  + "&frameSize="
                  + bptfConfigBefore.getInt("frameSize")
                  + "&restart=true");
          bptf.resume();
        },
        bptfConfigBefore);
    // The build starts skinshark quiet, and SkinsharkStreamIT leaves it so.
    cleanUp(
        problems,
        () -> {
          skinshark.post("config?eventsPerSecond=0");
          skinshark.post("resume");
        },
        skinshark);
    if (!problems.isEmpty()) {
      AssertionError error = new AssertionError("clean-up failed");
      problems.forEach(error::addSuppressed);
      throw error;
    }
  }

  /** Runs one clean-up step when what it cleans up exists, keeping its failure for the end. */
  private static void cleanUp(List<Throwable> problems, Runnable step, Object subject) {
    if (subject == null) {
      return;
    }
    try {
      step.run();
    } catch (RuntimeException | Error e) {
      problems.add(e);
    }
  }

  @Test
  @Order(1)
  void eachSourceRunsOnExactlyOneNode() {
    for (ClusterNode node : List.of(nodeA, nodeB)) {
      Set<String> sources = new HashSet<>();
      Http.get(node.api("streams"))
          .array()
          .forEach(s -> sources.add(s.asJsonObject().getString("source")));
      assertEquals(Set.copyOf(SOURCES), sources, node + " shows both sources");
    }
    for (String source : SOURCES) {
      ClusterNode holder = holder(source);
      ClusterNode standby = other(holder);
      JsonObject held = stream(holder, source);
      JsonObject standing = stream(standby, source);
      JsonObject heldConsumer = consumer(holder, held);
      JsonObject standingConsumer = consumer(standby, standing);

      assertTrue(heldConsumer.getBoolean("here"), source + " on its holder: " + held);
      assertTrue(LIVE_STATES.contains(held.getString("state")), source + " runs: " + held);
      assertEquals(holder.name(), heldConsumer.getString("instance"), "" + held);
      assertNotNull(Instant.parse(heldConsumer.getString("leaseExpiresAt")), "" + held);
      assertNotNull(heldConsumer.getJsonNumber("epoch"), "" + held);

      assertFalse(standingConsumer.getBoolean("here"), source + " elsewhere: " + standing);
      assertEquals("standby", standing.getString("state"), "" + standing);
      assertEquals(
          holder.name(),
          standingConsumer.getString("instance"),
          "both nodes name the same holder: " + standing);
      assertNotNull(standingConsumer.getJsonNumber("epoch"), "" + standing);
      assertEquals(0, number(standing, "queueDepth"), "nothing queued on the standby");
    }

    Eventually.awaitTrue(
        "exactly one backpack.tf socket",
        PATIENCE,
        () -> bptf.stats().getInt("openConnections") == 1);
    assertNoSocketRefused();
    Eventually.awaitTrue(
        "exactly one skinshark socket for " + SUB_USER, PATIENCE, () -> skinsharkSockets() == 1);
  }

  /**
   * Both nodes answer every read the same. The frames are counted over a window of streaming of
   * this test's own, from one drained pause to the next, rather than since the cluster started: a
   * socket replaced before (a lease moved while both nodes booted, or the watchdog under load)
   * loses the frames in flight on the old one, which proves nothing about this one.
   */
  @Test
  @Order(2)
  void bothNodesServeTheSameData() {
    FrameWindow window = steadyWindow();
    System.out.println(
        "ClusterIT: a window of streaming in "
            + window.tries()
            + " tries: "
            + window.sent()
            + " frames sent, "
            + window.holderReceived()
            + " received by the holder "
            + window.holder().name()
            + ", "
            + window.standbyReceived()
            + " by the standby");
    assertEquals(
        window.sent(),
        window.holderReceived(),
        "every frame sent in the window reached the holder "
            + window.holder().name()
            + ": "
            + window);
    assertEquals(
        0,
        window.standbyReceived(),
        "the standby " + other(window.holder()).name() + " received none: " + window);
    skinshark.post("pause");

    JsonObject sent = window.end();
    String lastListing = sent.getString("lastListingId");
    String id = URLEncoder.encode(lastListing, StandardCharsets.UTF_8);
    // The standby follows the log by its tail: the listing reaches it within a second or so.
    JsonObject onA =
        awaitSame(
            "the simulator's last listing", node -> objectOrNull(node, "listings/bptf/" + id));
    assertEquals(sent.getString("lastEventId"), onA.getString("lastEventId"), "" + onA);

    for (String query :
        List.of(
            "listings?source=bptf&limit=1",
            "listings?source=bptf&includeDeleted=true&limit=1",
            "listings?limit=1")) {
      Eventually.awaitTrue(
          "both nodes to count the same for " + query,
          PATIENCE,
          () -> {
            JsonObject first = okObject(nodeA, query);
            JsonObject second = okObject(nodeB, query);
            JsonObject again = okObject(nodeA, query);
            return total(first).equals(total(second)) && total(first).equals(total(again));
          });
    }
    assertTrue(
        number(okObject(nodeA, "listings?source=bptf&limit=1"), "total") > 0, "listings stored");
    awaitSame(
        "the first 500 listings by key",
        node -> okObject(node, "listings?source=bptf&sort=key&limit=500").getJsonArray("items"));

    String page = "/listings/bptf/" + id;
    for (ClusterNode node : List.of(nodeA, nodeB)) {
      Http.Answer html = Http.get(node.base() + page);
      assertEquals(200, html.status(), node + page);
      assertTrue(
          html.body().contains("data-id=\"" + lastListing + "\""),
          node + page + " shows the listing");
    }
    List<List<String>> front =
        awaitSame(
            "the listings page's rows and count",
            node -> {
              Http.Answer html = Http.get(node.base() + "/?source=bptf");
              assertEquals(200, html.status(), node + "/?source=bptf");
              return List.of(
                  matches(LISTING_ROW, html.body()), matches(LISTINGS_TOTAL, html.body()));
            });
    assertFalse(front.get(0).isEmpty(), "the listings page shows listings");
  }

  /** One window of backpack.tf streaming: frames sent, and received by each node. */
  private record FrameWindow(
      ClusterNode holder,
      long sent,
      long holderReceived,
      long standbyReceived,
      int tries,
      JsonObject end) {}

  /**
   * Streams backpack.tf from one drained pause to the next. A window in which the simulator
   * accepted a new socket (the old one's frames in flight are lost with it) is no measure, so
   * another is taken, three at most.
   */
  private static FrameWindow steadyWindow() {
    List<String> replaced = new ArrayList<>();
    for (int attempt = 0; attempt < 3; attempt++) {
      ClusterNode holder = holder("bptf");
      ClusterNode standby = other(holder);
      JsonObject start = pauseAndDrain(holder);
      JsonObject before = bptf.stats();
      long standbyBefore = number(stream(standby, "bptf"), "framesReceived");
      bptf.resume();
      long target = number(start, "framesReceived") + 6;
      Eventually.awaitTrue(
          "six more frames on " + holder.name(),
          PATIENCE,
          () -> number(stream(holder, "bptf"), "framesReceived") >= target);
      JsonObject end = pauseAndDrain(holder);
      JsonObject after = bptf.stats();
      long standbyAfter = number(stream(standby, "bptf"), "framesReceived");
      if (number(after, "connectionsAccepted") == number(before, "connectionsAccepted")) {
        return new FrameWindow(
            holder,
            number(after, "framesSent") - number(before, "framesSent"),
            number(end, "framesReceived") - number(start, "framesReceived"),
            standbyAfter - standbyBefore,
            attempt + 1,
            after);
      }
      replaced.add(before + " -> " + after);
    }
    throw new AssertionError("a new socket in each of three windows of streaming: " + replaced);
  }

  /**
   * Waits until {@code read} gives the same on both nodes and returns it; at the deadline, fails
   * showing the last two answers.
   */
  private static <T> T awaitSame(String what, java.util.function.Function<ClusterNode, T> read) {
    List<T> last = new ArrayList<>(List.of());
    try {
      return Eventually.await(
          what + " to be the same on both nodes",
          PATIENCE,
          () -> {
            T onA = read.apply(nodeA);
            T onB = read.apply(nodeB);
            last.clear();
            last.add(onA);
            last.add(onB);
            return onA != null && onA.equals(onB) ? onA : null;
          });
    } catch (AssertionError e) {
      if (last.size() == 2) {
        assertEquals(last.get(0), last.get(1), e.getMessage() + "; " + nodeA + " then " + nodeB);
      }
      throw e;
    }
  }

  @Test
  @Order(3)
  void theOtherNodesLiveSocketCarriesTheHoldersChanges() {
    ClusterNode standby = other(holder("bptf"));
    String url = standby.base().replace("http://", "ws://") + "/api/listings/live?source=bptf";
    try (LiveClient client = LiveClient.connect(url)) {
      Eventually.awaitTrue("ready", PATIENCE, () -> !client.messages.isEmpty());
      assertEquals("ready", client.messages.get(0).getString("event"));
      JsonObject upsert =
          Eventually.await(
              "a listing.upsert on " + standby.name() + "'s live socket",
              Duration.ofSeconds(15),
              () ->
                  client.messages.stream()
                      .filter(m -> m.getString("event").equals("listing.upsert"))
                      .findFirst()
                      .orElse(null));
      JsonObject data = upsert.getJsonObject("data");
      assertEquals("bptf", data.getString("source"), "" + upsert);
      Http.Answer stored =
          Http.get(
              standby.api(
                  "listings/bptf/"
                      + URLEncoder.encode(data.getString("id"), StandardCharsets.UTF_8)));
      assertEquals(200, stored.status(), "the delta's listing is stored: " + stored.body());
    }
  }

  /**
   * Issue #11: matching runs on the holder of the stream, and an alert reaches the trader's socket
   * on whichever instance it is open: here a trader on the standby alone, whose watch the holder
   * reads from the shared database.
   */
  @Test
  @Order(3)
  void anAlertReachesTheTradersSocketOnTheOtherNode() {
    ClusterNode standby = other(holder("bptf"));
    Http.Visitor trader = new Http.Visitor(standby.base());
    String name = "cluster_" + UUID.randomUUID().toString().substring(0, 8);
    Http.Answer registered =
        trader.post(
            "/register",
            "username",
            name,
            "password",
            "correct horse battery",
            "repeat",
            "correct horse battery");
    assertEquals(303, registered.status(), registered.body());
    assertEquals(200, trader.get("/").status(), "a page, for the session's CSRF token");
    String url = standby.base().replace("http://", "ws://") + "/api/alerts/live";
    try (LiveClient alerts =
        LiveClient.connect(
            url, Map.of("Cookie", "TRADEWATCH_SESSION=" + trader.cookie("TRADEWATCH_SESSION")))) {
      Eventually.awaitTrue("ready", PATIENCE, () -> !alerts.messages.isEmpty());
      // A word of many item names: the stream brings listings of it every few seconds.
      Http.Answer created =
          trader.api(
              "POST",
              "/api/watches",
              "{\"name\": \"" + commonWordOf(standby) + "\", \"source\": \"bptf\"}",
              true);
      assertEquals(201, created.status(), created.body());
      String watchId = created.object().getString("id");
      JsonObject alert =
          Eventually.await(
              "an alert on " + standby.name() + "'s socket",
              PATIENCE,
              () ->
                  alerts.messages.stream()
                      .filter(m -> m.getString("event").equals("alert"))
                      .findFirst()
                      .orElse(null));
      assertEquals(watchId, alert.getJsonObject("data").getString("watchId"), "" + alert);
      assertEquals("bptf", alert.getJsonObject("data").getString("source"), "" + alert);
    }
  }

  /**
   * Issue #9: every instance keeps its own market model, and one that misses the holder's
   * announcements (node-b ignores them) heals from the log within 5 s. With the stream paused,
   * node-b must answer exactly what node-a does, listing for listing, soon after.
   */
  @Test
  @Order(4)
  void aStandbyThatHearsNoAnnouncementIsCurrentWithinFiveSeconds() {
    assertEquals(nodeA, holder("bptf"), "node-a runs bptf; node-b stands by");
    bptf.pause();
    try {
      String newest = "listings?source=bptf&limit=20&includeDeleted=true";
      // The holder at rest: its answer no longer changes.
      JsonObject settled =
          Eventually.await(
              "node-a to apply what it received",
              PATIENCE,
              () -> {
                JsonObject stream = stream(nodeA, "bptf");
                if (number(stream, "queueDepth") != 0) {
                  return null;
                }
                JsonObject before = Http.get(nodeA.api(newest)).object();
                JsonObject after = Http.get(nodeA.api(newest)).object();
                return before.equals(after) ? after : null;
              });
      long started = System.nanoTime();
      Eventually.await(
          "node-b to answer what node-a answers",
          Duration.ofSeconds(5),
          () -> Http.get(nodeB.api(newest)).object().equals(settled) ? Boolean.TRUE : null);
      System.out.println(
          "ClusterIT: node-b caught up by its tail in "
              + Duration.ofNanos(System.nanoTime() - started).toMillis()
              + " ms");
      // bptf's alone: skinshark goes on streaming.
      assertEquals(
          total(nodeA.api("listings?source=bptf&includeDeleted=true&limit=1")),
          total(nodeB.api("listings?source=bptf&includeDeleted=true&limit=1")),
          "the same exact totals");
    } finally {
      bptf.resume();
    }
  }

  private static long total(String url) {
    Http.Answer answer = Http.get(url);
    return answer.status() == 200 ? answer.object().getJsonNumber("total").longValue() : -1;
  }

  @Test
  @Order(5)
  void bothNodesTogetherSearchBackpackTfOncePerTokenAndWindow() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    assertEquals(200, Http.post(notificationsControl("add?token=" + token + "&count=5")).status());
    String path = "notifications/search/v1?token=" + token;
    List<CompletableFuture<Http.Answer>> answers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ClusterNode node = i % 2 == 0 ? nodeA : nodeB;
      answers.add(CompletableFuture.supplyAsync(() -> Http.get(node.api(path))));
    }
    Map<Integer, Long> statuses = new TreeMap<>();
    for (CompletableFuture<Http.Answer> answer : answers) {
      Http.Answer reply = answer.join();
      statuses.merge(reply.status(), 1L, Long::sum);
      if (reply.status() == 429) {
        assertTrue(reply.object().getString("message").contains("retry"), reply.body());
      } else {
        assertEquals(200, reply.status(), reply.body());
        assertEquals(5, reply.object().getInt("folder_count"), reply.body());
      }
    }
    System.out.println("ClusterIT: 40 concurrent searches for one token on two nodes: " + statuses);
    assertEquals(1, upstreamSearches(token), "one upstream search between both nodes");
    // The first answer is stored now: both nodes answer from it for the rest of the window.
    for (ClusterNode node : List.of(nodeA, nodeB)) {
      Http.Answer again = Http.get(node.api(path));
      assertEquals(200, again.status(), node + ": " + again.body());
      assertEquals(5, again.object().getInt("folder_count"));
    }
    assertEquals(1, upstreamSearches(token), "still one upstream search");
  }

  private static String notificationsControl(String pathAndQuery) {
    return "http://127.0.0.1:"
        + System.getProperty("simulator.port")
        + "/control/notifications/"
        + pathAndQuery;
  }

  private static long upstreamSearches(String token) {
    JsonObject requests =
        Http.get(notificationsControl("stats")).object().getJsonObject("requests");
    JsonObject mine = requests.getJsonObject(token);
    return mine == null || !mine.containsKey("search") ? 0 : number(mine, "search");
  }

  @Test
  @Order(6)
  void killingTheBptfHolderHandsItsStreamsToTheOtherNode() {
    Kill kill = killTheBptfHolder();
    ClusterNode killed = kill.killed();
    ClusterNode survivor = kill.survivor();
    Instant killedAt = kill.at();
    long epochBefore = kill.epochBefore();

    JsonObject taken =
        Eventually.await(
            survivor.name() + " to hold bptf and be connected within " + TAKEOVER + " of the kill",
            TAKEOVER,
            () -> {
              JsonObject stream = stream(survivor, "bptf");
              return consumer(survivor, stream).getBoolean("here")
                      && "connected".equals(stream.getString("state"))
                  ? stream
                  : null;
            });
    Duration tookOver = Duration.between(killedAt, Instant.now());
    JsonObject consumer = consumer(survivor, taken);
    assertEquals(survivor.name(), consumer.getString("instance"), "" + taken);
    assertTrue(
        consumer.getJsonNumber("epoch").longValue() > epochBefore,
        "a takeover starts a later epoch than " + epochBefore + ": " + taken);
    JsonObject takeover = consumer.getJsonObject("lastTakeover");
    assertNotNull(takeover, "the takeover is shown: " + taken);
    assertEquals(killed.name(), takeover.getString("from"), "" + takeover);
    assertEquals(survivor.name(), takeover.getString("to"), "" + takeover);
    assertFalse(takeover.getBoolean("released"), "a killed holder released nothing: " + takeover);
    assertFalse(
        Instant.parse(takeover.getString("at")).isBefore(killedAt.minusSeconds(1)),
        "taken over after the kill at " + killedAt + ": " + takeover);

    JsonObject gap =
        Eventually.await(
            "the gap of the takeover to be measured",
            PATIENCE,
            () -> {
              JsonObject last =
                  consumer(survivor, stream(survivor, "bptf")).getJsonObject("lastTakeover");
              return last.get("gapMillis").getValueType() == JsonValue.ValueType.NUMBER
                  ? last
                  : null;
            });
    assertTrue(gap.getJsonNumber("gapMillis").longValue() > 0, "a positive gap: " + gap);
    Instant lastBefore = Instant.parse(gap.getString("lastAppliedBefore"));
    Instant firstAfter = Instant.parse(gap.getString("firstAppliedAfter"));
    assertTrue(firstAfter.isAfter(lastBefore), "the gap runs forward: " + gap);
    System.out.println(
        "ClusterIT: bptf connected on "
            + survivor.name()
            + " "
            + tookOver.toMillis()
            + " ms after the kill (lease "
            + LEASE_SECONDS
            + " s); takeover gap "
            + gap.getJsonNumber("gapMillis")
            + " ms");

    Eventually.awaitTrue(
        "exactly one backpack.tf socket after the takeover",
        PATIENCE,
        () -> bptf.stats().getInt("openConnections") == 1);
    assertNoSocketRefusedSince(kill.bptfBefore());
    long applied = number(stream(survivor, "bptf"), "eventsApplied");
    Eventually.awaitTrue(
        "events to flow on " + survivor.name(),
        PATIENCE,
        () -> number(stream(survivor, "bptf"), "eventsApplied") > applied);
  }

  @Test
  @Order(7)
  void noEventIsAppliedTwiceAndSkinsharkIsResynced() throws SQLException {
    Kill kill = killTheBptfHolder();
    ClusterNode killed = kill.killed();
    ClusterNode survivor = kill.survivor();
    for (String source : SOURCES) {
      JsonObject held =
          Eventually.await(
              survivor.name() + " to hold " + source,
              TAKEOVER,
              () -> {
                JsonObject stream = stream(survivor, source);
                return consumer(survivor, stream).getBoolean("here")
                        && "connected".equals(stream.getString("state"))
                    ? stream
                    : null;
              });
      if (kill.heldByKilled().contains(source)) {
        JsonObject takeover = consumer(survivor, held).getJsonObject("lastTakeover");
        assertNotNull(takeover, source + " was taken over: " + held);
        assertEquals(killed.name(), takeover.getString("from"), "" + takeover);
        assertEquals(survivor.name(), takeover.getString("to"), "" + takeover);
      }
    }

    pauseAndDrain(survivor);
    assertNoSocketRefusedSince(kill.bptfBefore());
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      try (ResultSet rows =
          statement.executeQuery("SELECT COUNT(*) FROM listing_event WHERE source = 'bptf'")) {
        rows.next();
        assertTrue(rows.getLong(1) > 0, "the test reads the nodes' database");
      }
      // One log row per applied event; a sweep's row repeats its listing's last event.
      List<String> twice = new ArrayList<>();
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT source, event_id, COUNT(*) FROM listing_event WHERE event_kind <> 'sweep'"
                  + " GROUP BY source, event_id HAVING COUNT(*) > 1")) {
        while (rows.next()) {
          twice.add(rows.getString(1) + "/" + rows.getString(2) + " x" + rows.getLong(3));
        }
      }
      assertEquals(List.of(), twice, "events applied more than once");
      // Nor did any batch fail on the way (it would land in quarantine as "could not be stored").
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT COUNT(*) FROM quarantine WHERE reason LIKE 'could not be stored%'")) {
        rows.next();
        assertEquals(0, rows.getLong(1), "no batch failed on an event stored before");
      }
    }
    JsonObject skipped = stream(survivor, "bptf").getJsonObject("skippedSinceStart");
    assertEquals(0, number(skipped, "duplicates"), "the survivor was sent no event applied before");
    bptf.resume();

    skinshark.post("pause");
    Map<String, BigDecimal> feed = feed();
    Map<String, BigDecimal> view =
        Eventually.await(
            survivor.name() + "'s skinshark listings to equal the simulator's feed",
            PATIENCE,
            () -> {
              Map<String, BigDecimal> current = view(survivor);
              return current.equals(feed) ? current : null;
            });
    assertTrue(view.size() > 1000, "a feed of several pages: " + view.size());
    assertEquals(
        number(skinshark.feed(SUB_USER), "total"),
        view.size(),
        "as many live skinshark listings as the simulator's feed holds");
    assertEquals(1, skinsharkSockets(), "one skinshark socket");
  }

  /**
   * The SIGKILL of the node holding backpack.tf, and what it held: the state the last two tests
   * need.
   *
   * @param bptfBefore the simulator's counters just before the kill
   * @param epochBefore the bptf lease's epoch the survivor saw before
   */
  private record Kill(
      ClusterNode killed,
      ClusterNode survivor,
      Set<String> heldByKilled,
      Instant at,
      long epochBefore,
      JsonObject bptfBefore) {}

  /**
   * Kills the bptf holder, once: whichever test needs the kill first does it, so that the test
   * after it checks the survivor even when the one before failed on its own assertions.
   */
  private static synchronized Kill killTheBptfHolder() {
    if (kill != null) {
      return kill;
    }
    ClusterNode holder = holder("bptf");
    ClusterNode other = other(holder);
    Set<String> held = new HashSet<>();
    for (String source : SOURCES) {
      if (holder(source) == holder) {
        held.add(source);
      }
    }
    long epochBefore = consumer(other, stream(other, "bptf")).getJsonNumber("epoch").longValue();
    JsonObject bptfBefore = bptf.stats();
    Instant killedAt = Instant.now();
    holder.kill();
    assertFalse(holder.alive(), holder + " is gone");
    kill = new Kill(holder, other, Set.copyOf(held), killedAt, epochBefore, bptfBefore);
    return kill;
  }

  /**
   * The node holding {@code source}'s lease, once exactly one node does, the other stands by and
   * both name the holder. Both holding it at once fails at once.
   */
  private static ClusterNode holder(String source) {
    return Eventually.await(
        "exactly one node to run " + source + " and the other to stand by",
        PATIENCE,
        () -> {
          JsonObject a = stream(nodeA, source);
          JsonObject b = stream(nodeB, source);
          boolean hereA = consumer(nodeA, a).getBoolean("here");
          boolean hereB = consumer(nodeB, b).getBoolean("here");
          assertFalse(hereA && hereB, "both nodes run " + source + ": " + a + " and " + b);
          if (!hereA && !hereB) {
            return null;
          }
          ClusterNode holder = hereA ? nodeA : nodeB;
          JsonObject held = hereA ? a : b;
          JsonObject standing = hereA ? b : a;
          boolean settled =
              "connected".equals(held.getString("state"))
                  && "standby".equals(standing.getString("state"))
                  && holder.name().equals(instance(consumer(holder, held)))
                  && holder.name().equals(instance(consumer(other(holder), standing)));
          return settled ? holder : null;
        });
  }

  private static ClusterNode other(ClusterNode node) {
    return node == nodeA ? nodeB : nodeA;
  }

  private static JsonObject stream(ClusterNode node, String source) {
    return Http.get(node.api("streams")).array().stream()
        .map(JsonValue::asJsonObject)
        .filter(s -> s.getString("source").equals(source))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + source + " stream on " + node));
  }

  private static JsonObject consumer(ClusterNode node, JsonObject stream) {
    JsonValue consumer = stream.get("consumer");
    if (consumer == null || consumer.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new AssertionError("no consumer object in " + node + "'s /api/streams: " + stream);
    }
    return consumer.asJsonObject();
  }

  private static String instance(JsonObject consumer) {
    return consumer.isNull("instance") ? null : consumer.getString("instance");
  }

  private static long number(JsonObject json, String name) {
    return json.getJsonNumber(name).longValue();
  }

  /** The answer's object, or null while the node does not answer 200. */
  private static JsonObject objectOrNull(ClusterNode node, String path) {
    Http.Answer answer = Http.get(node.api(path));
    return answer.status() == 200 ? answer.object() : null;
  }

  private static JsonObject okObject(ClusterNode node, String path) {
    Http.Answer answer = Http.get(node.api(path));
    assertEquals(200, answer.status(), node + " /api/" + path + ": " + answer.body());
    return answer.object();
  }

  private static String total(JsonObject page) {
    return page.getJsonNumber("total") + (page.getBoolean("totalExact") ? "" : "+");
  }

  private static List<String> matches(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  private static void assertNoSocketRefused() {
    assertNoSocketRefusedSince(bptfAtStart);
  }

  /** No second backpack.tf socket was refused since {@code before}, the simulator's counters. */
  private static void assertNoSocketRefusedSince(JsonObject before) {
    JsonObject now = bptf.stats();
    assertEquals(
        number(before, "connectionsRefused"),
        number(now, "connectionsRefused"),
        "never a second backpack.tf socket beside the first: " + now);
  }

  private static long skinsharkSockets() {
    return number(
        skinshark.stats().getJsonObject("subUsers").getJsonObject(SUB_USER), "openConnections");
  }

  /**
   * Pauses backpack.tf and waits until {@code holder} has applied the last event sent: its listing
   * carries it, and nothing is queued.
   */
  private static JsonObject pauseAndDrain(ClusterNode holder) {
    JsonObject sent = bptf.pause();
    String lastEventId = sent.getString("lastEventId");
    String listing =
        "listings/bptf/"
            + URLEncoder.encode(sent.getString("lastListingId"), StandardCharsets.UTF_8);
    return Eventually.await(
        holder.name() + " to apply the last event sent, " + lastEventId,
        PATIENCE,
        () -> {
          JsonObject stream = stream(holder, "bptf");
          if (number(stream, "queueDepth") != 0 || number(stream, "lagMillis") != 0) {
            return null;
          }
          Http.Answer answer = Http.get(holder.api(listing));
          return answer.status() == 200
                  && lastEventId.equals(answer.object().getString("lastEventId"))
              ? stream
              : null;
        });
  }

  /** A node's live skinshark listings, id to value, read cheapest first page by page. */
  private static Map<String, BigDecimal> view(ClusterNode node) {
    Map<String, BigDecimal> view = new TreeMap<>();
    for (int page = 1; ; page++) {
      List<JsonValue> items =
          okObject(node, "listings?source=skinshark&sort=value&limit=500&page=" + page)
              .getJsonArray("items");
      for (JsonValue item : items) {
        JsonObject listing = item.asJsonObject();
        view.put(
            listing.getString("id"),
            ((JsonNumber) listing.get("value")).bigDecimalValue().stripTrailingZeros());
      }
      if (items.size() < 500) {
        return view;
      }
    }
  }

  /** The simulator's current feed for the sub-user, id to price. */
  private static Map<String, BigDecimal> feed() {
    Map<String, BigDecimal> feed = new TreeMap<>();
    for (JsonValue item : skinshark.feed(SUB_USER).getJsonArray("items")) {
      JsonObject listing = item.asJsonObject();
      feed.put(
          listing.getString("id"),
          listing.getJsonNumber("price").bigDecimalValue().stripTrailingZeros());
    }
    return feed;
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /**
   * The database both nodes share and the test reads underneath them: a fresh schema in the run's
   * PostgreSQL, or an H2 server in this JVM (Payara's own H2, 2.2.224, is the nodes' driver; the
   * server is the same version, from the test class path).
   */
  static final class SharedDatabase implements AutoCloseable {

    final String url;
    final String user;
    final String password;
    private final String postgresUrl;
    private final String schema;
    private final Server h2;

    private SharedDatabase(
        String url, String user, String password, String postgresUrl, String schema, Server h2) {
      this.url = url;
      this.user = user;
      this.password = password;
      this.postgresUrl = postgresUrl;
      this.schema = schema;
      this.h2 = h2;
    }

    static SharedDatabase create(Path directory) {
      String postgres = setting("tradewatch.test.postgres.url", "TRADEWATCH_TEST_POSTGRES_URL");
      return postgres == null ? h2(directory.resolve("h2")) : postgres(postgres);
    }

    private static String setting(String property, String variable) {
      String value = System.getProperty(property, System.getenv(variable));
      return value == null || value.isBlank() ? null : value;
    }

    private static SharedDatabase postgres(String postgresUrl) {
      String user = setting("tradewatch.test.postgres.user", "TRADEWATCH_TEST_POSTGRES_USER");
      String password =
          setting("tradewatch.test.postgres.password", "TRADEWATCH_TEST_POSTGRES_PASSWORD");
      String schema = "cluster_" + UUID.randomUUID().toString().replace("-", "");
      try (Connection connection = DriverManager.getConnection(postgresUrl, user, password);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE SCHEMA " + schema);
      } catch (SQLException e) {
        throw new IllegalStateException("PostgreSQL at " + postgresUrl + " is not reachable", e);
      }
      String url =
          postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      return new SharedDatabase(url, user, password, postgresUrl, schema, null);
    }

    private static SharedDatabase h2(Path directory) {
      // Listen on loopback only (read when H2 first opens a server socket in this JVM); without
      // -tcpAllowOthers it also refuses anyone else.
      if (System.getProperty("h2.bindAddress") == null) {
        System.setProperty("h2.bindAddress", "127.0.0.1");
      }
      int port = ClusterNode.freePort();
      try {
        Server server =
            Server.createTcpServer(
                    "-tcpPort",
                    Integer.toString(port),
                    "-ifNotExists",
                    "-baseDir",
                    directory.toAbsolutePath().toString())
                .start();
        SharedDatabase database =
            new SharedDatabase(
                "jdbc:h2:tcp://127.0.0.1:" + port + "/cluster",
                "tradewatch",
                "tradewatch",
                null,
                null,
                server);
        // The first connection creates the database with these credentials.
        database.connect().close();
        return database;
      } catch (SQLException e) {
        throw new IllegalStateException("cannot start an H2 server on port " + port, e);
      }
    }

    Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
      if (h2 != null) {
        h2.stop();
        return;
      }
      try (Connection connection = DriverManager.getConnection(postgresUrl, user, password);
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA " + schema + " CASCADE");
      } catch (SQLException e) {
        throw new IllegalStateException("could not drop the schema " + schema, e);
      }
    }
  }

  /** A word of recent bptf listings' item names: one the stream brings again. */
  private static String commonWordOf(ClusterNode node) {
    String word = CommonWord.in(Http.get(node.api("listings?source=bptf&limit=50")).object());
    return word == null ? "strange" : word;
  }
}
