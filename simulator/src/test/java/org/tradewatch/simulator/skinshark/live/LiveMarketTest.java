package org.tradewatch.simulator.skinshark.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LiveMarketTest {

  private static final String KEY = "sk_test";
  private static final String NO_MARKET = "sk_test_no_market";

  private final AtomicLong clock = new AtomicLong(1_765_000_000_000L);
  private final LiveMarket market =
      new LiveMarket(
          new LiveMarket.Settings(
              7,
              300,
              100,
              3600,
              20,
              Accounts.parse(
                  List.of(KEY + ":market|deposit|trade", NO_MARKET + ":deposit|trade"),
                  List.of("user_42:standard", "user_7:pro"),
                  List.of("standard:5", "pro:2.5"))),
          new Tickets("a-secret-of-sixteen-chars"),
          clock::get);

  /** A socket that records what it was sent and how it was closed. */
  static final class FakeConnection implements LiveConnection {
    final List<String> frames = new ArrayList<>();
    int closeCode;
    String closeReason;

    @Override
    public void send(String text) {
      frames.add(text);
    }

    @Override
    public void ping() {}

    @Override
    public void close(int code, String reason) {
      if (closeCode == 0) {
        closeCode = code;
        closeReason = reason;
      }
    }

    JsonObject frame(int index) {
      return parse(frames.get(index));
    }
  }

  static JsonObject parse(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private void advance(long millis) {
    clock.addAndGet(millis);
    market.tick();
  }

  private FakeConnection connect(String key, String subUser, String scope) {
    FakeConnection connection = new FakeConnection();
    market.open(connection, market.mint(key, subUser).token(), scope);
    return connection;
  }

  @Test
  void readyComesFirstThenDeltasInTsOrder() {
    market.tick();
    FakeConnection socket = connect(KEY, "user_42", "watchlist");
    assertEquals("market.ready", socket.frame(0).getString("event"));
    assertEquals("watchlist", socket.frame(0).getJsonObject("data").getString("scope"));
    advance(1000);
    assertTrue(socket.frames.size() > 50, "about 100 changes a second: " + socket.frames.size());
    long previous = 0;
    for (int i = 0; i < socket.frames.size(); i++) {
      JsonObject frame = socket.frame(i);
      assertTrue(frame.getJsonNumber("ts").longValue() >= previous);
      previous = frame.getJsonNumber("ts").longValue();
      if (i > 0) {
        String event = frame.getString("event");
        assertTrue(List.of("market.new", "market.update", "market.remove").contains(event));
        if (!event.equals("market.remove")) {
          assertTrue(frame.getJsonObject("data").containsKey("iconUrl"));
        } else {
          assertTrue(frame.getJsonObject("data").containsKey("listingId"));
        }
      }
    }
  }

  @Test
  void theSnapshotPlusTheDeltasEqualsTheFeedEvenWithABurst() {
    market.tick();
    FakeConnection socket = connect(KEY, "user_42", "watchlist");
    advance(500);
    market.armBurst(400);
    int buffered = socket.frames.size();
    // The consumer's order: socket first, then the pages (again while deltas arrived during a
    // pass, since those shift the pages that follow), then the deltas since the socket opened.
    Map<String, JsonObject> view = new HashMap<>();
    int passes = 0;
    int before;
    do {
      before = socket.frames.size();
      passes++;
      for (int page = 1; ; page++) {
        JsonObject answer = parse(market.market(KEY, "user_42", page, 100).json());
        for (JsonValue item : answer.getJsonArray("items")) {
          view.put(item.asJsonObject().getString("id"), item.asJsonObject());
        }
        if (answer.getJsonArray("items").isEmpty()) {
          break;
        }
      }
    } while (socket.frames.size() != before && passes < 3);
    assertEquals(2, passes, "the burst shifted the first pass, the second was quiet");
    assertTrue(socket.frames.size() >= buffered + 300, "the burst went out during the load");
    for (int i = 1; i < socket.frames.size(); i++) {
      JsonObject frame = socket.frame(i);
      JsonObject data = frame.getJsonObject("data");
      if (frame.getString("event").equals("market.remove")) {
        view.remove(data.getString("listingId"));
      } else {
        view.put(data.getString("id"), data);
      }
    }
    JsonObject feed = parse(market.feedFor("user_42", 1, -1).json());
    Map<String, JsonObject> expected = new HashMap<>();
    for (JsonValue item : feed.getJsonArray("items")) {
      expected.put(item.asJsonObject().getString("id"), item.asJsonObject());
    }
    assertEquals(expected.keySet(), view.keySet());
    assertTrue(expected.equals(view), "same listings, same prices");
    assertEquals(feed.getInt("total"), expected.size());
  }

  @Test
  void theFirehoseCarriesLighterListings() {
    market.tick();
    FakeConnection socket = connect(KEY, "user_42", null);
    assertEquals("all", socket.frame(0).getJsonObject("data").getString("scope"));
    advance(1000);
    for (int i = 1; i < socket.frames.size(); i++) {
      JsonObject data = socket.frame(i).getJsonObject("data");
      assertFalse(data.containsKey("iconUrl"));
      assertFalse(data.containsKey("type"));
    }
  }

  @Test
  void closeCodesAsDocumented() {
    FakeConnection missing = new FakeConnection();
    market.open(missing, null, "watchlist");
    assertEquals(4001, missing.closeCode);
    assertEquals("Missing token", missing.closeReason);

    String good = market.mint(KEY, "user_42").token();
    FakeConnection tampered = new FakeConnection();
    market.open(tampered, good.substring(0, good.length() - 2) + "xx", "watchlist");
    assertEquals(4001, tampered.closeCode);
    assertEquals("Invalid token", tampered.closeReason);

    FakeConnection noScope = connect(NO_MARKET, "user_42", "watchlist");
    assertEquals(4003, noScope.closeCode);
    assertTrue(noScope.frames.isEmpty());

    List<FakeConnection> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(connect(KEY, "user_42", "watchlist"));
    }
    five.forEach(c -> assertEquals(0, c.closeCode));
    FakeConnection sixth = connect(KEY, "user_42", "watchlist");
    assertEquals(4008, sixth.closeCode);
    assertEquals(0, connect(KEY, "user_7", "watchlist").closeCode, "the limit is per sub-user");

    market.clientSent(five.get(0));
    assertEquals(4002, five.get(0).closeCode);

    MarketRequestException unknownKey =
        assertThrows(MarketRequestException.class, () -> market.mint("nope", "user_42"));
    assertEquals(401, unknownKey.status());
  }

  @Test
  void ticketsExpireMidSessionAndCanBeRevoked() {
    market.ticketTtlSeconds(2);
    market.tick();
    FakeConnection socket = connect(KEY, "user_42", "watchlist");
    advance(1000);
    assertEquals(0, socket.closeCode);
    advance(1100);
    assertEquals(4001, socket.closeCode);

    market.ticketTtlSeconds(3600);
    String minted = market.mint(KEY, "user_42").token();
    FakeConnection open = connect(KEY, "user_42", "watchlist");
    assertEquals(1, market.expireTickets());
    assertEquals(4001, open.closeCode);
    FakeConnection reused = new FakeConnection();
    market.open(reused, minted, "watchlist");
    assertEquals(4001, reused.closeCode, "a ticket minted before the cut-off is refused");
    assertEquals(0, connect(KEY, "user_42", "watchlist").closeCode);
  }

  @Test
  void aFeeChangeAppliesFromTheNextSocket() {
    String before = firstPrice();
    market.feeTier("user_42", "pro");
    assertEquals(before, firstPrice(), "nothing changes before the next socket");
    connect(KEY, "user_42", "watchlist");
    String after = firstPrice();
    assertNotEquals(before, after);
    assertTrue(new BigDecimal(after).compareTo(new BigDecimal(before)) < 0, "pro pays less");
  }

  private String firstPrice() {
    return parse(market.feedFor("user_42", 1, 1).json())
        .getJsonArray("items")
        .getJsonObject(0)
        .getJsonNumber("price")
        .bigDecimalValue()
        .toPlainString();
  }

  @Test
  void sameSeedSameMarket() {
    LiveMarket.Settings settings =
        new LiveMarket.Settings(
            3,
            200,
            10,
            3600,
            20,
            Accounts.parse(List.of("k:market"), List.of("u:t"), List.of("t:1")));
    LiveMarket one = new LiveMarket(settings, new Tickets("a-secret-of-sixteen-chars"), () -> 1L);
    LiveMarket two = new LiveMarket(settings, new Tickets("a-secret-of-sixteen-chars"), () -> 9L);
    one.drop(1012, "x", 500);
    two.drop(1012, "x", 500);
    assertEquals(one.feedFor("u", 1, -1).json(), two.feedFor("u", 1, -1).json());
  }

  @Test
  void ticketsAreSignedJwtsWithTheScopes() {
    Tickets tickets = new Tickets("a-secret-of-sixteen-chars");
    String token = tickets.mint("user_42", 100, 200, 3, java.util.Set.of("market"));
    assertEquals(3, token.split("\\.").length);
    Tickets.Claims claims = tickets.verify(token, 150);
    assertEquals("user_42", claims.subUser());
    assertEquals(java.util.Set.of("market"), claims.scopes());
    assertNull(tickets.verify(token, 200), "expired at exp");
    assertNull(new Tickets("another-secret-of-16-chars").verify(token, 150));
  }
}
