package org.tradewatch.web.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.enterprise.event.Event;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.notification.UpstreamFailure;
import org.tradewatch.core.notification.UpstreamRefusal;

/**
 * Every call to backpack.tf is counted once, by how it ended, whichever layer ended it: upstream's
 * answer, the client, or Fault Tolerance around it.
 */
class RestNotificationsUpstreamTest {

  private static final String TOKEN = "5904cbeb0e2cad7f621c0a85";

  /** What the next exchange does: answers a body, or throws. */
  private Supplier<String> next = () -> "{}";

  private final List<UpstreamAnswered> told = new ArrayList<>();

  private final RestNotificationsUpstream upstream = new RestNotificationsUpstream();

  {
    upstream.upstream =
        new BptfUpstream() {
          @Override
          public String exchange(String token, Function<BptfNotificationsClient, Response> call) {
            return next.get();
          }

          @Override
          long timeoutMillis() {
            return 4_000;
          }
        };
    upstream.counts = new ProxyCounts();
    upstream.circuitDelayMillis = 5_000;
    upstream.answered = events(told);
  }

  @SuppressWarnings("unchecked")
  private static Event<UpstreamAnswered> events(List<UpstreamAnswered> told) {
    return (Event<UpstreamAnswered>)
        Proxy.newProxyInstance(
            Event.class.getClassLoader(),
            new Class<?>[] {Event.class},
            (proxy, method, args) -> {
              if (method.getName().equals("fire")) {
                told.add((UpstreamAnswered) args[0]);
                return null;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  private Map<ProxyCounts.Outcome, Long> counted() {
    Map<ProxyCounts.Outcome, Long> counts = new EnumMap<>(ProxyCounts.Outcome.class);
    for (ProxyCounts.Outcome outcome : ProxyCounts.Outcome.values()) {
      long count = upstream.counts.calls(outcome);
      if (count > 0) {
        counts.put(outcome, count);
      }
    }
    return counts;
  }

  private UpstreamFailure failing(RuntimeException thrown) {
    next =
        () -> {
          throw thrown;
        };
    return assertThrows(UpstreamFailure.class, () -> upstream.search(TOKEN, 0, 0, null, null));
  }

  @Test
  void anAnsweredCallCountsOkAndIsToldOf() {
    assertEquals("{}", upstream.search(TOKEN, 0, 0, null, null));
    assertEquals("{}", upstream.markFolderRead(TOKEN, 1));
    assertEquals(Map.of(ProxyCounts.Outcome.OK, 2L), counted());
    assertEquals(2, told.size());
  }

  @Test
  void upstreamsRefusalsAndFailuresCountByTheirKind() {
    failing(UpstreamFailure.forStatus(401, null, null, TOKEN));
    failing(UpstreamFailure.forStatus(404, null, null, TOKEN));
    failing(UpstreamFailure.forStatus(429, null, 3L, TOKEN));
    failing(UpstreamFailure.forStatus(503, null, null, TOKEN));
    failing(UpstreamFailure.timeout(4_000));
    UpstreamFailure unreachable = UpstreamFailure.unreachable("could not be reached");
    assertSame(unreachable, failing(unreachable), "upstream's failure goes on as it is");
    assertEquals(
        Map.of(
            ProxyCounts.Outcome.REFUSED, 2L,
            ProxyCounts.Outcome.RATE_LIMITED, 1L,
            ProxyCounts.Outcome.FAILED, 1L,
            ProxyCounts.Outcome.TIMEOUT, 1L,
            ProxyCounts.Outcome.UNREACHABLE, 1L),
        counted());
    assertEquals(List.of(), told, "no failure is told of as an answer");
  }

  @Test
  void faultTolerancesOwnEndsCountAsWhatTheClientIsTold() {
    assertEquals(504, failing(new TimeoutException("slow")).clientStatus());
    UpstreamFailure open = failing(new CircuitBreakerOpenException("open"));
    assertEquals(503, open.clientStatus());
    assertEquals(5L, open.retryAfterSeconds());
    assertEquals(502, failing(new BulkheadException("full")).clientStatus());
    assertEquals(
        Map.of(
            ProxyCounts.Outcome.TIMEOUT, 1L,
            ProxyCounts.Outcome.CIRCUIT_OPEN, 1L,
            ProxyCounts.Outcome.UNREACHABLE, 1L),
        counted());
  }

  @Test
  void anythingElseGoesOnAsItIsAndCountsAsACallThatCouldNotBeMade() {
    IllegalStateException unexpected = new IllegalStateException("client bug");
    next =
        () -> {
          throw unexpected;
        };
    assertSame(
        unexpected,
        assertThrows(IllegalStateException.class, () -> upstream.delete(TOKEN, List.of("a"))));
    assertEquals(Map.of(ProxyCounts.Outcome.UNREACHABLE, 1L), counted());
  }

  @Test
  void outcomesAreNamedAsTheMetricsTagThem() {
    assertEquals(
        ProxyCounts.Outcome.RATE_LIMITED,
        ProxyCounts.Outcome.of(new UpstreamRefusal(429, "not now", 1L)));
    assertEquals("rate_limited", ProxyCounts.Outcome.RATE_LIMITED.id());
    assertEquals("circuit_open", ProxyCounts.Outcome.CIRCUIT_OPEN.id());
  }
}
