package org.tradewatch.core.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpstreamFailureTest {

  private static final String TOKEN = "5904cbeb0e2cad7f621c0a85";

  @ParameterizedTest(name = "upstream {0} -> {1}")
  @CsvSource({
    "401, 401, false, REFUSED",
    "429, 429, false, RATE_LIMITED",
    "400, 400, false, REFUSED",
    "404, 404, false, REFUSED",
    "500, 502, true, FAILED",
    "502, 502, true, FAILED",
    "503, 502, true, FAILED",
    "599, 502, true, FAILED",
    "302, 502, true, FAILED",
  })
  void statusesMapToTheClientStatusAndTheBreakerSeesOnlyOutages(
      int upstream, int client, boolean outage, UpstreamFailure.Kind kind) {
    UpstreamFailure failure = UpstreamFailure.forStatus(upstream, "boom " + TOKEN, null, TOKEN);
    assertEquals(client, failure.clientStatus());
    assertEquals(outage, failure instanceof UpstreamUnavailable);
    assertEquals(kind, failure.kind());
    assertFalse(failure.getMessage().contains(TOKEN), failure.getMessage());
    assertTrue(failure.getMessage().contains("[token]"), failure.getMessage());
    assertEquals(0, failure.getStackTrace().length, "no stack trace to log");
    assertNull(failure.getCause());
  }

  @Test
  void tooManyRequestsKeepsRetryAfter() {
    UpstreamFailure failure = UpstreamFailure.forStatus(429, null, 42L, TOKEN);
    assertInstanceOf(UpstreamRefusal.class, failure);
    assertEquals(42L, failure.retryAfterSeconds());
    assertTrue(failure.getMessage().contains("42"), failure.getMessage());
  }

  @Test
  void timeoutsAndOpenCircuitsAreOutages() {
    UpstreamFailure timeout = UpstreamFailure.timeout(1500);
    assertEquals(504, timeout.clientStatus());
    assertInstanceOf(UpstreamUnavailable.class, timeout);
    UpstreamFailure open = UpstreamFailure.circuitOpen(15);
    assertEquals(503, open.clientStatus());
    assertEquals(15L, open.retryAfterSeconds());
    assertEquals(502, UpstreamFailure.unreachable("could not be reached").clientStatus());
  }

  /** Operators count failures by kind: the same client status can come from different causes. */
  @Test
  void eachFailureSaysWhichKindItIs() {
    assertEquals(UpstreamFailure.Kind.TIMEOUT, UpstreamFailure.timeout(1500).kind());
    assertEquals(UpstreamFailure.Kind.CIRCUIT_OPEN, UpstreamFailure.circuitOpen(15).kind());
    UpstreamFailure unreachable = UpstreamFailure.unreachable("could not be reached");
    UpstreamFailure failed = UpstreamFailure.forStatus(500, null, null, TOKEN);
    assertEquals(unreachable.clientStatus(), failed.clientStatus(), "both 502 to the client");
    assertEquals(UpstreamFailure.Kind.UNREACHABLE, unreachable.kind());
    assertEquals(UpstreamFailure.Kind.FAILED, failed.kind());
    assertEquals(
        UpstreamFailure.Kind.RATE_LIMITED, new UpstreamRefusal(429, "slow down", 1L).kind());
    assertEquals(UpstreamFailure.Kind.REFUSED, new UpstreamRefusal(403, "no", null).kind());
    assertThrows(
        IllegalArgumentException.class,
        () -> new UpstreamUnavailable(UpstreamFailure.Kind.REFUSED, 401, "no", null),
        "a refusal never opens the breaker");
  }

  @Test
  void longUpstreamMessagesAreCut() {
    String message = UpstreamFailure.forStatus(500, "x".repeat(5000), null, TOKEN).getMessage();
    assertTrue(message.length() < 400, message);
  }
}
