package org.tradewatch.web.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.account.TokenCipher;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.watch.Alert;
import org.tradewatch.core.watch.Ids;
import org.tradewatch.core.webhook.Attempt;
import org.tradewatch.core.webhook.Delivery;
import org.tradewatch.core.webhook.Webhook;
import org.tradewatch.core.webhook.WebhookSignature;
import org.tradewatch.persistence.TradewatchPersistence;
import org.tradewatch.persistence.webhook.JpaWebhookStore;
import org.tradewatch.web.watch.AlertsRaised;

/**
 * The dispatcher on a real (in-memory H2) store and a receiver on loopback, with plain executors in
 * the container's place: what a restart leaves pending is taken up and delivered, what another
 * instance holds is not, a refused connection is retried with its error logged, and a delivery past
 * its hour is given up. WebhooksIT covers the rest on the deployed WAR.
 */
class WebhookDispatcherTest {

  private static final String SECRET = "whsec_unit-test-secret";

  private EntityManagerFactory factory;
  private JpaWebhookStore store;
  private TokenCipher cipher;
  private HttpServer receiver;
  private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private volatile int status = 204;
  private ScheduledExecutorService scheduler;
  private WebhookDispatcher dispatcher;

  @BeforeEach
  void open() throws IOException {
    factory =
        TradewatchPersistence.create(
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", Map.of());
    store = new JpaWebhookStore(factory);
    cipher = new TokenCipher(TokenCipher.newKey());
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    receiver.createContext(
        "/hook",
        exchange -> {
          Map<String, String> headers = new java.util.HashMap<>();
          exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          received.add(headers);
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.setExecutor(Executors.newCachedThreadPool());
    receiver.start();
    scheduler = Executors.newScheduledThreadPool(2);
    dispatcher = new WebhookDispatcher();
    dispatcher.maxInFlight = 10;
    dispatcher.maxPending = 1000;
    dispatcher.queueAlerts = 100;
    dispatcher.timeoutMillis = 5000;
    dispatcher.firstDelayMillis = 200;
    dispatcher.maxDelayMillis = 1000;
    dispatcher.giveUpMinutes = 60;
    dispatcher.cacheMillis = 1000;
    dispatcher.store = store;
    dispatcher.cipher = cipher;
    dispatcher.threadCount = 2;
    dispatcher.scheduler =
        managed(ManagedScheduledExecutorService.class, ScheduledExecutorService.class, scheduler);
    dispatcher.threads =
        managed(ManagedThreadFactory.class, ThreadFactory.class, (ThreadFactory) Thread::new);
  }

  @AfterEach
  void close() {
    dispatcher.stop();
    receiver.stop(0);
    scheduler.shutdownNow();
    factory.close();
  }

  /** The container's executor or factory, as a plain one behind its interface. */
  private static <T> T managed(Class<T> type, Class<?> plain, Object target) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              try {
                return plain
                    .getMethod(method.getName(), method.getParameterTypes())
                    .invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }

  private String url() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private void webhook(String owner, String url) {
    store.put(
        new Webhook(
            owner,
            url,
            cipher.encrypt(SECRET, Webhook.associatedData(owner)),
            WebhookSignature.hintOf(SECRET),
            Instant.now()));
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void whatAStoppedInstanceLeftPendingIsTakenUpAndDeliveredButNotWhatAnotherHolds()
      throws Exception {
    webhook("alice", url());
    Instant now = Instant.now();
    // Tried once by an instance that then stopped: its claim ran out, its retry is due.
    Delivery left =
        new Delivery(
            Ids.random(),
            "alice",
            Ids.random(),
            "{\"event\":\"alert\",\"n\":1}",
            1,
            Delivery.State.PENDING,
            now.minusSeconds(30),
            now.minusSeconds(30),
            now.minusSeconds(5),
            now.minusSeconds(1));
    // Held by a running instance, which will send it itself.
    Delivery held =
        Delivery.pending(
            Ids.random(), "alice", Ids.random(), "{\"n\":2}", now, now.plusSeconds(300));
    store.add(List.of(left, held));

    dispatcher.onStart(null);
    await("the left delivery", () -> received.size() == 1);
    Map<String, String> headers = received.get(0);
    assertEquals(left.id(), headers.get("x-tradewatch-delivery"));
    assertEquals("2", headers.get("x-tradewatch-attempt"), "its second attempt");
    assertEquals(left.body(), bodies.get(0));
    assertTrue(
        WebhookSignature.verify(
            SECRET,
            Long.parseLong(headers.get("x-tradewatch-timestamp")),
            bodies.get(0),
            headers.get("x-tradewatch-signature")));
    await("the log", () -> store.log("alice", 10).size() == 1);
    Attempt line = store.log("alice", 10).get(0);
    assertEquals(2, line.attempt());
    assertEquals(Attempt.Outcome.DELIVERED, line.outcome());
    assertEquals(Integer.valueOf(204), line.statusCode());
    await("nothing left in flight", () -> dispatcher.pending() == 0);
    // A sweep is what takes deliveries up: one more, run here, still leaves the held one alone.
    dispatcher.sweep();
    assertEquals(0, dispatcher.pending(), "not the one another instance holds");
    assertEquals(1, received.size(), "not the one another instance holds");
    assertEquals(1, store.pending("alice"));
    assertEquals(1, dispatcher.outcomes(Attempt.Outcome.DELIVERED));
  }

  @Test
  void storedAlertsGoToTheirOwnersWebhookOnly() throws Exception {
    webhook("alice", url());
    dispatcher.onStart(null);
    Alert alices = alert("alice");
    dispatcher.onRaised(new AlertsRaised(List.of(alices, alert("bob"))));
    await("Alice's alert", () -> received.size() == 1);
    assertTrue(bodies.get(0).startsWith("{\"event\":\"alert\""), bodies.get(0));
    assertTrue(bodies.get(0).contains("\"id\":\"" + alices.id() + "\""), bodies.get(0));
    assertEquals("alert", received.get(0).get("x-tradewatch-event"));
    // Both alerts were handed over in one batch: by Alice's arrival Bob's was passed over.
    await("nothing left in flight", () -> dispatcher.pending() == 0);
    assertEquals(1, received.size(), "Bob has no webhook");
    assertEquals(List.of(), store.log("bob", 10));
  }

  @Test
  void aRefusedConnectionIsRetriedWithItsErrorLogged() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    webhook("alice", "http://127.0.0.1:" + closed + "/hook");
    dispatcher.onStart(null);
    String id = dispatcher.test("alice").orElseThrow();
    await("two attempts", () -> store.log("alice", 10).size() >= 2);
    List<Attempt> log = store.log("alice", 10);
    Attempt first = log.get(log.size() - 1);
    assertEquals(id, first.deliveryId());
    assertNull(first.alertId(), "a test");
    assertEquals(1, first.attempt());
    assertNull(first.statusCode());
    assertEquals("connection refused", first.error());
    assertEquals(Attempt.Outcome.RETRY, first.outcome());
    assertNotNull(first.nextAt());
    long waited = Duration.between(first.at(), first.nextAt()).toMillis();
    assertTrue(waited >= 100 && waited <= 200, "200 ms, jittered: " + waited);
    assertEquals(2, log.get(log.size() - 2).attempt());
    assertEquals(1, store.pending("alice"), "still pending");
  }

  @Test
  void aDeliveryStillFailingAtTheEndOfItsRetriesIsGivenUpAndMarkedFailed() throws Exception {
    dispatcher.giveUpMinutes = 0;
    status = 500;
    webhook("alice", url());
    dispatcher.onStart(null);
    dispatcher.test("alice").orElseThrow();
    await("the attempt", () -> store.log("alice", 10).size() == 1);
    Attempt only = store.log("alice", 10).get(0);
    assertEquals(Integer.valueOf(500), only.statusCode());
    assertEquals(Attempt.Outcome.FAILED, only.outcome());
    assertNull(only.nextAt());
    assertEquals(0, store.pending("alice"), "no longer pending");
    // Given up means nothing waits or flies, so no retry can come.
    await("nothing left in flight", () -> dispatcher.pending() == 0);
    assertEquals(1, received.size(), "not tried again");
    assertEquals(1, dispatcher.outcomes(Attempt.Outcome.FAILED));
  }

  private static Alert alert(String owner) {
    return new Alert(
        Ids.random(),
        owner,
        Ids.random(),
        new ListingKey(Source.BPTF, "440_1"),
        ItemKey.parse("bptf.440.Team_Captain.q-Unusual"),
        "Team Captain",
        "Unusual",
        Intent.SELL,
        new BigDecimal("12.5"),
        "ref",
        Alert.Reason.MATCHED,
        Instant.now(),
        false);
  }
}
