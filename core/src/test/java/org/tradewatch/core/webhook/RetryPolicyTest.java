package org.tradewatch.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private final RetryPolicy policy = RetryPolicy.DEFAULT;

  @Test
  void theDelayDoublesUpToTheCap() {
    assertEquals(Duration.ofSeconds(1), policy.delay(1));
    assertEquals(Duration.ofSeconds(2), policy.delay(2));
    assertEquals(Duration.ofSeconds(4), policy.delay(3));
    assertEquals(Duration.ofSeconds(512), policy.delay(10));
    assertEquals(Duration.ofMinutes(10), policy.delay(11));
    assertEquals(Duration.ofMinutes(10), policy.delay(1_000), "no overflow");
    assertThrows(IllegalArgumentException.class, () -> policy.delay(0));
  }

  @Test
  void eachRetryIsJitteredWithinTheUpperHalfOfItsDelay() {
    Random random = new Random(42);
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      Instant next = policy.next(5, T, T, random).orElseThrow();
      long millis = Duration.between(T, next).toMillis();
      assertTrue(millis >= 8_000 && millis <= 16_000, millis + " ms for a 16 s delay");
      seen.add(millis);
    }
    assertTrue(seen.size() > 100, "spread, not one value: " + seen.size());
  }

  @Test
  void noRetryIsLaterThanAnHourAfterTheFirstAttempt() {
    Random random = new Random(7);
    Instant now = T;
    int failed = 0;
    Optional<Instant> next;
    while ((next = policy.next(++failed, T, now, random)).isPresent()) {
      assertTrue(!next.get().isAfter(T.plus(Duration.ofHours(1))), next.get().toString());
      now = next.get();
    }
    assertTrue(failed > 10 && failed < 30, failed + " attempts in the hour");
    assertTrue(
        Duration.between(T, now).compareTo(Duration.ofMinutes(45)) > 0,
        "retries go on for most of the hour: " + now);
    assertEquals(Optional.empty(), policy.next(1, T, T.plus(Duration.ofHours(1)), random));
  }

  @Test
  void aPolicyIsChecked() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), Duration.ofHours(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofHours(1)));
  }
}
