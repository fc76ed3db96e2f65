package org.tradewatch.web.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatsTest {

  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  private static String ago(Duration before) {
    return Formats.ago(NOW.minus(before), NOW);
  }

  @Test
  void relativeTimesReadAsTradersSayThem() {
    assertEquals("just now", ago(Duration.ofSeconds(10)));
    assertEquals("just now", Formats.ago(NOW.plusSeconds(30), NOW));
    assertEquals("1 min ago", ago(Duration.ofSeconds(50)));
    assertEquals("5 min ago", ago(Duration.ofMinutes(5)));
    assertEquals("2 h ago", ago(Duration.ofMinutes(110)));
    assertEquals("3 days ago", ago(Duration.ofDays(3)));
    assertEquals("4 months ago", ago(Duration.ofDays(122)));
    assertEquals("9 years ago", ago(Duration.ofDays(9 * 365)));
  }

  @Test
  void numbersCarryThousandsSeparators() {
    assertEquals("0", Formats.INSTANCE.count(0));
    assertEquals("999", Formats.INSTANCE.count(999));
    assertEquals("1,000", Formats.INSTANCE.count(1000));
    assertEquals("1,234,567", Formats.INSTANCE.count(1_234_567));
    assertEquals("-12,345", Formats.INSTANCE.count(-12_345));
  }

  @Test
  void exactTimesAreUtc() {
    assertEquals("2017-04-01 17:10:00 UTC", Formats.INSTANCE.utcSeconds(1491066600));
    assertEquals("2017-04-01T17:10:00Z", Formats.INSTANCE.iso(Instant.ofEpochSecond(1491066600)));
    assertEquals("", Formats.INSTANCE.utc(null));
  }
}
