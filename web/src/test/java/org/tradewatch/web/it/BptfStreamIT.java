package org.tradewatch.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The backpack.tf stream end to end: the real WAR on Payara Micro consumes the real simulator over
 * a real socket into a real H2 file database, and everything is checked through HTTP.
 *
 * <p>The tests share one deployment (one Payara Micro start) and run in order, each leaving the
 * simulator streaming.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BptfStreamIT extends DeployedIT {

  private static Simulator simulator;

  @Deployment(testable = false)
  static WebArchive tradewatch() {
    return war();
  }

  /**
   * The counts, the simulator's and this deployment's, when the tests began: other test classes'
   * deployments consume the same simulator and store their counters in the same database, and which
   * of them ran before this one depends on the build, so every count is taken from here.
   */
  private static JsonObject sentBefore;

  private static JsonObject streamBefore;

  @BeforeAll
  static void simulatorIsUp() {
    simulator = new Simulator().awaitUp();
    simulator.configure("eventsPerSecond=400&frameSize=200&restart=false");
  }

  /**
   * Before the first test: this deployment runs the stream (an earlier deployment on the same
   * database may hold the lease until it lapses), then, quiet, has applied all it received.
   */
  @BeforeEach
  void streamIsOurs() {
    streamBefore();
  }

  private JsonObject streamBefore() {
    if (streamBefore == null) {
      Eventually.awaitTrue(
          "this deployment to run the stream",
          PATIENCE,
          () -> bptfStream().getString("state").equals("connected"));
      sentBefore = simulator.pause();
      streamBefore =
          Eventually.await(
              "this deployment to apply what it received before the tests",
              PATIENCE,
              () -> {
                JsonObject first = bptfStream();
                JsonObject second = bptfStream();
                boolean settled =
                    number(first, "framesReceived") == number(second, "framesReceived")
                        && number(second, "queueDepth") == 0
                        && number(second, "lagMillis") == 0;
                return settled ? second : null;
              });
      sentBefore = simulator.stats();
      simulator.resume();
    }
    return streamBefore;
  }

  /** {@code name} of {@code now} less what it was before the tests. */
  private static long since(JsonObject now, JsonObject before, String name) {
    return number(now, name) - number(before, name);
  }

  /** Leaves the simulator streaming even when a test failed while it was paused. */
  @AfterEach
  void streamGoesOn() {
    simulator.resume();
  }

  private JsonObject bptfStream() {
    return Http.get(api("streams")).array().stream()
        .map(JsonValue::asJsonObject)
        .filter(s -> s.getString("source").equals("bptf"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no bptf stream in /api/streams"));
  }

  private static long number(JsonObject json, String name) {
    return json.getJsonNumber(name).longValue();
  }

  /**
   * Pauses the simulator and waits until Tradewatch has applied every frame it was sent; then every
   * event the simulator counts as sent must be accounted for: applied or skipped by the rules, or
   * quarantined.
   */
  private JsonObject pauseAndDrain() {
    JsonObject before = streamBefore();
    JsonObject sent = simulator.pause();
    long framesSent = since(sent, sentBefore, "framesSent");
    return Eventually.await(
        "Tradewatch to apply the " + framesSent + " frames sent",
        PATIENCE,
        () -> {
          JsonObject stream = bptfStream();
          boolean drained =
              since(stream, before, "framesReceived") == framesSent
                  && number(stream, "queueDepth") == 0;
          return drained && number(stream, "lagMillis") == 0 ? stream : null;
        });
  }

  private void assertEveryEventAccountedFor(JsonObject stream, JsonObject sent) {
    JsonObject before = streamBefore();
    long listingEvents =
        since(
                sent.getJsonObject("eventsByType"),
                sentBefore.getJsonObject("eventsByType"),
                "listing-update")
            + since(
                sent.getJsonObject("eventsByType"),
                sentBefore.getJsonObject("eventsByType"),
                "listing-delete");
    assertEquals(
        listingEvents,
        since(stream, before, "eventsApplied") + since(stream, before, "eventsSkipped"),
        "listing events sent = applied + skipped; stream " + stream + ", simulator " + sent);
    assertEquals(
        since(sent, sentBefore, "malformedFramesSent"),
        since(stream, before, "quarantined"),
        "one quarantined input per malformed frame");
  }

  @Test
  @Order(1)
  void listingsArriveAndAreQueryable() {
    JsonObject page =
        Eventually.await(
            "listings to arrive",
            PATIENCE,
            () -> {
              JsonObject answer = Http.get(api("listings?source=bptf&limit=50")).object();
              return answer.getJsonNumber("total").longValue() > 100 ? answer : null;
            });
    assertEquals(1, page.getInt("page"));
    assertEquals(50, page.getInt("limit"));
    assertEquals(50, page.getJsonArray("items").size());
    JsonObject first = page.getJsonArray("items").getJsonObject(0);
    for (String field :
        List.of(
            "source",
            "id",
            "appid",
            "itemName",
            "quality",
            "intent",
            "currencies",
            "value",
            "valueUnit",
            "sellerId",
            "sellerName",
            "details",
            "listedAt",
            "bumpedAt",
            "updatedAt",
            "deletedAt",
            "payload")) {
      assertTrue(first.containsKey(field), "listing JSON has " + field + ": " + first);
    }
    assertEquals("bptf", first.getString("source"));
    assertEquals(JsonValue.ValueType.NULL, first.get("deletedAt").getValueType());
    assertEquals(first.getString("id"), first.getJsonObject("payload").getString("id"));

    JsonObject stream = bptfStream();
    assertEquals("connected", stream.getString("state"));
    assertNotNull(stream.getString("connectedSince"));
    assertTrue(number(stream, "eventsApplied") > 0);

    JsonObject one =
        Http.get(
                api(
                    "listings/bptf/"
                        + URLEncoder.encode(first.getString("id"), StandardCharsets.UTF_8)))
            .object();
    assertEquals(first.getString("id"), one.getString("id"));
    assertFalse(one.getJsonArray("history").isEmpty(), "history of " + one);
    assertEquals(
        one.getString("lastEventId"),
        one.getJsonArray("history").getJsonObject(0).getString("eventId"),
        "history is newest first and starts with the event last applied");
  }

  @Test
  @Order(2)
  void everyEventSentIsAccountedForAndTheLastOneIsStored() {
    JsonObject stream = pauseAndDrain();
    JsonObject sent = simulator.stats();
    assertEveryEventAccountedFor(stream, sent);

    // A batch's listings share one updatedAt, so look the listing up rather than sort for it.
    String lastEventId = sent.getString("lastEventId");
    JsonObject listing =
        Http.get(
                api(
                    "listings/bptf/"
                        + URLEncoder.encode(
                            sent.getString("lastListingId"), StandardCharsets.UTF_8)))
            .object();
    assertEquals(
        lastEventId,
        listing.getString("lastEventId"),
        "the simulator's last event is its listing's last applied event");
    simulator.resume();
  }

  @Test
  @Order(3)
  void malformedInputIsQuarantinedAndTheRestOfItsFrameApplies() {
    long quarantinedBefore = number(bptfStream(), "quarantined");
    JsonObject frame = simulator.malformed("event");
    assertTrue(frame.getInt("validEvents") > 0, "the bad frame also carries good events: " + frame);
    Eventually.awaitTrue(
        "the bad event to be quarantined",
        PATIENCE,
        () -> number(bptfStream(), "quarantined") == quarantinedBefore + 1);

    simulator.malformed("json");
    Eventually.awaitTrue(
        "the broken frame to be quarantined",
        PATIENCE,
        () -> number(bptfStream(), "quarantined") == quarantinedBefore + 2);

    long appliedAfter = number(bptfStream(), "eventsApplied");
    Eventually.awaitTrue(
        "the stream to go on after bad input",
        PATIENCE,
        () -> number(bptfStream(), "eventsApplied") > appliedAfter);

    JsonObject stream = pauseAndDrain();
    assertEveryEventAccountedFor(stream, simulator.stats());
    assertEquals("connected", stream.getString("state"));
    simulator.resume();
  }

  @Test
  @Order(4)
  void aSimulatorRestartIsSurvivedWithOneConnectionAtATime() {
    long reconnectsBefore = number(bptfStream(), "reconnects");
    assertEquals(1, simulator.drop().getInt("closedConnections"));
    Eventually.awaitTrue(
        "Tradewatch to reconnect",
        PATIENCE,
        () -> {
          JsonObject stream = bptfStream();
          return number(stream, "reconnects") > reconnectsBefore
              && stream.getString("state").equals("connected");
        });
    long applied = number(bptfStream(), "eventsApplied");
    Eventually.awaitTrue(
        "events to flow again", PATIENCE, () -> number(bptfStream(), "eventsApplied") > applied);

    JsonObject stream = pauseAndDrain();
    JsonObject sent = simulator.stats();
    assertEveryEventAccountedFor(stream, sent);
    assertEquals(1, sent.getInt("openConnections"), "exactly one socket open: " + sent);
    assertEquals(
        0, sent.getInt("connectionsRefused"), "never a second socket beside the first: " + sent);
    assertEquals(
        since(stream, streamBefore(), "reconnects"),
        since(sent, sentBefore, "connectionsAccepted"),
        "every accepted connection is one of Tradewatch's, opened one after another");
    simulator.resume();
  }

  @Test
  @Order(5)
  void aSilentSocketIsReplacedByTheWatchdog() {
    long reconnectsBefore = number(bptfStream(), "reconnects");
    simulator.pause();
    Eventually.awaitTrue(
        "the watchdog to replace the silent socket (idle timeout 8 s)",
        PATIENCE,
        () -> number(bptfStream(), "reconnects") > reconnectsBefore);
    JsonObject sent = simulator.resume();
    assertEquals(0, sent.getInt("connectionsRefused"), "never a second socket: " + sent);
  }

  @Test
  @Order(6)
  void searchFiltersSortsAndPages() {
    Http.Answer first = Http.get(api("listings?limit=500"));
    // Each answer says how long the server worked on it, for the query benchmark and browsers.
    String timing = first.header("Server-Timing");
    assertNotNull(timing, "a Server-Timing header");
    assertTrue(timing.matches("app;dur=\\d+\\.\\d"), timing);
    JsonObject all = first.object();
    long total = all.getJsonNumber("total").longValue();
    assertTrue(total > 100);

    JsonObject sample = all.getJsonArray("items").getJsonObject(0);
    String name = sample.getString("itemName");
    String part = name.substring(0, Math.min(5, name.length())).toUpperCase(Locale.ROOT);
    JsonObject byName =
        Http.get(api("listings?q=" + URLEncoder.encode(part, StandardCharsets.UTF_8))).object();
    assertTrue(byName.getJsonNumber("total").longValue() >= 1);
    byName.getJsonArray("items").stream()
        .map(JsonValue::asJsonObject)
        .forEach(
            l ->
                assertTrue(
                    l.getString("itemName").toUpperCase(Locale.ROOT).contains(part),
                    l.getString("itemName") + " contains " + part));

    JsonObject cheapest = Http.get(api("listings?sort=value&limit=200")).object();
    BigDecimal previous = BigDecimal.valueOf(-1);
    for (JsonValue item : cheapest.getJsonArray("items")) {
      JsonValue value = item.asJsonObject().get("value");
      if (value.getValueType() == JsonValue.ValueType.NUMBER) {
        BigDecimal current = ((JsonNumber) value).bigDecimalValue();
        assertTrue(current.compareTo(previous) >= 0, "ascending by value");
        previous = current;
      }
    }

    JsonObject range =
        Http.get(api("listings?minValue=10&maxValue=100&intent=buy&limit=500")).object();
    range.getJsonArray("items").stream()
        .map(JsonValue::asJsonObject)
        .forEach(
            l -> {
              assertEquals("buy", l.getString("intent"));
              BigDecimal value = l.getJsonNumber("value").bigDecimalValue();
              assertTrue(
                  value.compareTo(BigDecimal.TEN) >= 0
                      && value.compareTo(BigDecimal.valueOf(100)) <= 0);
            });

    JsonObject page2 = Http.get(api("listings?sort=value&limit=10&page=2")).object();
    assertEquals(2, page2.getInt("page"));
    assertTrue(page2.getJsonArray("items").size() <= 10);

    long withDeleted =
        Http.get(api("listings?includeDeleted=true&limit=1"))
            .object()
            .getJsonNumber("total")
            .longValue();
    assertTrue(withDeleted >= total);
    Eventually.await("a deleted listing", PATIENCE, this::aDeletedListing);
    // A later update revives a deleted listing, so compare the two reads with the stream still.
    pauseAndDrain();
    try {
      JsonObject deleted = aDeletedListing();
      assertNotNull(deleted, "a deleted listing after the drain");
      JsonObject deletedOne =
          Http.get(
                  api(
                      "listings/bptf/"
                          + URLEncoder.encode(deleted.getString("id"), StandardCharsets.UTF_8)))
              .object();
      assertEquals(
          deleted.getString("deletedAt"),
          deletedOne.getString("deletedAt"),
          "deleted listings are kept");
    } finally {
      simulator.resume();
    }
  }

  private JsonObject aDeletedListing() {
    return Http.get(api("listings?source=bptf&includeDeleted=true&sort=-updated&limit=500"))
        .object()
        .getJsonArray("items")
        .stream()
        .map(JsonValue::asJsonObject)
        .filter(l -> l.get("deletedAt").getValueType() == JsonValue.ValueType.STRING)
        .findFirst()
        .orElse(null);
  }

  @Test
  @Order(7)
  void badParametersAreRefusedNamingTheParameter() {
    for (String[] bad :
        new String[][] {
          {"limit=0", "limit"},
          {"limit=501", "limit"},
          {"limit=ten", "limit"},
          {"page=0", "page"},
          {"sort=price", "sort"},
          {"source=ebay", "source"},
          {"intent=trade", "intent"},
          {"appid=-1", "appid"},
          {"minValue=cheap", "minValue"},
          {"maxValue=-5", "maxValue"},
          {"minValue=10&maxValue=5", "minValue"},
          {"includeDeleted=maybe", "includeDeleted"},
          {"after=bptf/440_1", "after"},
          {"sort=key&after=nowhere", "after"},
          {"sort=key&after=ebay/1", "after"},
          {"sort=key&page=2&after=bptf/440_1", "after"},
          {"effect=13", "effect"},
          {"killstreak=4", "killstreak"},
          {"killstreak=strange", "killstreak"},
          {"craftable=maybe", "craftable"},
          {"australium=1", "australium"},
          {"wear=Mint", "wear"},
        }) {
      Http.Answer answer = Http.get(api("listings?" + bad[0]));
      assertEquals(400, answer.status(), bad[0] + " → " + answer.body());
      assertTrue(
          answer.object().getString("message").contains(bad[1]),
          bad[0] + " names " + bad[1] + ": " + answer.body());
    }
    Http.Answer missing = Http.get(api("listings/bptf/440_0"));
    assertEquals(404, missing.status());
    assertTrue(missing.object().containsKey("message"));
    Http.Answer unknownSource = Http.get(api("listings/ebay/1"));
    assertEquals(404, unknownSource.status());
    Http.Answer unknownPath = Http.get(api("nothing-here"));
    assertEquals(404, unknownPath.status());
    assertTrue(unknownPath.object().containsKey("message"));
  }

  private String live(String query) {
    return root().replace("http://", "ws://") + "/api/listings/live" + query;
  }

  private static String key(JsonObject data) {
    return data.getString("source") + "/" + data.getString("id");
  }

  @Test
  @Order(9)
  void theLiveSocketSendsOnlyWhatPassesItsFilters() {
    try (LiveClient client = LiveClient.connect(live("?intent=buy&minValue=10"));
        LiveClient nothing = LiveClient.connect(live("?q=zzzznotathing"))) {
      Eventually.awaitTrue(
          "20 upserts on the live socket",
          PATIENCE,
          () ->
              client.messages.stream()
                      .filter(m -> m.getString("event").equals("listing.upsert"))
                      .count()
                  >= 20);
      // Issue #8: a socket whose filters nothing passes had a remove for every change it saw.
      assertEquals(
          List.of("ready"),
          nothing.messages.stream().map(m -> m.getString("event")).toList(),
          "no remove for a listing the client never had");
      assertEquals("ready", client.messages.get(0).getString("event"));
      assertEquals(
          "buy",
          client
              .messages
              .get(0)
              .getJsonObject("data")
              .getJsonObject("filters")
              .getString("intent"));
      // A copy: messages go on arriving, and a view of the live list fails when they do.
      List<JsonObject> received = List.copyOf(client.messages);
      for (JsonObject message : received.subList(1, received.size())) {
        String event = message.getString("event");
        assertTrue(event.equals("listing.upsert") || event.equals("listing.remove"), event);
        assertTrue(message.getJsonNumber("ts").longValue() > 0);
        if (event.equals("listing.upsert")) {
          JsonObject data = message.getJsonObject("data");
          assertEquals("buy", data.getString("intent"), message.toString());
          assertTrue(data.getJsonNumber("value").bigDecimalValue().compareTo(BigDecimal.TEN) >= 0);
          assertFalse(data.containsKey("payload"), "deltas leave the payload out");
        }
      }
    }
    try (LiveClient refused = LiveClient.connect(live("?minValue=cheap"))) {
      String closed = refused.closed.orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
      assertTrue(closed.startsWith("1003") && closed.contains("minValue"), closed);
    }
  }

  /**
   * The item filters on the live socket: only listings of non-craftable items when asked, and a bad
   * value, however long (the close reason has room for 123 bytes), closes it with 1003 naming the
   * parameter.
   */
  @Test
  @Order(16)
  void theLiveSocketTakesTheItemFilters() {
    try (LiveClient client = LiveClient.connect(live("?craftable=false&source=bptf"))) {
      Eventually.awaitTrue(
          "5 upserts of non-craftable items on the live socket",
          PATIENCE,
          () ->
              client.messages.stream()
                      .filter(m -> m.getString("event").equals("listing.upsert"))
                      .count()
                  >= 5);
      assertEquals(
          "false",
          client
              .messages
              .get(0)
              .getJsonObject("data")
              .getJsonObject("filters")
              .getString("craftable"));
      for (JsonObject message : List.copyOf(client.messages)) {
        if (message.getString("event").equals("listing.upsert")) {
          assertTrue(
              itemParts(message.getJsonObject("data")).contains("uncraftable"), message.toString());
        }
      }
    }
    for (String[] bad :
        new String[][] {
          {"?wear=Mint", "wear"},
          {"?killstreak=9", "killstreak"},
          {"?effect=" + "x".repeat(300), "effect"},
          {"?wear=" + "\u20ac".repeat(300), "wear"},
        }) {
      try (LiveClient refused =
          LiveClient.connect(
              live(
                  bad[0].substring(0, bad[0].indexOf('=') + 1)
                      + URLEncoder.encode(
                              bad[0].substring(bad[0].indexOf('=') + 1), StandardCharsets.UTF_8)
                          .replace("+", "%20")))) {
        String closed = refused.closed.orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
        assertTrue(closed.startsWith("1003") && closed.contains(bad[1]), closed);
      }
    }
  }

  /**
   * Issue #12: the filters traders use on backpack.tf. With the stream still, each answers exactly
   * the listings whose item has the effect, killstreak tier, craftable, australium or wear asked,
   * counted one by one over every live listing walked by key; and skinshark's skins by their wear.
   */
  @Test
  @Order(17)
  void theItemFiltersAnswerExactlyTheListingsWhoseItemsMatch() {
    JsonObject unusual =
        Eventually.await(
            "an unusual with an effect, and listings of every other kind asked below",
            PATIENCE,
            () -> {
              for (String filter :
                  List.of(
                      "killstreak=professional",
                      "craftable=false",
                      "australium=true",
                      "wear=Field-Tested")) {
                if (number(
                        Http.get(api("listings?source=bptf&limit=1&" + filter)).object(), "total")
                    == 0) {
                  return null;
                }
              }
              return Http.get(api("listings?source=bptf&quality=Unusual&limit=50"))
                  .object()
                  .getJsonArray("items")
                  .stream()
                  .map(JsonValue::asJsonObject)
                  .filter(l -> l.get("particle").getValueType() == JsonValue.ValueType.STRING)
                  .findFirst()
                  .orElse(null);
            });
    String effect = unusual.getString("particle");
    pauseAndDrain();
    try {
      List<JsonObject> every = walkListings("source=bptf");
      assertTrue(every.size() > 500, "a market to filter: " + every.size());
      Map<String, java.util.function.Predicate<JsonObject>> filters = new TreeMap<>();
      filters.put(
          "effect=" + effect.toUpperCase(Locale.ROOT),
          l -> effect.equals(l.getString("particle", null)) && !l.isNull("itemKey"));
      filters.put("killstreak=professional", l -> itemParts(l).contains("ks3"));
      filters.put("killstreak=1", l -> itemParts(l).contains("ks1"));
      filters.put(
          "killstreak=none", l -> itemParts(l).stream().noneMatch(part -> part.matches("ks[1-3]")));
      filters.put("craftable=false", l -> itemParts(l).contains("uncraftable"));
      filters.put("australium=true", l -> itemParts(l).contains("australium"));
      filters.put(
          "wear=FT",
          l -> !l.isNull("itemKey") && l.getString("itemName").endsWith("(Field-Tested)"));
      filters.put(
          "killstreak=specialized&craftable=true&intent=sell",
          l ->
              itemParts(l).contains("ks2")
                  && !itemParts(l).contains("uncraftable")
                  && "sell".equals(l.getString("intent", null)));
      for (Map.Entry<String, java.util.function.Predicate<JsonObject>> filter :
          filters.entrySet()) {
        List<String> expected =
            every.stream().filter(filter.getValue()).map(l -> l.getString("id")).toList();
        String query =
            "listings?source=bptf&sort=key&limit=500&" + filter.getKey().replace(" ", "%20");
        JsonObject answer = Http.get(api(query)).object();
        assertEquals(expected.size(), number(answer, "total"), filter.getKey() + ": exact total");
        assertTrue(expected.size() > 0, filter.getKey() + " matches some listing");
        assertEquals(
            expected.subList(0, Math.min(500, expected.size())),
            answer.getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getString("id"))
                .toList(),
            filter.getKey() + ": the first page, by key");
      }
      // A bptf skin states its wear tier as backpack.tf sends it.
      JsonObject skin =
          Http.get(api("listings?source=bptf&wear=Field-Tested&limit=1"))
              .object()
              .getJsonArray("items")
              .getJsonObject(0);
      assertEquals("Field-Tested", skin.getString("wear"), skin.toString());
    } finally {
      simulator.resume();
    }

    // skinshark's market (its snapshot, and deltas if a pace is set): every skin on the page has
    // the wear asked, in its name and its wear, and some have it.
    for (String wear : List.of("Factory New", "Battle-Scarred")) {
      JsonObject skins =
          Eventually.await(
              "skinshark listings " + wear,
              PATIENCE,
              () -> {
                JsonObject page =
                    Http.get(
                            api(
                                "listings?source=skinshark&limit=200&wear="
                                    + URLEncoder.encode(wear, StandardCharsets.UTF_8)))
                        .object();
                return number(page, "total") > 0 ? page : null;
              });
      for (JsonValue value : skins.getJsonArray("items")) {
        JsonObject listing = value.asJsonObject();
        assertTrue(listing.getString("wear").startsWith(wear), listing.toString());
        assertTrue(listing.getString("itemName").endsWith("(" + wear + ")"), listing.toString());
      }
    }
  }

  /** The parts of a listing's item key after its name (q-, e-, ks1-3, australium, ...). */
  private static List<String> itemParts(JsonObject listing) {
    if (listing.isNull("itemKey")) {
      return List.of();
    }
    String[] parts = listing.getString("itemKey").split("\\.", -1);
    return List.of(parts).subList(Math.min(3, parts.length), parts.length);
  }

  /** Every live listing passing {@code filter}, in key order, walked with the cursor. */
  private List<JsonObject> walkListings(String filter) {
    List<JsonObject> all = new ArrayList<>();
    String after = null;
    do {
      JsonObject page =
          Http.get(
                  api(
                      "listings?sort=key&limit=500&"
                          + filter
                          + (after == null
                              ? ""
                              : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8))))
              .object();
      page.getJsonArray("items").forEach(v -> all.add(v.asJsonObject()));
      after = page.isNull("next") ? null : page.getString("next");
    } while (after != null);
    return all;
  }

  /** Every listing passing {@code filter}, read page by page with the key cursor. */
  private java.util.Map<String, String> walk(String filter) {
    java.util.Map<String, String> view = new java.util.HashMap<>();
    String after = null;
    do {
      JsonObject page =
          Http.get(
                  api(
                      "listings?sort=key&limit=500&"
                          + filter
                          + (after == null
                              ? ""
                              : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8))))
              .object();
      for (JsonValue item : page.getJsonArray("items")) {
        String key = key(item.asJsonObject());
        assertFalse(view.containsKey(key), "the cursor reads each listing once: " + key);
        view.put(key, item.asJsonObject().getString("lastEventId"));
      }
      after = page.isNull("next") ? null : page.getString("next");
    } while (after != null);
    return view;
  }

  /**
   * The recipe for integrators: open the socket and buffer, walk the snapshot over REST with the
   * key cursor while the stream runs, then apply the buffered and live messages; the view must end
   * equal to the store.
   */
  @Test
  @Order(10)
  void socketThenSnapshotThenReplayEndsEqualToTheStore() {
    String filter = "source=bptf";
    try (LiveClient client = LiveClient.connect(live("?" + filter))) {
      Eventually.awaitTrue("ready", PATIENCE, () -> !client.messages.isEmpty());
      java.util.Map<String, String> view = walk(filter);
      assertTrue(view.size() > 500, "the snapshot spans several pages: " + view.size());
      long applied = number(bptfStream(), "eventsApplied");
      Eventually.awaitTrue(
          "more events while the view is open",
          PATIENCE,
          () -> number(bptfStream(), "eventsApplied") > applied + 500);
      pauseAndDrain();
      Eventually.await(
          "the socket to go quiet",
          PATIENCE,
          () -> {
            int before = client.messages.size();
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            return client.messages.size() == before ? before : null;
          });
      for (JsonObject message : client.messages.subList(1, client.messages.size())) {
        JsonObject data = message.getJsonObject("data");
        if (message.getString("event").equals("listing.upsert")) {
          view.put(key(data), data.getString("lastEventId"));
        } else {
          view.remove(key(data));
        }
      }
      assertEquals(walk(filter), view, "the replayed view equals the store");
      assertTrue(client.messages.size() > 500, "deltas arrived while the view was open");
    } finally {
      simulator.resume();
    }
  }

  /**
   * Issue #8: backpack.tf restarts at any moment and replays nothing. Played as four restarts, each
   * 2 s down (handshakes refused) and 8 s up, the upstream is away a fifth of the time; Tradewatch
   * must be connected for at least 1 - 2 × a fifth of it, one socket at a time, and account for
   * every event it was sent.
   */
  @Test
  @Order(11)
  void aRestartHeavyUpstreamCostsAtMostAboutTwiceItsDowntimeWithOneSocketAtATime() {
    int times = 4;
    long upMillis = 8000;
    long downMillis = 2000;
    // A socket that has delivered frames for a while, as before any restart in production.
    Eventually.awaitTrue(
        "Tradewatch to have been receiving frames for 4 s",
        PATIENCE,
        () -> {
          JsonObject stream = bptfStream();
          return stream.getString("state").equals("connected")
              && !stream.isNull("connectedSince")
              && Duration.between(Instant.parse(stream.getString("connectedSince")), Instant.now())
                      .toMillis()
                  >= 4000;
        });
    JsonObject before = simulator.stats();
    long reconnectsBefore = number(bptfStream(), "reconnects");

    JsonObject started = simulator.restarts(times, upMillis, downMillis);
    assertTrue(started.getBoolean("running"), started.toString());
    JsonObject series =
        Eventually.await(
            "the restart series to end",
            Duration.ofMillis(times * (upMillis + downMillis)).plus(PATIENCE),
            () -> {
              JsonObject now = simulator.restartSeries();
              return now.getBoolean("running") ? null : now;
            });

    double connectedShare =
        (double) number(series, "connectedMillis") / number(series, "elapsedMillis");
    double downShare = (double) downMillis / (upMillis + downMillis);
    System.out.printf(
        "restart series %s: connected %.3f of the time, at least %.3f asked%n",
        series, connectedShare, 1 - 2 * downShare);
    assertEquals(times, series.getInt("done"));
    assertTrue(
        connectedShare >= 1 - 2 * downShare,
        "connected "
            + connectedShare
            + " of the time; a restart may cost at most about twice its downtime: "
            + series);

    JsonObject stream = pauseAndDrain();
    JsonObject sent = simulator.stats();
    assertEveryEventAccountedFor(stream, sent);
    assertEquals(
        number(before, "connectionsRefused"),
        number(sent, "connectionsRefused"),
        "never a second socket beside the first: " + sent);
    assertTrue(sent.getInt("openConnections") <= 1, "one socket at most: " + sent);
    long accepted = number(sent, "connectionsAccepted") - number(before, "connectionsAccepted");
    assertTrue(accepted >= times, "a new socket after every restart: " + sent);
    assertEquals(
        accepted,
        number(stream, "reconnects") - reconnectsBefore,
        "every accepted connection is one of Tradewatch's, opened one after another");
    assertEquals("connected", stream.getString("state"));
    simulator.resume();
  }

  /**
   * This deployment's {@code /metrics?scope=application}, as {@link Prometheus#scrape} reads it.
   */
  private Map<String, Double> scrape() {
    return Prometheus.scrape(base.getPort());
  }

  private static double metric(Map<String, Double> samples, String id) {
    return Prometheus.metric(samples, id);
  }

  /**
   * Issue #13: the stream's figures are MicroProfile Metrics in the application scope, read from
   * the same counts as {@code /api/streams}, and they move with the stream.
   */
  @Test
  @Order(12)
  void metricsShowTheStreamAndMoveWithIt() {
    String applied = "tradewatch_stream_events_applied_total{source=bptf}";
    String connected = "tradewatch_stream_connected{source=bptf}";
    String quarantined = "tradewatch_stream_quarantined_total{source=bptf}";
    String reconnects = "tradewatch_stream_reconnects_total{source=bptf}";
    Map<String, Double> first =
        Eventually.await(
            "bptf to show as connected in /metrics",
            PATIENCE,
            () -> {
              Map<String, Double> samples = scrape();
              return samples.getOrDefault(connected, 0.0) == 1.0 ? samples : null;
            });
    for (String id :
        List.of(
            "tradewatch_stream_frames_received_total{source=bptf}",
            applied,
            "tradewatch_stream_events_skipped_total{reason=superseded,source=bptf}",
            "tradewatch_stream_events_skipped_total{reason=duplicate,source=bptf}",
            "tradewatch_stream_events_skipped_total{reason=stale,source=bptf}",
            "tradewatch_stream_events_skipped_total{reason=unknown_delete,source=bptf}",
            quarantined,
            reconnects,
            connected,
            "tradewatch_stream_queue_depth{source=bptf}",
            "tradewatch_stream_lag_seconds{source=bptf}")) {
      metric(first, id);
    }

    double appliedBefore = metric(first, applied);
    Eventually.awaitTrue(
        "events applied to grow in /metrics",
        PATIENCE,
        () -> metric(scrape(), applied) > appliedBefore);

    double quarantinedBefore = metric(scrape(), quarantined);
    simulator.malformed("json");
    Eventually.awaitTrue(
        "the bad frame to be counted in /metrics",
        PATIENCE,
        () -> metric(scrape(), quarantined) == quarantinedBefore + 1);

    double reconnectsBefore = metric(scrape(), reconnects);
    simulator.drop();
    Eventually.awaitTrue(
        "the reconnect to be counted in /metrics, connected again",
        PATIENCE,
        () -> {
          Map<String, Double> samples = scrape();
          return metric(samples, reconnects) == reconnectsBefore + 1
              && metric(samples, connected) == 1.0;
        });

    // Still, the metrics read what /api/streams reads: this instance's counts since it started.
    JsonObject stream = pauseAndDrain();
    try {
      Map<String, Double> drained = scrape();
      assertEquals(
          number(stream, "framesReceived"),
          metric(drained, "tradewatch_stream_frames_received_total{source=bptf}"));
      JsonObject skipped = stream.getJsonObject("skippedSinceStart");
      for (String[] reason :
          new String[][] {
            {"superseded", "superseded"},
            {"duplicate", "duplicates"},
            {"stale", "stale"},
            {"unknown_delete", "unknownDeletes"}
          }) {
        assertEquals(
            number(skipped, reason[1]),
            metric(
                drained,
                "tradewatch_stream_events_skipped_total{reason=" + reason[0] + ",source=bptf}"),
            reason[0]);
      }
      assertTrue(
          metric(drained, applied) <= number(stream, "eventsApplied"),
          "this run's count is part of the lifetime one");
      assertEquals(0.0, metric(drained, "tradewatch_stream_queue_depth{source=bptf}"));
      assertEquals(0.0, metric(drained, "tradewatch_stream_lag_seconds{source=bptf}"));
    } finally {
      simulator.resume();
    }
  }

  /**
   * Issue #13: {@code /openapi} lists Tradewatch's own server and paths only. Payara merges every
   * application's document into one, and the demo runs the simulator beside Tradewatch in the same
   * server, so the simulator publishes an empty one.
   */
  @Test
  @Order(13)
  void openApiListsOnlyTradewatchsOwnServerAndPaths() {
    JsonObject document =
        Http.get("http://127.0.0.1:" + base.getPort() + "/openapi?format=JSON").object();
    List<URI> servers =
        document.getJsonArray("servers").stream()
            .map(server -> URI.create(server.asJsonObject().getString("url")))
            .toList();
    assertEquals(1, servers.size(), "one server: " + servers);
    assertEquals(base.getPort(), servers.get(0).getPort(), "this server: " + servers);
    assertEquals(
        contextPath(),
        servers.get(0).getPath().replaceAll("/$", ""),
        "Tradewatch's context root: " + servers);
    assertTrue(document.getJsonObject("paths").containsKey("/api/streams"), document.toString());
    document
        .getJsonObject("paths")
        .keySet()
        .forEach(path -> assertTrue(path.startsWith("/api/"), "a path of Tradewatch's: " + path));

    JsonObject simulators = Http.get(simulator("/openapi?format=JSON")).object();
    for (String part : List.of("paths", "servers")) {
      assertTrue(
          !simulators.containsKey(part) || simulators.get(part).toString().matches("\\{}|\\[]"),
          "the simulator publishes no " + part + ": " + simulators);
    }
    assertFalse(simulators.containsKey("info"), "nor a title to merge: " + simulators);
  }

  /**
   * Clients that stop reading cannot hurt the server: once the stream has pushed them more than
   * {@code tradewatch.live.max-pending-messages} (5,000) messages, each is closed with 1008 within
   * seconds, having been handed no more than its send window, while a client that reads keeps
   * receiving. The stream runs faster here, to get past the bound in seconds.
   */
  @Test
  @Order(14)
  void clientsThatNeverReadAreClosedWith1008AndReadersKeepReceiving() {
    int bound = 5_000;
    JsonObject before = simulator.stats().getJsonObject("config");
    // Fast enough to pass the bound in seconds, slow enough for a reader on a loaded machine.
    simulator.configure("eventsPerSecond=1000&frameSize=100&restart=false");
    String path = contextPath() + "/api/listings/live?source=bptf";
    String tooSlow = "tradewatch_live_clients_dropped_total{reason=too_slow,source=bptf}";
    double droppedBefore = metric(scrape(), tooSlow);
    List<LiveClient.NeverReading> stalled = new ArrayList<>();
    try (LiveClient reader = LiveClient.connect(live("?source=bptf"))) {
      Eventually.awaitTrue("ready", PATIENCE, () -> !reader.messages.isEmpty());
      for (int i = 0; i < 3; i++) {
        stalled.add(LiveClient.NeverReading.connect(base.getPort(), path));
      }
      int atConnect = reader.messages.size();
      // The bound, plus what a send window of 256 KiB lets into a stalled client's socket (about
      // 400 messages), plus a margin for the stalled clients' subscriptions, which may follow
      // their handshake by a moment.
      Eventually.awaitTrue(
          "the stream to push the stalled clients past the bound",
          PATIENCE,
          () -> {
            if (reader.closed.isDone()) {
              throw new AssertionError(
                  "the reading client was closed: "
                      + reader.closed.getNow("")
                      + " after "
                      + reader.messages.size()
                      + " messages");
            }
            return reader.messages.size() > atConnect + bound + 3_000;
          });
      long pastBound = System.nanoTime();
      List<LiveClient.NeverReading.Received> received = new ArrayList<>();
      for (LiveClient.NeverReading client : stalled) {
        LiveClient.NeverReading.Received got = client.readToClose(Duration.ofSeconds(10));
        received.add(got);
        assertEquals(1008, got.closeCode(), "closed as too slow: " + got);
        assertTrue(got.closeReason().startsWith("too slow"), got.toString());
        assertTrue(got.pings() > 0, "the server asked how far it had read: " + got);
        assertTrue(
            got.textFrames() < 1_000,
            "handed no more than its send window before the close: " + got);
      }
      assertEquals(
          droppedBefore + 3, metric(scrape(), tooSlow), "each stalled client counted, once");
      System.out.println(
          "BptfStreamIT: 3 stalled clients closed with 1008 within "
              + Duration.ofNanos(System.nanoTime() - pastBound).toMillis()
              + " ms of reading after the bound: "
              + received);
      int afterDrops = reader.messages.size();
      Eventually.awaitTrue(
          "the reading client to go on receiving",
          PATIENCE,
          () -> reader.messages.size() > afterDrops + 1_000);
      assertFalse(reader.closed.isDone(), "the reader is still open: " + reader.closed.getNow(""));
    } finally {
      stalled.forEach(LiveClient.NeverReading::close);
      simulator.configure(
          "eventsPerSecond="
              + before.getInt("eventsPerSecond")
              + "&frameSize="
              + before.getInt("frameSize")
              + "&restart=false");
    }
  }

  @Test
  @Order(8)
  void readinessShowsTheDatabaseAndTheStream() {
    Http.Answer ready = Http.get("http://127.0.0.1:" + base.getPort() + "/health/ready");
    assertEquals(200, ready.status(), ready.body());
    assertEquals("UP", ready.object().getString("status"));
    assertTrue(ready.body().contains("database"), ready.body());
    assertTrue(ready.body().contains("connected"), ready.body());
  }

  /**
   * Items agree with listings: with the stream still, an item's order book (walked page by page
   * with its cursors) holds exactly the live listings that /api/listings gives that itemKey, buys
   * highest first and sells cheapest first, and the item's counts, best prices and spread are
   * theirs.
   */
  @Test
  @Order(15)
  void itemsAndTheirBooksAgreeWithTheListings() {
    Eventually.await(
        "an item with buy orders and sell listings",
        PATIENCE,
        () -> anItemWithBothSides(Http.get(api("items?source=bptf&limit=200")).object()));
    pauseAndDrain();
    try {
      JsonObject items = Http.get(api("items?source=bptf&limit=200")).object();
      long previous = Long.MAX_VALUE;
      for (JsonValue value : items.getJsonArray("items")) {
        JsonObject item = value.asJsonObject();
        assertEquals("bptf", item.getString("source"));
        assertEquals("ref", item.getString("valueUnit"));
        long count = number(item, "buyCount") + number(item, "sellCount");
        assertTrue(count <= previous, "most listings first");
        previous = count;
      }
      JsonObject item = anItemWithBothSides(items);
      assertNotNull(item, "an item with both sides after the drain");
      String key = item.getString("itemKey");
      assertTrue(key.matches("[A-Za-z0-9._~-]+"), key);

      List<JsonObject> buys = bookSide(key, "buys");
      List<JsonObject> sells = bookSide(key, "sells");
      List<JsonObject> listed = listingsOf(key, item.getString("itemName"));
      assertEquals(
          sorted(listed, "buy", true).stream().map(l -> l.getString("id")).toList(),
          buys.stream().map(l -> l.getString("id")).toList(),
          "buy orders, highest first");
      assertEquals(
          sorted(listed, "sell", false).stream().map(l -> l.getString("id")).toList(),
          sells.stream().map(l -> l.getString("id")).toList(),
          "sell listings, cheapest first");
      assertEquals(number(item, "buyCount"), buys.size());
      assertEquals(number(item, "sellCount"), sells.size());
      JsonObject bestBuy = item.getJsonObject("bestBuy");
      JsonObject bestSell = item.getJsonObject("bestSell");
      assertEquals(buys.get(0).getString("id"), bestBuy.getString("listingId"));
      assertEquals(sells.get(0).getString("id"), bestSell.getString("listingId"));
      assertEquals(
          0,
          bestSell
              .getJsonNumber("value")
              .bigDecimalValue()
              .subtract(bestBuy.getJsonNumber("value").bigDecimalValue())
              .compareTo(item.getJsonNumber("spread").bigDecimalValue()));
      JsonObject entry = sells.get(0);
      assertEquals(key, entry.getString("itemKey"));
      assertFalse(entry.getString("price").isBlank(), entry.toString());
      assertTrue(entry.containsKey("sellerName") && entry.containsKey("links"), entry.toString());
      assertTrue(entry.getJsonNumber("ageSeconds").longValue() >= 0, entry.toString());

      assertHistoryHolds(key, bestBuy, bestSell, sells.size());
      JsonObject keyPrice = items.getJsonObject("keyPrice");
      BigDecimal perKey = keyPrice.getJsonNumber("ref").bigDecimalValue();
      if (keyPrice.getBoolean("fromStream")) {
        // The simulator's keys sell within 20% of its fixed 58.83 ref.
        assertTrue(
            perKey.compareTo(new BigDecimal("45")) > 0
                && perKey.compareTo(new BigDecimal("72")) < 0,
            keyPrice.toString());
      } else {
        assertEquals(0, new BigDecimal("60").compareTo(perKey), keyPrice.toString());
      }
      for (JsonObject best : List.of(bestBuy, bestSell)) {
        assertEquals(
            best.getJsonNumber("value").bigDecimalValue().compareTo(perKey) >= 0,
            best.getString("price").contains("key"),
            "keys from a key's price on: " + best + " at " + keyPrice);
      }

      JsonObject byName =
          Http.get(
                  api(
                      "items?sort=name&limit=200&q="
                          + URLEncoder.encode(item.getString("itemName"), StandardCharsets.UTF_8)))
              .object();
      assertTrue(
          byName.getJsonArray("items").stream()
              .anyMatch(i -> i.asJsonObject().getString("itemKey").equals(key)),
          "found by its name");
      JsonObject spread = Http.get(api("items?source=bptf&sort=spread&limit=200")).object();
      BigDecimal last = null;
      for (JsonValue value : spread.getJsonArray("items")) {
        JsonValue current = value.asJsonObject().get("spread");
        if (current.getValueType() == JsonValue.ValueType.NUMBER) {
          BigDecimal now = ((JsonNumber) current).bigDecimalValue();
          assertTrue(last == null || last.compareTo(now) <= 0, "least spread first");
          last = now;
        }
      }
    } finally {
      simulator.resume();
    }
    for (String[] bad :
        new String[][] {
          {"items?sort=spread", "sort"},
          {"items?sort=cheap", "sort"},
          {"items?limit=201", "limit"},
          {"items?source=ebay", "source"},
          {"items/not-a-key", "key"},
          {"items/bptf.440.Hat.ks9", "key"},
          {"items/bptf.440.Hat?limit=0", "limit"},
          {"items/bptf.440.Hat?sellsAfter=12", "sellsAfter"},
        }) {
      Http.Answer answer = Http.get(api(bad[0]));
      assertEquals(400, answer.status(), bad[0] + " → " + answer.body());
      assertTrue(
          answer.object().getString("message").contains(bad[1]),
          bad[0] + " names " + bad[1] + ": " + answer.body());
    }
    Http.Answer unknown = Http.get(api("items/bptf.440.No_Such_Hat_Anywhere"));
    assertEquals(404, unknown.status(), unknown.body());
    assertTrue(unknown.object().containsKey("message"));
  }

  /**
   * item.update on the live socket: with items=true every item whose best prices move, each with
   * its best buy and best sell as /api/items gives them; with item= only that item's listings and
   * updates, each update right after the listing message of the change that moved it; a bad item
   * key, or item= with items=true, is refused with 1003 naming the parameter.
   */
  @Test
  @Order(17)
  void theLiveSocketSendsItemUpdates() {
    List<String> busiest =
        Http.get(api("items?source=bptf&sort=listings&limit=5"))
            .object()
            .getJsonArray("items")
            .stream()
            .map(item -> item.asJsonObject().getString("itemKey"))
            .toList();
    assertFalse(busiest.isEmpty(), "items to follow");
    List<LiveClient> perItem = new ArrayList<>();
    try (LiveClient all = LiveClient.connect(live("?items=true&listings=false&source=bptf"))) {
      for (String key : busiest) {
        perItem.add(LiveClient.connect(live("?item=" + key)));
      }
      JsonObject update =
          Eventually.await(
              "an item.update on a socket of items",
              PATIENCE,
              () ->
                  all.messages.stream()
                      .filter(m -> m.getString("event").equals("item.update"))
                      .findFirst()
                      .orElse(null));
      JsonObject item = update.getJsonObject("data");
      assertEquals("bptf", item.getString("source"), item.toString());
      assertTrue(item.containsKey("bestBuy") && item.containsKey("bestSell"), item.toString());
      assertTrue(item.getInt("buyCount") + item.getInt("sellCount") >= 0, item.toString());
      for (JsonObject message : List.copyOf(all.messages)) {
        assertTrue(
            List.of("ready", "item.update").contains(message.getString("event")),
            "items alone: " + message);
      }
      Eventually.awaitTrue(
          "an item.update on one of the sockets of one item",
          PATIENCE,
          () ->
              perItem.stream()
                  .anyMatch(
                      client ->
                          client.messages.stream()
                              .anyMatch(m -> m.getString("event").equals("item.update"))));
      for (int i = 0; i < busiest.size(); i++) {
        String key = busiest.get(i);
        List<JsonObject> messages = List.copyOf(perItem.get(i).messages);
        for (int at = 1; at < messages.size(); at++) {
          JsonObject message = messages.get(at);
          String event = message.getString("event");
          JsonObject data = message.getJsonObject("data");
          if (event.equals("listing.upsert")) {
            assertEquals(key, data.getString("itemKey"), message.toString());
          } else if (event.equals("item.update")) {
            assertEquals(key, data.getString("itemKey"), message.toString());
            assertTrue(
                messages.get(at - 1).getString("event").startsWith("listing."),
                "an update follows the listing change that moved it: " + messages.get(at - 1));
          } else {
            assertEquals("listing.remove", event, message.toString());
          }
        }
      }
    } finally {
      perItem.forEach(LiveClient::close);
    }
    for (String[] bad :
        new String[][] {
          {"?item=not-a-key", "item"},
          {"?item=bptf.440.Hat.ks9", "item"},
          {"?item=bptf.440.Hat&items=true", "items"},
          {"?items=maybe", "items"},
        }) {
      try (LiveClient refused = LiveClient.connect(live(bad[0]))) {
        String closed = refused.closed.orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
        assertTrue(closed.startsWith("1003") && closed.contains(bad[1]), bad[0] + ": " + closed);
      }
    }
  }

  /**
   * The item's price history: hours on the hour within the last 7 days, oldest first, and the
   * deployment is younger than the log, so the current best prices were each some event's price in
   * a kept hour: the hours' best buy reaches the book's, their best sell goes down to the book's,
   * and every live sell listing had an event.
   */
  private void assertHistoryHolds(
      String key, JsonObject bestBuy, JsonObject bestSell, int liveSells) {
    JsonArray history = Http.get(api("items/" + key + "?limit=1")).object().getJsonArray("history");
    assertFalse(history.isEmpty(), "history of " + key);
    Instant now = Instant.now();
    Instant previous = Instant.MIN;
    BigDecimal highestBuy = null;
    BigDecimal lowestSell = null;
    long sellEvents = 0;
    for (JsonValue value : history) {
      JsonObject hour = value.asJsonObject();
      Instant at = Instant.parse(hour.getString("hour"));
      assertEquals(0, at.getEpochSecond() % 3600, hour.toString());
      assertTrue(at.isAfter(previous) && !at.isAfter(now), "hours ascending: " + history);
      assertTrue(at.isAfter(now.minus(Duration.ofDays(7))), hour.toString());
      previous = at;
      sellEvents += hour.getInt("sellEvents");
      if (!hour.isNull("bestBuy")) {
        BigDecimal buy = hour.getJsonNumber("bestBuy").bigDecimalValue();
        highestBuy = highestBuy == null || buy.compareTo(highestBuy) > 0 ? buy : highestBuy;
      }
      if (!hour.isNull("bestSell")) {
        BigDecimal sell = hour.getJsonNumber("bestSell").bigDecimalValue();
        BigDecimal median = hour.getJsonNumber("medianSell").bigDecimalValue();
        assertTrue(sell.compareTo(median) <= 0, "best sell at most the median: " + hour);
        lowestSell = lowestSell == null || sell.compareTo(lowestSell) < 0 ? sell : lowestSell;
      }
    }
    assertTrue(
        highestBuy.compareTo(bestBuy.getJsonNumber("value").bigDecimalValue()) >= 0,
        "the hours' best buy " + highestBuy + " reaches the book's " + bestBuy);
    assertTrue(
        lowestSell.compareTo(bestSell.getJsonNumber("value").bigDecimalValue()) <= 0,
        "the hours' best sell " + lowestSell + " goes down to the book's " + bestSell);
    assertTrue(sellEvents >= liveSells, sellEvents + " sell events, " + liveSells + " live sells");
  }

  /**
   * Deals, end to end: a live socket of deals alone gets deal.open as the simulator's bargains and
   * undercuts arrive; with the stream still, each deal of /api/deals (newest first) has the figures
   * its item's order book and suggested price give, and a bad parameter is a 400 naming it.
   */
  @Test
  @Order(16)
  void dealsAgreeWithTheirItemsAndOpenOnTheLiveSocket() {
    try (LiveClient deals = LiveClient.connect(live("?deals=true&listings=false&source=bptf"))) {
      JsonObject opened =
          Eventually.await(
              "a deal.open on the live socket",
              PATIENCE,
              () ->
                  deals.messages.stream()
                      .filter(m -> m.getString("event").equals("deal.open"))
                      .findFirst()
                      .orElse(null));
      assertEquals("ready", deals.messages.get(0).getString("event"));
      JsonObject data = opened.getJsonObject("data");
      assertEquals("bptf", data.getString("source"));
      assertTrue(data.getString("reason").matches("belowBestBuy|underSuggested"), data.toString());
      assertEquals("ref", data.getString("valueUnit"));
      Eventually.awaitTrue(
          "a deal below a best buy",
          PATIENCE,
          () ->
              Http.get(api("deals?source=bptf&limit=200")).object().getJsonArray("items").stream()
                  .anyMatch(d -> d.asJsonObject().getString("reason").equals("belowBestBuy")));
      pauseAndDrain();
      try {
        List<String> events = deals.messages.stream().map(m -> m.getString("event")).toList();
        assertTrue(
            events.stream().allMatch(e -> e.matches("ready|deal\\.open|deal\\.close")),
            "deals alone: " + events);

        JsonObject page = Http.get(api("deals?source=bptf&limit=200")).object();
        List<JsonObject> open =
            page.getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
        assertTrue(number(page, "total") >= open.size() && !open.isEmpty(), page.toString());
        for (int i = 1; i < open.size(); i++) {
          assertTrue(
              Instant.parse(open.get(i - 1).getString("openedAt"))
                      .compareTo(Instant.parse(open.get(i).getString("openedAt")))
                  >= 0,
              "newest first");
        }
        int checked = 0;
        for (String reason : List.of("belowBestBuy", "underSuggested")) {
          for (JsonObject deal : open) {
            if (deal.getString("reason").equals(reason) && checked < 6) {
              assertDealAgreesWithItsItem(deal);
              checked++;
            }
          }
        }
        assertTrue(checked >= 1, "deals were checked");
        JsonObject rich = Http.get(api("deals?source=bptf&minDiscount=20&limit=200")).object();
        for (JsonValue deal : rich.getJsonArray("items")) {
          assertTrue(
              deal.asJsonObject()
                      .getJsonNumber("discountPercent")
                      .bigDecimalValue()
                      .compareTo(new BigDecimal("20"))
                  >= 0,
              deal.toString());
        }
      } finally {
        simulator.resume();
      }
    }
    for (String[] bad :
        new String[][] {
          {"deals?minProfit=5", "minProfit"},
          {"deals?source=bptf&minProfit=-1", "minProfit"},
          {"deals?minDiscount=abc", "minDiscount"},
          {"deals?minDiscount=101", "minDiscount"},
          {"deals?source=ebay", "source"},
          {"deals?appid=tf2", "appid"},
          {"deals?limit=0", "limit"},
          {"deals?page=0", "page"},
        }) {
      Http.Answer answer = Http.get(api(bad[0]));
      assertEquals(400, answer.status(), bad[0] + " → " + answer.body());
      assertTrue(
          answer.object().getString("message").startsWith(bad[1] + ":"),
          bad[0] + " names " + bad[1] + ": " + answer.body());
    }
    try (LiveClient refused = LiveClient.connect(live("?minDiscount=5"))) {
      String closed = refused.closed.orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
      assertTrue(closed.startsWith("1003") && closed.contains("minDiscount"), closed);
    }
  }

  /**
   * A deal's figures are its item's: the listing is one of the item's sells at the deal's price;
   * below the best buy, that is the item's highest buy order priced in keys and metal; under the
   * suggested price, that is the item's, and the price is at least 10% under it.
   */
  private void assertDealAgreesWithItsItem(JsonObject deal) {
    String key = deal.getString("itemKey");
    List<JsonObject> sells = bookSide(key, "sells");
    List<JsonObject> buys = bookSide(key, "buys");
    JsonObject item = Http.get(api("items/" + key + "?limit=1")).object().getJsonObject("item");
    BigDecimal price = deal.getJsonNumber("price").bigDecimalValue();
    JsonObject listing =
        sells.stream()
            .filter(s -> s.getString("id").equals(deal.getString("listingId")))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("the deal's listing is a sell of its item: " + deal));
    assertEquals(
        0, price.compareTo(listing.getJsonNumber("value").bigDecimalValue()), deal.toString());
    assertEquals(item.getString("name"), deal.getString("itemName"));
    JsonObject bestRef =
        buys.stream()
            .filter(b -> b.get("value").getValueType() == JsonValue.ValueType.NUMBER)
            .filter(
                b ->
                    b.getJsonObject("currencies").keySet().stream()
                        .allMatch(c -> c.matches("keys|metal")))
            .findFirst()
            .orElse(null);
    BigDecimal reference;
    if (deal.getString("reason").equals("belowBestBuy")) {
      assertNotNull(bestRef, "a buy order in keys and metal: " + deal);
      assertEquals(bestRef.getString("id"), deal.getString("bestBuyListingId"), deal.toString());
      reference = bestRef.getJsonNumber("value").bigDecimalValue();
      assertEquals(0, reference.compareTo(deal.getJsonNumber("bestBuy").bigDecimalValue()));
      assertTrue(price.compareTo(reference) < 0, deal.toString());
      assertTrue(deal.isNull("suggested"), deal.toString());
    } else {
      reference = item.getJsonNumber("suggested").bigDecimalValue();
      assertEquals(0, reference.compareTo(deal.getJsonNumber("suggested").bigDecimalValue()));
      assertTrue(price.compareTo(reference.multiply(new BigDecimal("0.9"))) <= 0, deal.toString());
      assertTrue(
          bestRef == null || bestRef.getJsonNumber("value").bigDecimalValue().compareTo(price) <= 0,
          "not below a best buy: " + deal);
      assertTrue(deal.isNull("bestBuy"), deal.toString());
    }
    BigDecimal profit = reference.subtract(price);
    assertEquals(
        0, profit.compareTo(deal.getJsonNumber("profit").bigDecimalValue()), deal.toString());
    assertEquals(
        0,
        profit
            .multiply(BigDecimal.valueOf(100))
            .divide(reference, 2, java.math.RoundingMode.HALF_EVEN)
            .compareTo(deal.getJsonNumber("discountPercent").bigDecimalValue()),
        deal.toString());
  }

  private static JsonObject anItemWithBothSides(JsonObject items) {
    return items.getJsonArray("items").stream()
        .map(JsonValue::asJsonObject)
        .filter(
            i ->
                i.get("bestBuy").getValueType() == JsonValue.ValueType.OBJECT
                    && i.get("bestSell").getValueType() == JsonValue.ValueType.OBJECT
                    && number(i, "buyCount") + number(i, "sellCount") >= 3)
        .findFirst()
        .orElse(null);
  }

  /** One side of an item's book, walked three entries at a time with its cursor. */
  private List<JsonObject> bookSide(String key, String side) {
    List<JsonObject> all = new ArrayList<>();
    String cursor = null;
    String after = side.equals("buys") ? "buysAfter" : "sellsAfter";
    do {
      JsonObject book =
          Http.get(
                  api(
                      "items/"
                          + key
                          + "?limit=3"
                          + (cursor == null
                              ? ""
                              : "&"
                                  + after
                                  + "="
                                  + URLEncoder.encode(cursor, StandardCharsets.UTF_8))))
              .object();
      assertEquals(key, book.getJsonObject("item").getString("itemKey"));
      book.getJsonArray(side).forEach(v -> all.add(v.asJsonObject()));
      JsonValue next = book.get(side + "Next");
      cursor =
          next.getValueType() == JsonValue.ValueType.STRING ? book.getString(side + "Next") : null;
    } while (cursor != null);
    return all;
  }

  /** Every live bptf listing with this itemKey, from /api/listings walked by key. */
  private List<JsonObject> listingsOf(String key, String itemName) {
    List<JsonObject> found = new ArrayList<>();
    String after = null;
    while (true) {
      JsonObject page =
          Http.get(
                  api(
                      "listings?source=bptf&sort=key&limit=500&q="
                          + URLEncoder.encode(itemName, StandardCharsets.UTF_8)
                          + (after == null
                              ? ""
                              : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8))))
              .object();
      page.getJsonArray("items").stream()
          .map(JsonValue::asJsonObject)
          .filter(l -> key.equals(l.getString("itemKey", null)))
          .forEach(found::add);
      if (page.get("next").getValueType() != JsonValue.ValueType.STRING) {
        return found;
      }
      after = page.getString("next");
    }
  }

  /** Listings of one intent in book order: by value (descending for buys), then by id. */
  private static List<JsonObject> sorted(List<JsonObject> listings, String intent, boolean desc) {
    Comparator<JsonObject> byValue =
        Comparator.comparing(
            (JsonObject l) ->
                l.get("value").getValueType() == JsonValue.ValueType.NUMBER
                    ? l.getJsonNumber("value").bigDecimalValue()
                    : null,
            Comparator.nullsLast(
                desc
                    ? Comparator.<BigDecimal>reverseOrder()
                    : Comparator.<BigDecimal>naturalOrder()));
    return listings.stream()
        .filter(l -> intent.equals(l.getString("intent", null)))
        .sorted(byValue.thenComparing(l -> l.getString("id")))
        .toList();
  }

  /**
   * Issue #13: the notifications proxy and the live socket show in {@code /metrics} too, and their
   * figures move with them: each upstream call by its outcome, each search answer by its {@code
   * X-Tradewatch-Source}, and the live sockets open while they are open.
   */
  @Test
  @Order(16)
  void metricsShowTheNotificationsProxyAndTheLiveSockets() {
    // The simulator's notifications API starts on its first request, which on a busy machine can
    // take longer than the proxy's timeout.
    Eventually.awaitTrue(
        "the simulator's notifications API to answer",
        PATIENCE,
        () -> Http.get(simulator("/api/notifications/search/v1")).status() == 401);
    String token = newToken();
    Http.Answer added =
        Http.post(simulator("/control/notifications/add?token=" + token + "&count=2"));
    assertEquals(200, added.status(), added.body());

    String calls = "tradewatch_notifications_upstream_calls_total{outcome=%s,source=bptf}";
    String answers = "tradewatch_notifications_answers_total{from=%s,source=bptf}";
    List<String> outcomes =
        List.of(
            "ok", "refused", "rate_limited", "failed", "timeout", "unreachable", "circuit_open");
    List<String> froms = List.of("upstream", "refreshed", "store");
    Map<String, Double> before = scrape();
    for (String outcome : outcomes) {
      metric(before, calls.formatted(outcome));
    }
    for (String from : froms) {
      metric(before, answers.formatted(from));
    }

    Http.Answer first = Http.get(api("notifications/search/v1?token=" + token));
    assertEquals(200, first.status(), first.body());
    assertEquals("upstream", first.header("X-Tradewatch-Source"));
    Http.Answer again = Http.get(api("notifications/search/v1?token=" + token));
    assertEquals(200, again.status(), again.body());
    assertEquals("store", again.header("X-Tradewatch-Source"), "within the polling window");
    Http.Answer unknown = Http.get(api("notifications/search/v1?token=" + newToken()));
    assertEquals(401, unknown.status(), "backpack.tf does not know the token: " + unknown.body());

    Map<String, Double> after = scrape();
    assertEquals(
        Map.of(
            calls.formatted("ok"), 1.0,
            calls.formatted("refused"), 1.0,
            answers.formatted("upstream"), 1.0,
            answers.formatted("store"), 1.0),
        Prometheus.moved(before, after, "tradewatch_notifications_"),
        "one call answered and one refused upstream; one answer from each");

    // The live sockets: none is left open by the tests before, one of each kind opens, and both
    // close again.
    String bptfOpen = "tradewatch_live_sockets_open{source=bptf}";
    String allOpen = "tradewatch_live_sockets_open{source=all}";
    String skinsharkOpen = "tradewatch_live_sockets_open{source=skinshark}";
    Eventually.awaitTrue(
        "the earlier tests' live sockets to be closed",
        PATIENCE,
        () -> {
          Map<String, Double> samples = scrape();
          return metric(samples, bptfOpen) == 0
              && metric(samples, allOpen) == 0
              && metric(samples, skinsharkOpen) == 0;
        });
    try (LiveClient bptf = LiveClient.connect(live("?source=bptf"));
        LiveClient all = LiveClient.connect(live(""))) {
      Eventually.awaitTrue(
          "both sockets ready",
          PATIENCE,
          () -> !bptf.messages.isEmpty() && !all.messages.isEmpty());
      Map<String, Double> open = scrape();
      assertEquals(1.0, metric(open, bptfOpen), "the socket following bptf");
      assertEquals(1.0, metric(open, allOpen), "the socket following every source");
      assertEquals(0.0, metric(open, skinsharkOpen));
    }
    Eventually.awaitTrue(
        "closed live sockets to no longer count as open",
        PATIENCE,
        () -> {
          Map<String, Double> samples = scrape();
          return metric(samples, bptfOpen) == 0 && metric(samples, allOpen) == 0;
        });
  }

  /** A token the simulator has never seen: 24 random hex digits. */
  private static String newToken() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
