package org.tradewatch.web.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.status.StreamState;

/**
 * The rules both consumers rely on: one attempt and one socket at a time, stale callbacks ignored.
 */
class OneSocketTest {

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final StreamMonitor monitor = new StreamMonitor(Source.BPTF, Clock.systemUTC());
  private final List<Long> attempts = new CopyOnWriteArrayList<>();
  private final List<CloseReason> closedByUs = new CopyOnWriteArrayList<>();
  private final OneSocket socket = new OneSocket("test", monitor, scheduler, Clock.systemUTC());

  @AfterEach
  void shutDown() {
    scheduler.shutdownNow();
  }

  private Session session() {
    return (Session)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                closedByUs.add((CloseReason) args[0]);
                return null;
              }
              throw new IllegalStateException("the test did not expect " + method.getName());
            });
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  @Test
  void oneAttemptAtATimeAndStaleCallbacksAreIgnored() {
    socket.start(attempts::add);
    await("the first attempt", () -> attempts.size() == 1);
    socket.connectNow();
    socket.connectNow();
    assertEquals(1, attempts.size(), "no second attempt while one is under way");

    Session first = session();
    assertTrue(socket.opened(attempts.get(0), first));
    assertSame(first, socket.current());
    assertEquals(StreamState.CONNECTED, monitor.state());
    socket.connectNow();
    assertEquals(1, attempts.size(), "no attempt while a socket is open");

    assertFalse(socket.closed(attempts.get(0) - 1), "a callback of an older attempt");
    assertSame(first, socket.current());
    assertTrue(socket.closed(attempts.get(0)));
    assertNull(socket.current());

    socket.connectNow();
    await("the second attempt", () -> attempts.size() == 2);
    Session late = session();
    assertFalse(socket.opened(attempts.get(0), late), "the first attempt's socket came too late");
    assertEquals("superseded", closedByUs.get(0).getReasonPhrase());
    assertNull(socket.current());
  }

  @Test
  void aFailedAttemptBacksOffAndHaltEndsTheAttempts() {
    socket.start(
        attempt -> {
          attempts.add(attempt);
          throw new java.io.IOException("Connection refused");
        });
    await("the first attempt", () -> attempts.size() == 1);
    await("backing off", () -> monitor.state() == StreamState.BACKING_OFF);
    assertTrue(monitor.view().problem().contains("Connection refused"));

    socket.halt("configuration error: no market scope");
    assertEquals(StreamState.STOPPED, monitor.state());
    assertEquals("configuration error: no market scope", socket.haltedBecause());
    socket.connectNow();
    socket.retryLater("again");
    assertEquals(1, attempts.size(), "a halted socket makes no attempt");
  }

  @Test
  void stopClosesTheOpenSocketOnce() {
    socket.start(attempts::add);
    await("the first attempt", () -> attempts.size() == 1);
    assertTrue(socket.opened(attempts.get(0), session()));
    assertTrue(socket.stop("Tradewatch stopping"));
    assertEquals(CloseReason.CloseCodes.GOING_AWAY, closedByUs.get(0).getCloseCode());
    assertFalse(socket.stop("again"), "a second stop does nothing");
    assertEquals(1, closedByUs.size());
  }
}
