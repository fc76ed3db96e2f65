package org.tradewatch.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServerTimingTest {

  @Test
  void millisecondsRoundedToATenth() {
    assertEquals("app;dur=0.0", ServerTiming.value(0));
    assertEquals("app;dur=0.0", ServerTiming.value(49_999));
    assertEquals("app;dur=0.1", ServerTiming.value(50_000));
    assertEquals("app;dur=1.2", ServerTiming.value(1_234_567));
    assertEquals("app;dur=10.0", ServerTiming.value(9_960_000));
    assertEquals("app;dur=12345.7", ServerTiming.value(12_345_678_901L));
  }

  @Test
  void aClockThatWentBackwardsReadsAsZero() {
    assertEquals("app;dur=0.0", ServerTiming.value(-5_000_000));
  }
}
