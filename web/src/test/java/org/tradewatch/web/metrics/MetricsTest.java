package org.tradewatch.web.metrics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The names of Tradewatch's metrics are an API: their form is checked when they are registered. */
class MetricsTest {

  @Test
  void countsEndInTotalAndNothingElseDoes() {
    assertDoesNotThrow(
        () -> Metrics.requireValidName("tradewatch_stream_events_applied_total", true));
    assertDoesNotThrow(() -> Metrics.requireValidName("tradewatch_stream_lag_seconds", false));
    assertThrows(
        IllegalArgumentException.class,
        () -> Metrics.requireValidName("tradewatch_stream_events_applied", true));
    assertThrows(
        IllegalArgumentException.class,
        () -> Metrics.requireValidName("tradewatch_stream_open_total", false));
  }

  @Test
  void namesAreTradewatchsAndInPrometheusForm() {
    for (String bad :
        new String[] {
          "stream_events_applied_total",
          "tradewatch",
          "tradewatch_",
          "tradewatch__events_total",
          "tradewatch_Stream_total",
          "tradewatch.stream.events_total",
          "tradewatch_stream-events_total",
          "tradewatch_stream_events_total ",
        }) {
      assertThrows(IllegalArgumentException.class, () -> Metrics.requireValidName(bad, true), bad);
    }
    assertThrows(NullPointerException.class, () -> Metrics.requireValidName(null, true));
  }
}
