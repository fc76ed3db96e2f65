package org.tradewatch.core.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpstreamFailureTest {

  private static final String TOKEN = "5904cbeb0e2cad7f621c0a85";

  @ParameterizedTest(name = "upstream {0} -> {1}")
  @CsvSource({
    "401, 401, false",
    "429, 429, false",
    "400, 400, false",
    "404, 404, false",
    "500, 502, true",
    "502, 502, true",
    "503, 502, true",
    "599, 502, true",
    "302, 502, true",
  })
  void statusesMapToTheClientStatusAndTheBreakerSeesOnlyOutages(
      int upstream, int client, boolean outage) {
    UpstreamFailure failure = UpstreamFailure.forStatus(upstream, "boom " + TOKEN, null, TOKEN);
    assertEquals(client, failure.clientStatus());
    assertEquals(outage, failure instanceof UpstreamUnavailable);
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

  @Test
  void longUpstreamMessagesAreCut() {
    String message = UpstreamFailure.forStatus(500, "x".repeat(5000), null, TOKEN).getMessage();
    assertTrue(message.length() < 400, message);
  }
}
