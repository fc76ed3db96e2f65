package org.tradewatch.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The skinshark live market end to end: the real WAR on Payara Micro syncs the simulator's market
 * over a real socket and REST into H2, checked through HTTP only. One deployment, ordered tests;
 * the configuration-error case runs last because it stops the consumer for good.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SkinsharkStreamIT extends DeployedIT {

  private static final String SUB_USER = "user_42";
  private static Simulator simulator;

  @Deployment(testable = false)
  static WebArchive tradewatch() {
    return war();
  }

  @BeforeAll
  static void simulatorIsUp() {
    simulator = Simulator.skinshark().awaitUp();
    simulator.post("config?eventsPerSecond=20");
    simulator.post("resume");
  }

  @AfterAll
  static void restoreTheSimulator() {
    simulator.post("scopes?scopes=market,deposit,trade");
    simulator.post("fee?subUser=" + SUB_USER + "&tier=standard");
    simulator.post("config?eventsPerSecond=0");
    simulator.post("resume");
  }

  private JsonObject stream(String source) {
    return Http.get(api("streams")).array().stream()
        .map(JsonValue::asJsonObject)
        .filter(s -> s.getString("source").equals(source))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + source + " stream in /api/streams"));
  }

  private static long number(JsonObject json, String name) {
    return json.getJsonNumber(name).longValue();
  }

  /** Tradewatch's live skinshark listings, id to value, read cheapest first page by page. */
  private Map<String, BigDecimal> view() {
    Map<String, BigDecimal> view = new TreeMap<>();
    for (int page = 1; ; page++) {
      // Within a page only: while the view is still catching up, listings move between pages.
      BigDecimal previous = BigDecimal.ZERO;
      JsonObject answer =
          Http.get(api("listings?source=skinshark&sort=value&limit=500&page=" + page)).object();
      List<JsonValue> items = answer.getJsonArray("items");
      for (JsonValue item : items) {
        JsonObject listing = item.asJsonObject();
        BigDecimal value = listing.getJsonNumber("value").bigDecimalValue();
        assertTrue(value.compareTo(previous) >= 0, "cheapest first");
        previous = value;
        assertEquals("USD", listing.getString("valueUnit"));
        view.put(listing.getString("id"), value.stripTrailingZeros());
      }
      if (items.size() < 500) {
        return view;
      }
    }
  }

  /** The simulator's current feed for the sub-user, id to price. */
  private static Map<String, BigDecimal> feed() {
    Map<String, BigDecimal> feed = new TreeMap<>();
    for (JsonValue item : simulator.feed(SUB_USER).getJsonArray("items")) {
      JsonObject listing = item.asJsonObject();
      feed.put(
          listing.getString("id"),
          listing.getJsonNumber("price").bigDecimalValue().stripTrailingZeros());
    }
    return feed;
  }

  /**
   * Pauses the market, then waits until Tradewatch's view equals the simulator's feed: with no more
   * changes, whatever was sent must have been applied and nothing else.
   */
  private Map<String, BigDecimal> pauseAndAwaitViewEqualsFeed() {
    simulator.post("pause");
    Map<String, BigDecimal> feed = feed();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Map<String, BigDecimal> view = view();
    while (!view.equals(feed) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
      view = view();
    }
    if (!view.equals(feed)) {
      Set<String> missing = new HashSet<>(feed.keySet());
      missing.removeAll(view.keySet());
      Set<String> extra = new HashSet<>(view.keySet());
      extra.removeAll(feed.keySet());
      List<String> wrongPrice = new ArrayList<>();
      Map<String, BigDecimal> last = view;
      feed.forEach(
          (id, price) -> {
            if (last.containsKey(id) && !last.get(id).equals(price)) {
              wrongPrice.add(id + " " + last.get(id) + " != " + price);
            }
          });
      throw new AssertionError(
          "view differs from the feed: missing "
              + missing
              + ", extra "
              + extra
              + ", wrong prices "
              + wrongPrice);
    }
    assertEquals(
        feed.size(),
        number(simulator.feed(SUB_USER), "total"),
        "the feed's total is its number of items");
    return feed;
  }

  private JsonObject awaitReconnected(long reconnectsBefore) {
    return Eventually.await(
        "the skinshark consumer to reconnect",
        PATIENCE,
        () -> {
          JsonObject stream = stream("skinshark");
          return number(stream, "reconnects") > reconnectsBefore
                  && "connected".equals(stream.getString("state"))
              ? stream
              : null;
        });
  }

  private static long subUserSockets() {
    return number(
        simulator.stats().getJsonObject("subUsers").getJsonObject(SUB_USER), "openConnections");
  }

  @Test
  @Order(1)
  void theViewEqualsTheFeedAfterABurstDuringTheSnapshotLoad() {
    // eventsApplied continues the counters an earlier deployment saved, so wait for this one's
    // socket and snapshot (the connected state comes with the socket; the snapshot follows).
    Eventually.awaitTrue(
        "this deployment's socket and first snapshot",
        PATIENCE,
        () -> {
          JsonObject stream = stream("skinshark");
          return "connected".equals(stream.getString("state"))
              && subUserSockets() == 1
              && number(stream, "framesReceived") > 0
              && number(stream, "eventsApplied") > 500;
        });
    long reconnects = number(stream("skinshark"), "reconnects");
    long burstsBefore = number(simulator.stats(), "burstsDelivered");

    simulator.post("burst?events=600");
    assertEquals(1, simulator.post("drop?code=1012").getInt("closedConnections"));
    awaitReconnected(reconnects);
    Eventually.awaitTrue(
        "the burst to go out during the snapshot load",
        PATIENCE,
        () -> number(simulator.stats(), "burstsDelivered") > burstsBefore);

    Map<String, BigDecimal> feed = pauseAndAwaitViewEqualsFeed();
    assertTrue(feed.size() > 1000, "a feed of several pages: " + feed.size());
    assertTrue(subUserSockets() <= 1, "never more than one socket");

    JsonObject cheapest =
        Http.get(api("listings?source=skinshark&sort=value&limit=1"))
            .object()
            .getJsonArray("items")
            .getJsonObject(0);
    assertEquals(
        feed.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getValue(),
        cheapest.getJsonNumber("value").bigDecimalValue().stripTrailingZeros());
    assertEquals("skinshark", cheapest.getString("source"));
    assertEquals(730, cheapest.getInt("appid"));
    assertEquals(cheapest.getString("id"), cheapest.getJsonObject("payload").getString("id"));
    simulator.post("resume");

    Set<String> sources = new HashSet<>();
    Http.get(api("streams"))
        .array()
        .forEach(s -> sources.add(s.asJsonObject().getString("source")));
    assertEquals(Set.of("bptf", "skinshark"), sources, "/api/streams shows both sources");
  }

  @Test
  @Order(2)
  void aTicketExpiringMidSessionIsRenewed() {
    JsonObject before = simulator.stats();
    long reconnects = number(stream("skinshark"), "reconnects");

    JsonObject expired = simulator.post("expire-tickets");
    assertEquals(1, expired.getInt("closedConnections"), "Tradewatch held exactly one socket");
    awaitReconnected(reconnects);

    JsonObject after = simulator.stats();
    assertTrue(
        number(after.getJsonObject("closes"), "4001")
            > number(before.getJsonObject("closes"), "4001"),
        "the socket was closed with 4001");
    assertTrue(number(after, "ticketsMinted") > number(before, "ticketsMinted"), "a new ticket");
    assertTrue(
        number(after, "connectionsAccepted") > number(before, "connectionsAccepted"),
        "and the new ticket was accepted");
    pauseAndAwaitViewEqualsFeed();
    simulator.post("resume");
  }

  @Test
  @Order(3)
  void aFeeChangeShowsAfterTheReconnect() {
    Map<String, BigDecimal> atStandard = pauseAndAwaitViewEqualsFeed();
    simulator.post("fee?subUser=" + SUB_USER + "&tier=vip");
    assertEquals(atStandard, view(), "nothing changes before the next connection");

    long reconnects = number(stream("skinshark"), "reconnects");
    simulator.post("drop?code=1012");
    awaitReconnected(reconnects);
    Map<String, BigDecimal> atVip = pauseAndAwaitViewEqualsFeed();
    assertEquals(
        0,
        simulator
            .stats()
            .getJsonObject("subUsers")
            .getJsonObject(SUB_USER)
            .getJsonNumber("feePercent")
            .bigDecimalValue()
            .signum());
    int cheaper = 0;
    for (Map.Entry<String, BigDecimal> entry : atVip.entrySet()) {
      BigDecimal old = atStandard.get(entry.getKey());
      if (old != null && entry.getValue().compareTo(old) < 0) {
        cheaper++;
      }
    }
    assertTrue(cheaper > atVip.size() / 2, cheaper + " of " + atVip.size() + " got cheaper");
    simulator.post("fee?subUser=" + SUB_USER + "&tier=standard");
    simulator.post("resume");
  }

  @Test
  @Order(4)
  void aDroppedConnectionResyncsAndRemovesWhatVanishedWhileAway() {
    Map<String, BigDecimal> before = pauseAndAwaitViewEqualsFeed();
    long reconnects = number(stream("skinshark"), "reconnects");

    simulator.post("drop?code=1012&silentEvents=600");
    awaitReconnected(reconnects);
    Map<String, BigDecimal> after = pauseAndAwaitViewEqualsFeed();

    Set<String> vanished = new HashSet<>(before.keySet());
    vanished.removeAll(after.keySet());
    assertFalse(vanished.isEmpty(), "listings were removed while Tradewatch was away");
    String gone = vanished.iterator().next();
    JsonObject listing = Http.get(api("listings/skinshark/" + gone)).object();
    assertEquals(JsonValue.ValueType.STRING, listing.get("deletedAt").getValueType(), "" + listing);
    assertTrue(subUserSockets() <= 1, "never more than one socket");
    simulator.post("resume");
  }

  @Test
  @Order(5)
  void ticketsWithoutTheMarketScopeStopTheConsumerWithAConfigurationError() {
    simulator.post("scopes?scopes=deposit,trade");
    simulator.post("drop?code=1012");
    JsonObject stopped =
        Eventually.await(
            "the consumer to stop on 4003",
            PATIENCE,
            () -> {
              JsonObject stream = stream("skinshark");
              return "stopped".equals(stream.getString("state")) ? stream : null;
            });
    assertTrue(stopped.getString("problem").contains("4003"), stopped.toString());
    assertTrue(stopped.getString("problem").contains("configuration error"), stopped.toString());

    Http.Answer ready = Http.get("http://127.0.0.1:" + base.getPort() + "/health/ready");
    assertEquals(503, ready.status(), ready.body());
    assertTrue(ready.body().contains("market scope"), ready.body());

    // Not retried: across several back-off periods no ticket is minted and no socket opened.
    JsonObject atStop = simulator.stats();
    long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject now = simulator.stats();
      assertEquals(number(atStop, "ticketsMinted"), number(now, "ticketsMinted"), "no retry");
      assertEquals(0, subUserSockets());
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
    }
    assertEquals("stopped", stream("skinshark").getString("state"));
    assertNotEquals("stopped", stream("bptf").getString("state"), "backpack.tf is unaffected");
  }
}
