package org.tradewatch.web.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.status.StreamState;
import org.tradewatch.core.stream.Backoff;

/**
 * The rules both consumers rely on: one attempt and one socket at a time, stale callbacks ignored,
 * and a back-off that starts over only after a socket has delivered frames for a while.
 */
class OneSocketTest {

  private final ImpatientScheduler scheduler = new ImpatientScheduler();
  private final StreamMonitor monitor = new StreamMonitor(Source.BPTF, Clock.systemUTC());
  private final List<Long> attempts = new CopyOnWriteArrayList<>();
  private final List<CloseReason> closedByUs = new CopyOnWriteArrayList<>();
  private final TestClock clock = new TestClock();
  // Every delay is its whole window: 500 ms, then 1.5 times more per failure, up to 10 s.
  private final OneSocket socket =
      new OneSocket(
          "test", monitor, scheduler, new Backoff(Backoff.Policy.DEFAULT, clock, () -> 1.0));
  private final AtomicInteger refusals = new AtomicInteger();

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
    // Delays waited out for real, and long enough that the halt comes first.
    scheduler.impatient = false;
    Backoff minute =
        new Backoff(
            new Backoff.Policy(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ZERO),
            clock,
            () -> 1.0);
    OneSocket patient = new OneSocket("test", monitor, scheduler, minute);
    patient.start(
        attempt -> {
          attempts.add(attempt);
          throw new IOException(
              "Handshake error.", new IOException("Response code was not 101: 503."));
        });
    await("the first attempt", () -> attempts.size() == 1);
    await("backing off", () -> monitor.state() == StreamState.BACKING_OFF);
    assertEquals(
        "connect failed: Handshake error. (Response code was not 101: 503.)",
        monitor.view().problem());

    patient.halt("configuration error: no market scope");
    assertEquals(StreamState.STOPPED, monitor.state());
    assertEquals("configuration error: no market scope", patient.haltedBecause());
    patient.connectNow();
    patient.retryLater("again");
    assertEquals(1, attempts.size(), "a halted socket makes no attempt");
  }

  /** Opens a socket, or fails as long as {@link #refusals} are left. */
  private void refusingOpener(long attempt) throws IOException {
    attempts.add(attempt);
    if (refusals.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      throw new IOException("503 Service Unavailable");
    }
  }

  private long awaitAttempt(int count) {
    await("attempt " + count, () -> attempts.size() >= count);
    return attempts.get(count - 1);
  }

  private void framesFor(long attempt, Duration span) {
    for (Duration at = Duration.ZERO; at.compareTo(span) <= 0; at = at.plusMillis(500)) {
      assertTrue(socket.frameArrived(attempt));
      if (at.compareTo(span) < 0) {
        clock.advance(Duration.ofMillis(Math.min(500, span.minus(at).toMillis())));
      }
    }
  }

  private List<Long> delaysMillis() {
    return scheduler.delays.stream().map(Duration::toMillis).toList();
  }

  @Test
  void refusedAttemptsAreRetriedUntilOneOpens() {
    refusals.set(3);
    socket.start(this::refusingOpener);

    long opened = awaitAttempt(4);

    assertTrue(socket.opened(opened, session()));
    assertEquals(StreamState.CONNECTED, monitor.state());
    assertEquals(List.of(0L, 500L, 750L, 1125L), delaysMillis());
  }

  @Test
  void aHealthySocketIsRetriedWithinHalfASecondAndAFlappingOneBacksOff() {
    socket.start(this::refusingOpener);
    long first = awaitAttempt(1);
    assertTrue(socket.opened(first, session()));
    framesFor(first, Duration.ofSeconds(3));
    assertTrue(socket.closed(first));
    // The upstream is restarting: refused twice, then it opens and closes at once, then it
    // delivers frames for less than the healthy period: every one of them still counts as a
    // failure, then three seconds of frames start the schedule over.
    refusals.set(2);
    socket.retryLater("closed (1012 service restart)");
    long second = awaitAttempt(2);
    long opensAndCloses = awaitAttempt(4);
    assertTrue(socket.opened(opensAndCloses, session()));
    assertTrue(socket.closed(opensAndCloses));
    socket.retryLater("closed (1006)");
    long briefly = awaitAttempt(5);
    assertTrue(socket.opened(briefly, session()));
    framesFor(briefly, Duration.ofMillis(2500));
    assertTrue(socket.closed(briefly));
    socket.retryLater("closed (1012 service restart)");
    long healthy = awaitAttempt(6);
    assertTrue(socket.opened(healthy, session()));
    framesFor(healthy, Duration.ofSeconds(3));
    assertTrue(socket.closed(healthy));
    socket.retryLater("closed (1012 service restart)");
    awaitAttempt(7);

    assertTrue(second > first);
    assertEquals(List.of(0L, 500L, 750L, 1125L, 1687L, 2531L, 500L), delaysMillis());
  }

  @Test
  void framesOfAnOlderSocketAreDroppedAndProveNothing() {
    socket.start(this::refusingOpener);
    long first = awaitAttempt(1);
    assertTrue(socket.opened(first, session()));
    assertTrue(socket.closed(first));
    socket.retryLater("closed (1006)");
    long second = awaitAttempt(2);
    assertTrue(socket.opened(second, session()));

    for (int i = 0; i < 10; i++) {
      assertFalse(socket.frameArrived(first), "a frame of the socket before");
      clock.advance(Duration.ofSeconds(1));
    }
    assertEquals(0, monitor.view().framesReceived());
    assertTrue(socket.closed(second));
    socket.retryLater("closed (1006)");
    awaitAttempt(3);

    assertEquals(List.of(0L, 500L, 750L), delaysMillis());
  }

  @Test
  void reconnectNumbersThatMakeNoScheduleHaltWithAConfigurationError() {
    OneSocket misconfigured =
        OneSocket.configured(
            "test", monitor, scheduler, "tradewatch.test.ws.reconnect.*", 10_000, 500, 3000);
    misconfigured.start(this::refusingOpener);
    misconfigured.retryLater("again");

    String problem = misconfigured.haltedBecause();
    assertTrue(problem.startsWith("configuration error: tradewatch.test.ws.reconnect.*"), problem);
    assertTrue(problem.contains("longest delay"), problem);
    assertEquals(StreamState.STOPPED, monitor.state());
    assertEquals(problem, monitor.view().problem());
    assertTrue(attempts.isEmpty(), "no attempt");
    assertTrue(scheduler.delays.isEmpty(), "nothing scheduled");
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

  /**
   * Runs every task at once, unless told to be patient, and keeps the delay it was scheduled with:
   * the back-off's choices, without waiting them out.
   */
  private static final class ImpatientScheduler extends ScheduledThreadPoolExecutor {
    final List<Duration> delays = new CopyOnWriteArrayList<>();
    volatile boolean impatient = true;

    ImpatientScheduler() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
      delays.add(Duration.ofNanos(unit.toNanos(delay)));
      return super.schedule(task, impatient ? 0 : delay, unit);
    }
  }

  /** A clock the test moves by hand. */
  private static final class TestClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the test clock has one zone");
    }
  }
}
