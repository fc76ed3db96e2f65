package org.tradewatch.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.deal.Deal;
import org.tradewatch.core.deal.DealChange;
import org.tradewatch.core.deal.DealQuery;
import org.tradewatch.core.deal.DealReason;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketChange;

/**
 * Deal messages on the live socket: sent to the clients that asked for deals, after the listing
 * message of the change that caused them, as opens and closes that keep a client's view of the
 * deals passing its filters equal to the model's.
 */
class LiveDealsTest {

  private static final JsonProvider JSON = JsonProvider.provider();
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final ItemKey CAPTAIN =
      new ItemKey(Source.BPTF, 440, "Team Captain", "Unique", null, true, 0, false, false);

  private static final ListingQuery EVERY_LISTING =
      org.tradewatch.core.listing.ListingParameters.filters(name -> null);

  /** What a socket was sent; every send completes at once. */
  private static final class Socket {
    final List<String> sent = new CopyOnWriteArrayList<>();

    Session session() {
      RemoteEndpoint.Async async =
          (RemoteEndpoint.Async)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {RemoteEndpoint.Async.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("sendText")) {
                      sent.add((String) args[0]);
                      ((SendHandler) args[1]).onResult(new SendResult());
                    }
                    return null;
                  });
      return (Session)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {Session.class},
              (proxy, method, args) -> method.getName().equals("getAsyncRemote") ? async : null);
    }

    List<String> events() {
      return sent.stream().map(m -> json(m).getString("event")).toList();
    }

    JsonObject data(int index) {
      return json(sent.get(index)).getJsonObject("data");
    }
  }

  private static JsonObject json(String text) {
    return JSON.createReader(new StringReader(text)).readObject();
  }

  /** A live sell listing of the item at {@code second}, whole and as the model holds it. */
  private static Listing listing(String id, String value, int second) {
    return new Listing(
        ListingSnapshot.builder(new ListingKey(Source.BPTF, id))
            .appid(440)
            .itemName(CAPTAIN.displayName())
            .quality("Unique")
            .intent(Intent.SELL)
            .currencies(java.util.Map.of("metal", new BigDecimal(value)))
            .value(new BigDecimal(value))
            .valueUnit("ref")
            .payload("{}")
            .build(),
        T.plusSeconds(second),
        null,
        "e-" + id + "-" + second,
        T.plusSeconds(second));
  }

  private static ListingState sell(String id, String value, int second) {
    return ListingState.of(listing(id, value, second), second);
  }

  /** The whole listing of a change, for its upsert. */
  private static Listing whole(MarketChange change) {
    ListingState after = change.after();
    return after.deleted()
        ? null
        : listing(after.key().id(), after.value().toPlainString(), (int) after.seq());
  }

  private static Deal deal(String id, String price, String bestBuy, int second) {
    return new Deal(
        new ListingKey(Source.BPTF, id),
        CAPTAIN,
        DealReason.BELOW_BEST_BUY,
        "ref",
        new BigDecimal(price),
        new BigDecimal(bestBuy),
        new ListingKey(Source.BPTF, "440_76561198000000001_b"),
        null,
        T.plusSeconds(second));
  }

  private static MarketChange change(ListingState before, ListingState after, DealChange... deals) {
    return new MarketChange(before, after, List.of(deals));
  }

  private static LiveSubscriber subscriber(Socket socket, boolean listings, DealQuery deals) {
    return new LiveSubscriber(
        socket.session(),
        EVERY_LISTING,
        listings,
        deals,
        100,
        Long.MAX_VALUE,
        Runnable::run,
        new LiveCounts());
  }

  @Test
  void aDealOpensAfterTheListingChangeThatMadeItAndClosesWithItsTime() {
    Socket socket = new Socket();
    LiveHub hub = new LiveHub();
    hub.subscribe(subscriber(socket, true, DealQuery.ALL));
    ListingState s1 = sell("440_1", "8", 5);
    Deal opened = deal("440_1", "8", "10", 5);
    hub.publish(
        List.of(change(null, s1, new DealChange(null, opened, T.plusSeconds(5)))),
        LiveDealsTest::whole);
    ListingState gone = s1.buried("e-gone", T, T.plusSeconds(9), T.plusSeconds(9), 9);
    hub.publish(
        List.of(change(s1, gone, new DealChange(opened, null, T.plusSeconds(9)))),
        LiveDealsTest::whole);

    assertEquals(
        List.of("listing.upsert", "deal.open", "listing.remove", "deal.close"), socket.events());
    JsonObject open = socket.data(1);
    assertEquals("bptf", open.getString("source"));
    assertEquals("440_1", open.getString("listingId"));
    assertEquals(CAPTAIN.id(), open.getString("itemKey"));
    assertEquals("belowBestBuy", open.getString("reason"));
    assertEquals("ref", open.getString("valueUnit"));
    assertEquals(0, new BigDecimal("8").compareTo(open.getJsonNumber("price").bigDecimalValue()));
    assertEquals(0, BigDecimal.TEN.compareTo(open.getJsonNumber("bestBuy").bigDecimalValue()));
    assertEquals(0, new BigDecimal("2").compareTo(open.getJsonNumber("profit").bigDecimalValue()));
    assertEquals("20.00", open.getJsonNumber("discountPercent").bigDecimalValue().toPlainString());
    assertTrue(open.isNull("suggested"));
    assertEquals(T.plusSeconds(5).toString(), open.getString("openedAt"));
    JsonObject close = socket.data(3);
    assertEquals("440_1", close.getString("listingId"));
    assertEquals(T.plusSeconds(9).toString(), close.getString("closedAt"));
  }

  @Test
  void aDealThatLeavesTheFiltersIsClosedWithoutATimeAndOneNeverSentIsNotClosed() {
    Socket socket = new Socket();
    LiveHub hub = new LiveHub();
    hub.subscribe(
        subscriber(socket, false, new DealQuery(null, null, null, new BigDecimal("15"), 1, 50)));
    ListingState s1 = sell("440_1", "8", 5);
    Deal deep = deal("440_1", "8", "10", 5);
    Deal shallow = deal("440_1", "9.5", "10", 5);
    ListingState s2 = sell("440_2", "9.9", 6);
    Deal never = deal("440_2", "9.9", "10", 6);
    hub.publish(
        List.of(
            change(null, s1, new DealChange(null, deep, T.plusSeconds(5))),
            change(null, s2, new DealChange(null, never, T.plusSeconds(6)))),
        LiveDealsTest::whole);
    hub.publish(
        List.of(
            change(s1, sell("440_1", "9.5", 7), new DealChange(deep, shallow, T.plusSeconds(7))),
            change(s2, sell("440_2", "12", 8), new DealChange(never, null, T.plusSeconds(8)))),
        LiveDealsTest::whole);

    assertEquals(List.of("deal.open", "deal.close"), socket.events(), "deals alone");
    assertEquals("440_1", socket.data(1).getString("listingId"));
    assertTrue(socket.data(1).isNull("closedAt"), "still open, out of the filters");
  }

  @Test
  void aClientThatDidNotAskForDealsGetsNone() {
    Socket socket = new Socket();
    LiveHub hub = new LiveHub();
    hub.subscribe(
        new LiveSubscriber(
            socket.session(), EVERY_LISTING, 100, Long.MAX_VALUE, Runnable::run, new LiveCounts()));
    ListingState s1 = sell("440_1", "8", 5);
    hub.publish(
        List.of(
            change(null, s1, new DealChange(null, deal("440_1", "8", "10", 5), T.plusSeconds(5)))),
        LiveDealsTest::whole);
    assertEquals(List.of("listing.upsert"), socket.events());
  }
}
