package org.tradewatch.web.page.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.webhook.Attempt;

class AttemptRowTest {

  private static final Instant T = Instant.parse("2026-12-07T20:00:00Z");

  @Test
  void anAnswerShowsItsStatusAndATestIsNamedSo() {
    AttemptRow row =
        AttemptRow.of(
            new Attempt(
                "0123456789abcdef",
                "alice",
                "fedcba9876543210",
                null,
                1,
                T,
                500,
                null,
                Attempt.Outcome.RETRY,
                T.plusSeconds(1)));
    assertEquals("test", row.what());
    assertEquals("HTTP 500", row.result());
    assertEquals("retry", row.outcome());
    assertEquals(T.plusSeconds(1), row.nextAt());
  }

  @Test
  void noAnswerShowsWhyAndAnAlertItsId() {
    AttemptRow row =
        AttemptRow.of(
            new Attempt(
                "0123456789abcdef",
                "alice",
                "fedcba9876543210",
                "00000000000000aa",
                3,
                T,
                null,
                "connection refused",
                Attempt.Outcome.FAILED,
                null));
    assertEquals("00000000000000aa", row.what());
    assertEquals("connection refused", row.result());
    assertEquals(3, row.attempt());
    assertEquals("failed", row.outcome());
    assertNull(row.nextAt());
  }
}
