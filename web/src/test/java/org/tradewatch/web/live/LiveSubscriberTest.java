package org.tradewatch.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.ingest.IngestResult;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingParameters;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketChange;

/** What the hub sends each subscriber, how it paces a socket, and how it lets go of a slow one. */
class LiveSubscriberTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  /** A window no test fills. */
  private static final long WIDE = Long.MAX_VALUE;

  /** Closes dropped clients, as the container's managed executor does. */
  private final ExecutorService closer =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "closer"));

  /** The counts every subscriber of a test tells, as the endpoint's tell the hub's. */
  private final LiveCounts counts = new LiveCounts();

  @AfterEach
  void stopCloser() {
    closer.shutdownNow();
  }

  /**
   * A socket whose sends complete at once or only when the test says so, recording what was sent,
   * the pings, and how (and on which thread) it was closed.
   */
  private static final class FakeSocket {
    final List<String> sent = new ArrayList<>();
    final Set<Thread> sentOn = ConcurrentHashMap.newKeySet();
    final List<Long> pings = new ArrayList<>();
    final List<SendHandler> waiting = new ArrayList<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    volatile Thread closedOn;
    boolean completeAtOnce = true;
    boolean refuse;
    SendResult result = new SendResult();

    Session session() {
      RemoteEndpoint.Async async =
          (RemoteEndpoint.Async)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {RemoteEndpoint.Async.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                      if (refuse) {
                        throw new IllegalStateException("the session is closed");
                      }
                      sent.add((String) args[0]);
                      sentOn.add(Thread.currentThread());
                      SendHandler handler = (SendHandler) args[1];
                      if (completeAtOnce) {
                        handler.onResult(result);
                      } else {
                        waiting.add(handler);
                      }
                      return null;
                    }
                    if (method.getName().equals("sendPing")) {
                      ByteBuffer data = (ByteBuffer) args[0];
                      pings.add(data.getLong(data.position()));
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
                      closedOn = Thread.currentThread();
                      closed.complete((CloseReason) args[0]);
                      yield null;
                    }
                    default ->
                        throw new IllegalStateException(
                            "the test did not expect " + method.getName());
                  });
    }

    /** Completes the oldest send still waiting. */
    void completeOne() {
      waiting.remove(0).onResult(new SendResult());
    }

    CloseReason awaitClosed() {
      return closed.orTimeout(10, TimeUnit.SECONDS).join();
    }
  }

  private LiveSubscriber subscriber(
      FakeSocket socket, ListingQuery filters, int maxPending, long window) {
    return new LiveSubscriber(socket.session(), filters, maxPending, window, closer, counts);
  }

  private static ByteBuffer pong(long value) {
    return ByteBuffer.allocate(Long.BYTES).putLong(0, value);
  }

  /**
   * One upsert per id, every listing a buyer's at 1 ref, so that {@code buyersFrom("0")} passes.
   */
  private static IngestResult upserts(int from, int count) {
    List<Listing> writes =
        IntStream.range(from, from + count)
            .mapToObj(i -> listing("440_" + i, Intent.BUY, "1", null))
            .toList();
    return result(writes, writes.stream().map(w -> change(null, w)).toList());
  }

  /** A change of the market model from {@code before} (null: new to it) to {@code after}. */
  private static MarketChange change(Listing before, Listing after) {
    return new MarketChange(
        before == null ? null : ListingState.of(before, 1), ListingState.of(after, 2));
  }

  /** A tombstone's change: {@code before} marked deleted, as the model holds it after. */
  private static MarketChange buried(Listing before) {
    ListingState was = ListingState.of(before, 1);
    return new MarketChange(was, was.buried("e-gone", T, T, T, 2));
  }

  private static List<String> ids(List<String> messages) {
    return messages.stream()
        .map(LiveSubscriberTest::json)
        .map(m -> m.getJsonObject("data").getString("id"))
        .toList();
  }

  /** The length of one upsert message as {@link #upserts} makes them (ids of one length). */
  private int messageLength() {
    FakeSocket socket = new FakeSocket();
    LiveHub hub = new LiveHub();
    hub.subscribe(subscriber(socket, buyersFrom("0"), 1, WIDE));
    hub.publish(upserts(0, 1));
    return socket.sent.get(0).length();
  }

  private static List<String> ids(int from, int count) {
    return IntStream.range(from, from + count).mapToObj(i -> "440_" + i).toList();
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

  private static IngestResult result(List<Listing> writes, List<MarketChange> changes) {
    return new IngestResult(changes.size(), 0, 0, 0, 0, 0, Map.of(), writes, List.of(), changes);
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
    return JSON.createReader(new StringReader(text)).readObject();
  }

  @Test
  void sendsUpsertsThatPassAndRemovesOnlyForWhatPassedBefore() {
    FakeSocket socket = new FakeSocket();
    LiveHub hub = new LiveHub();
    hub.subscribe(subscriber(socket, buyersFrom("10"), 100, WIDE));
    Listing a = listing("440_a", Intent.BUY, "12", null);
    Listing b = listing("440_b", Intent.BUY, "9", null);
    Listing c = listing("440_c", Intent.SELL, "50", null);
    Listing d = listing("440_d", Intent.BUY, "20", T);

    hub.publish(
        result(
            List.of(a, b, c, d),
            List.of(
                change(null, a),
                // left the filters: it passed them at 15
                change(listing("440_b", Intent.BUY, "15", null), b),
                // never passed them, before or now: the client never had it
                change(null, c),
                change(listing("440_c", Intent.SELL, "40", null), c),
                change(listing("440_d", Intent.BUY, "20", null), d),
                buried(listing("440_e", Intent.BUY, "30", null)),
                buried(listing("440_f", Intent.SELL, "30", null)))));

    List<JsonObject> messages = socket.sent.stream().map(LiveSubscriberTest::json).toList();
    assertEquals(
        List.of("440_a", "440_b", "440_d", "440_e"), ids(socket.sent), "no remove for c and f");
    assertEquals("listing.upsert", messages.get(0).getString("event"));
    assertFalse(messages.get(0).getJsonObject("data").containsKey("payload"));
    for (int i = 1; i < 4; i++) {
      assertEquals(
          "listing.remove", messages.get(i).getString("event"), messages.get(i).toString());
    }
    assertTrue(messages.get(1).getJsonObject("data").isNull("deletedAt"), "filtered out, not gone");
    assertEquals(
        T.toString(), messages.get(2).getJsonObject("data").getString("deletedAt"), "deleted");
    assertEquals(
        T.toString(), messages.get(3).getJsonObject("data").getString("deletedAt"), "buried");
  }

  @Test
  void oneSendAtATimeInOrder() {
    FakeSocket socket = new FakeSocket();
    socket.completeAtOnce = false;
    LiveHub hub = new LiveHub();
    hub.subscribe(subscriber(socket, buyersFrom("0"), 100, WIDE));

    hub.publish(upserts(0, 3));
    hub.publish(upserts(3, 2));
    assertEquals(1, socket.sent.size(), "the next message waits for the first send to complete");
    for (int done = 1; done < 5; done++) {
      socket.completeOne();
      assertEquals(done + 1, socket.sent.size(), "one more once a send completed");
      assertEquals(1, socket.waiting.size(), "never two sends at once");
    }
    socket.completeOne();
    assertEquals(ids(0, 5), ids(socket.sent), "in the order published");
  }

  @Test
  void aSendCompletedOnTheContainersThreadHandsOverTheNext() throws Exception {
    FakeSocket socket = new FakeSocket();
    socket.completeAtOnce = false;
    LiveHub hub = new LiveHub();
    hub.subscribe(subscriber(socket, buyersFrom("0"), 100, WIDE));
    hub.publish(upserts(0, 2));

    Thread container = new Thread(socket::completeOne, "container");
    container.start();
    container.join(10_000);
    assertEquals(ids(0, 2), ids(socket.sent));
  }

  @Test
  void completionsWithinTheSendDoNotNest() {
    // Payara completes a send inside sendText while its queue has room; 20,000 nested hand-overs
    // would overflow the stack.
    FakeSocket socket = new FakeSocket();
    LiveHub hub = new LiveHub();
    hub.subscribe(subscriber(socket, buyersFrom("0"), 20_000, WIDE));
    hub.publish(upserts(0, 20_000));
    assertEquals(20_000, socket.sent.size());
  }

  @Test
  void theWindowHoldsBackWhatTheClientHasNotAcknowledged() {
    FakeSocket socket = new FakeSocket();
    LiveHub hub = new LiveHub();
    LiveSubscriber subscriber = subscriber(socket, buyersFrom("0"), 100, 4L * messageLength());
    hub.subscribe(subscriber);

    hub.publish(upserts(0, 10));
    int first = socket.sent.size();
    assertTrue(first >= 1 && first < 10, "the window stops the hand-over: " + first);
    assertFalse(socket.pings.isEmpty(), "pings ask the client how far it has read");
    assertEquals(10 - first, subscriber.waiting(), "the rest waits in the subscriber's queue");

    subscriber.acknowledge(pong(socket.pings.get(socket.pings.size() - 1)));
    assertTrue(socket.sent.size() > first, "a pong lets more through");
    while (socket.sent.size() < 10) {
      int before = socket.sent.size();
      subscriber.acknowledge(pong(socket.pings.get(socket.pings.size() - 1)));
      assertTrue(socket.sent.size() > before, "every pong of the last ping moves the window");
    }
    assertEquals(ids(0, 10), ids(socket.sent), "all of them, in order");
    assertEquals(0, subscriber.waiting());
  }

  @Test
  void pongsThatAnswerNoPingChangeNothing() {
    FakeSocket socket = new FakeSocket();
    LiveHub hub = new LiveHub();
    LiveSubscriber subscriber = subscriber(socket, buyersFrom("0"), 100, 2_000);
    hub.subscribe(subscriber);
    hub.publish(upserts(0, 20));
    int sent = socket.sent.size();
    long lastPing = socket.pings.get(socket.pings.size() - 1);

    subscriber.acknowledge(null);
    subscriber.acknowledge(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    subscriber.acknowledge(ByteBuffer.allocate(0));
    subscriber.acknowledge(pong(lastPing + 1));
    subscriber.acknowledge(pong(Long.MAX_VALUE));
    subscriber.acknowledge(pong(-5));
    assertEquals(sent, socket.sent.size(), "a pong beyond the last ping acknowledges nothing");
    subscriber.acknowledge(pong(lastPing));
    assertTrue(socket.sent.size() > sent);
  }

  @Test
  void aClientThatNeverReadsIsDroppedOverTheBoundAndClosedOnAnotherThread() {
    FakeSocket socket = new FakeSocket();
    LiveHub hub = new LiveHub();
    LiveSubscriber slow = subscriber(socket, buyersFrom("0"), 3, 2L * messageLength());
    hub.subscribe(slow);

    hub.publish(upserts(0, 2));
    int handedOver = socket.sent.size();
    hub.publish(upserts(2, 3));
    assertEquals(2, handedOver, "a window of two messages");
    assertEquals(3, slow.waiting(), "the window is full: three messages wait");
    assertFalse(slow.dropped(), "three waiting messages are within the bound");
    assertFalse(socket.closed.isDone());

    hub.publish(upserts(5, 1));
    assertTrue(slow.dropped(), "a fourth is one too many");
    assertEquals(0, slow.waiting(), "the queue is freed at once");
    assertEquals(0, hub.subscriberCount(), "the hub lets go of it");
    CloseReason reason = socket.awaitClosed();
    assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, reason.getCloseCode());
    assertTrue(reason.getReasonPhrase().startsWith("too slow"), reason.getReasonPhrase());
    assertNotNull(socket.closedOn);
    assertNotEquals(Thread.currentThread(), socket.closedOn, "not on the publisher's thread");

    slow.acknowledge(pong(socket.pings.isEmpty() ? 0 : socket.pings.get(0)));
    slow.offer(List.of());
    assertEquals(handedOver, socket.sent.size(), "nothing more reaches a dropped client");
    assertEquals(1, counts.dropped(LiveCounts.ALL, LiveCounts.DropReason.TOO_SLOW));
    hub.publish(upserts(6, 10));
    assertEquals(1, counts.dropped(LiveCounts.ALL, LiveCounts.DropReason.TOO_SLOW), "dropped once");
  }

  @Test
  void aSlowButSteadyReaderIsKeptAsLongAsItKeepsWithinTheBound() {
    FakeSocket socket = new FakeSocket();
    LiveHub hub = new LiveHub();
    LiveSubscriber steady = subscriber(socket, buyersFrom("0"), 50, 8L * messageLength());
    hub.subscribe(steady);

    // Batches of 40 while the client reads only up to the last ping between them: it falls
    // behind within each batch and catches up after it, 4,000 messages in all.
    for (int batch = 0; batch < 100; batch++) {
      hub.publish(upserts(batch * 40, 40));
      assertTrue(steady.waiting() > 30, "behind by most of a batch: " + steady.waiting());
      while (steady.waiting() > 0) {
        steady.acknowledge(pong(socket.pings.get(socket.pings.size() - 1)));
      }
    }
    assertFalse(steady.dropped());
    assertFalse(socket.closed.isDone());
    assertEquals(ids(0, 4_000), ids(socket.sent));
  }

  @Test
  void aFailedSendDropsTheClient() {
    FakeSocket socket = new FakeSocket();
    socket.result = new SendResult(new IOException("broken pipe"));
    LiveHub hub = new LiveHub();
    LiveSubscriber broken = subscriber(socket, buyersFrom("0"), 100, WIDE);
    hub.subscribe(broken);
    hub.publish(upserts(0, 5));

    assertTrue(broken.dropped());
    assertEquals(1, socket.sent.size(), "nothing after the failed send");
    assertEquals(0, broken.waiting());
    assertEquals(0, hub.subscriberCount());
    assertEquals(CloseReason.CloseCodes.UNEXPECTED_CONDITION, socket.awaitClosed().getCloseCode());
    assertEquals(1, counts.dropped(LiveCounts.ALL, LiveCounts.DropReason.FAILED));
  }

  @Test
  void aSocketThatRefusesASendIsDroppedAndClosed() {
    FakeSocket socket = new FakeSocket();
    socket.refuse = true;
    LiveHub hub = new LiveHub();
    LiveSubscriber refused = subscriber(socket, buyersFrom("0"), 100, WIDE);
    hub.subscribe(refused);
    hub.publish(upserts(0, 5));

    assertTrue(refused.dropped());
    assertEquals(0, refused.waiting());
    assertEquals(0, hub.subscriberCount());
    assertEquals(CloseReason.CloseCodes.UNEXPECTED_CONDITION, socket.awaitClosed().getCloseCode());
    assertEquals(1, counts.dropped(LiveCounts.ALL, LiveCounts.DropReason.FAILED));
  }

  @Test
  void aClosedSocketLetsGoOfItsQueue() {
    FakeSocket socket = new FakeSocket();
    socket.completeAtOnce = false;
    LiveHub hub = new LiveHub();
    LiveSubscriber gone = subscriber(socket, buyersFrom("0"), 100, WIDE);
    hub.subscribe(gone);
    hub.publish(upserts(0, 5));
    assertEquals(4, gone.waiting());

    gone.release();
    assertEquals(0, gone.waiting());
    socket.completeOne();
    assertEquals(1, socket.sent.size(), "nothing is sent after the socket closed");
    assertNull(socket.closed.getNow(null), "the container closed it: nothing to close");
    for (LiveCounts.DropReason reason : LiveCounts.DropReason.values()) {
      assertEquals(0, counts.dropped(LiveCounts.ALL, reason), "a client that left is not dropped");
    }
  }

  @Test
  void publishingLeavesTheWorkToTheDeliveryThread() throws Exception {
    List<Runnable> work = new ArrayList<>();
    LiveHub hub = new LiveHub(work::add, 1_000);
    FakeSocket socket = new FakeSocket();
    hub.subscribe(subscriber(socket, buyersFrom("0"), 100, WIDE));

    hub.publish(upserts(0, 3));
    hub.publish(List.of(buried(listing("440_0", Intent.BUY, "1", null))), change -> null);
    assertEquals(List.of(), socket.sent, "the publisher sends nothing itself");
    assertEquals(2, work.size(), "one task per publication, whatever the number of subscribers");

    ExecutorService delivery = Executors.newSingleThreadExecutor();
    try {
      for (Runnable task : work) {
        delivery.submit(task).get(10, TimeUnit.SECONDS);
      }
    } finally {
      delivery.shutdownNow();
    }
    assertEquals(List.of("440_0", "440_1", "440_2", "440_0"), ids(socket.sent), "in order");
    assertEquals("listing.remove", json(socket.sent.get(3)).getString("event"));
    assertFalse(socket.sentOn.contains(Thread.currentThread()), "sent on the delivery thread");
  }

  @Test
  void aDeliveryThreadTooFarBehindLetsEverySubscriberGo() {
    List<Runnable> work = new ArrayList<>();
    LiveHub hub = new LiveHub(work::add, 5);
    FakeSocket first = new FakeSocket();
    FakeSocket second = new FakeSocket();
    LiveSubscriber one = subscriber(first, buyersFrom("0"), 100, WIDE);
    LiveSubscriber two = subscriber(second, buyersFrom("0"), 100, WIDE);
    hub.subscribe(one);
    hub.subscribe(two);

    hub.publish(upserts(0, 3));
    hub.publish(upserts(3, 2));
    assertFalse(one.dropped(), "five deltas waiting for delivery are within the bound");
    hub.publish(upserts(5, 1));

    assertTrue(one.dropped() && two.dropped(), "a sixth is one too many");
    assertEquals(0, hub.subscriberCount());
    for (FakeSocket socket : List.of(first, second)) {
      CloseReason reason = socket.awaitClosed();
      assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, reason.getCloseCode());
      assertTrue(reason.getReasonPhrase().startsWith("server too busy"), reason.getReasonPhrase());
      assertNotEquals(Thread.currentThread(), socket.closedOn, "not on the publisher's thread");
    }
    work.forEach(Runnable::run);
    assertEquals(List.of(), first.sent, "nothing reaches a subscriber let go");
    assertEquals(2, counts.dropped(LiveCounts.ALL, LiveCounts.DropReason.SERVER_BUSY));

    FakeSocket later = new FakeSocket();
    hub.subscribe(subscriber(later, buyersFrom("0"), 100, WIDE));
    hub.publish(upserts(6, 1));
    work.get(work.size() - 1).run();
    assertEquals(List.of("440_6"), ids(later.sent), "a new subscriber is served again");
  }

  @Test
  void aSocketCountsAsOpenUntilItsEndUnderTheSourceItFollows() {
    LiveSubscriber everything = subscriber(new FakeSocket(), buyersFrom("0"), 100, WIDE);
    ListingQuery bptfOnly =
        ListingParameters.filters(name -> name.equals("source") ? "bptf" : null);
    FakeSocket bptfSocket = new FakeSocket();
    LiveSubscriber bptf = subscriber(bptfSocket, bptfOnly, 100, WIDE);
    assertEquals(0, counts.open(LiveCounts.ALL), "not open before the endpoint says so");

    everything.opened();
    bptf.opened();
    bptf.opened();
    assertEquals(1, counts.open(LiveCounts.ALL));
    assertEquals(1, counts.open("bptf"), "counted once");
    assertEquals(0, counts.open("skinshark"));

    bptf.drop(LiveCounts.DropReason.SERVER_BUSY, new CloseReason(CloseCodes.TRY_AGAIN_LATER, "x"));
    bptfSocket.awaitClosed();
    assertEquals(1, counts.dropped("bptf", LiveCounts.DropReason.SERVER_BUSY));
    assertEquals(0, counts.dropped(LiveCounts.ALL, LiveCounts.DropReason.SERVER_BUSY));
    assertEquals(1, counts.open("bptf"), "open until the container tells of the close");

    // The container may tell of one end twice: an error, then the close.
    bptf.release();
    bptf.release();
    everything.release();
    assertEquals(0, counts.open("bptf"));
    assertEquals(0, counts.open(LiveCounts.ALL));
    bptf.opened();
    assertEquals(0, counts.open("bptf"), "a socket that ended does not open again");

    LiveSubscriber neverOpened = subscriber(new FakeSocket(), bptfOnly, 100, WIDE);
    neverOpened.release();
    assertEquals(0, counts.open("bptf"), "only a socket counted as open is counted as closed");
  }

  @Test
  void theCountsAreKeptByEachSourceAndAll() {
    assertEquals(List.of("bptf", "skinshark", "all"), LiveCounts.sourceIds());
    assertEquals("too_slow", LiveCounts.DropReason.TOO_SLOW.id());
    assertEquals("server_busy", LiveCounts.DropReason.SERVER_BUSY.id());
    assertThrows(IllegalArgumentException.class, () -> counts.open("steam"));
  }
}
