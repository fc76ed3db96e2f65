package org.tradewatch.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.ingest.IngestResult;
import org.tradewatch.core.ingest.Tombstone;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.core.listing.Source;

/** What the hub sends each subscriber, and how it lets go of a slow one. */
class LiveSubscriberTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  /** A socket whose sends complete only when the test says so, recording what was sent. */
  private static final class FakeSocket {
    final List<String> sent = new ArrayList<>();
    final List<SendHandler> waiting = new ArrayList<>();
    CloseReason closed;
    boolean completeAtOnce = true;

    Session session() {
      RemoteEndpoint.Async async =
          (RemoteEndpoint.Async)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {RemoteEndpoint.Async.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                      sent.add((String) args[0]);
                      SendHandler handler = (SendHandler) args[1];
                      if (completeAtOnce) {
                        handler.onResult(new SendResult());
                      } else {
                        waiting.add(handler);
                      }
                      return null;
                    }
                    throw new IllegalStateException("the test did not expect " + method.getName());
                  });
      return (Session)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {Session.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "getAsyncRemote" -> async;
                    case "close" -> {
                      closed = (CloseReason) args[0];
                      yield null;
                    }
                    default ->
                        throw new IllegalStateException(
                            "the test did not expect " + method.getName());
                  });
    }
  }

  private static Listing listing(String id, Intent intent, String value, Instant deletedAt) {
    return new Listing(
        ListingSnapshot.builder(new ListingKey(Source.BPTF, id))
            .itemName("Item " + id)
            .intent(intent)
            .value(new BigDecimal(value))
            .valueUnit("ref")
            .build(),
        T,
        deletedAt,
        "e-" + id,
        T);
  }

  private static IngestResult result(List<Listing> writes, List<Tombstone> tombstones) {
    return new IngestResult(writes.size(), 0, 0, 0, 0, 0, Map.of(), writes, tombstones, List.of());
  }

  private static ListingQuery buyersFrom(String minValue) {
    return new ListingQuery(
        null,
        null,
        Intent.BUY,
        null,
        new BigDecimal(minValue),
        null,
        false,
        ListingSort.UPDATED_DESC,
        1,
        100);
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  @Test
  void sendsUpsertsThatPassAndRemovesForWhatNoLongerPasses() {
    FakeSocket socket = new FakeSocket();
    LiveHub hub = new LiveHub();
    hub.subscribe(new LiveSubscriber(socket.session(), buyersFrom("10"), 100));

    hub.publish(
        result(
            List.of(
                listing("440_a", Intent.BUY, "12", null),
                listing("440_b", Intent.BUY, "9", null),
                listing("440_c", Intent.SELL, "50", null),
                listing("440_d", Intent.BUY, "20", T)),
            List.of(new Tombstone(new ListingKey(Source.BPTF, "440_e"), "e9", T, T, T))));

    List<JsonObject> messages = socket.sent.stream().map(LiveSubscriberTest::json).toList();
    assertEquals(5, messages.size());
    assertEquals("listing.upsert", messages.get(0).getString("event"));
    assertEquals("440_a", messages.get(0).getJsonObject("data").getString("id"));
    assertFalse(messages.get(0).getJsonObject("data").containsKey("payload"));
    for (int i = 1; i < 5; i++) {
      assertEquals(
          "listing.remove", messages.get(i).getString("event"), messages.get(i).toString());
    }
    assertEquals(
        T.toString(), messages.get(3).getJsonObject("data").getString("deletedAt"), "deleted");
    assertTrue(messages.get(1).getJsonObject("data").isNull("deletedAt"), "filtered out, not gone");
  }

  @Test
  void aClientTooSlowForTheStreamIsClosedWithAReason() {
    FakeSocket socket = new FakeSocket();
    socket.completeAtOnce = false;
    LiveHub hub = new LiveHub();
    LiveSubscriber slow = new LiveSubscriber(socket.session(), buyersFrom("0"), 3);
    hub.subscribe(slow);

    for (int i = 0; i < 3; i++) {
      hub.publish(result(List.of(listing("440_" + i, Intent.BUY, "1", null)), List.of()));
    }
    assertEquals(null, socket.closed, "three pending messages are within the limit");
    hub.publish(result(List.of(listing("440_x", Intent.BUY, "1", null)), List.of()));

    assertTrue(slow.dropped());
    assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, socket.closed.getCloseCode());
    assertTrue(socket.closed.getReasonPhrase().startsWith("too slow"));
    int sentBefore = socket.sent.size();
    hub.publish(result(List.of(listing("440_y", Intent.BUY, "1", null)), List.of()));
    assertEquals(sentBefore, socket.sent.size(), "nothing more is queued for a dropped client");
  }
}
