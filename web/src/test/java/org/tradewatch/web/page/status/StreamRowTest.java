package org.tradewatch.web.page.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the status page writes a stream's lag. */
class StreamRowTest {

  @Test
  void lagReadsInTheLargestUsefulUnit() {
    assertEquals("0 ms", StreamRow.lag(0));
    assertEquals("999 ms", StreamRow.lag(999));
    assertEquals("1.0 s", StreamRow.lag(1000));
    assertEquals("2.4 s", StreamRow.lag(2449));
    assertEquals("59.9 s", StreamRow.lag(59_949));
    assertEquals("1 min 0 s", StreamRow.lag(60_000));
    assertEquals("3 min 5 s", StreamRow.lag(185_400));
  }
}
