package org.tradewatch.web.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.ingest.IngestResult;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.notification.SearchAnswer;
import org.tradewatch.core.watch.AlertPump;
import org.tradewatch.core.watch.AlertStore;
import org.tradewatch.core.watch.DealTest;
import org.tradewatch.core.watch.WatchBook;
import org.tradewatch.web.live.LiveCounts;
import org.tradewatch.web.notification.ProxyCounts;
import org.tradewatch.web.stream.StreamMonitor;
import org.tradewatch.web.webhook.WebhookDispatcher;

/**
 * The stream metrics as Prometheus names them, and that each reads the stream's own counts. The
 * registry is replaced by a map here; BptfStreamIT scrapes the real one.
 */
class TradewatchMetricsTest {

  /** Registrations by "name{tag=value,...}", tags sorted, as the exposition writes them. */
  private final Map<String, Supplier<? extends Number>> registered = new TreeMap<>();

  private final Map<String, String> help = new TreeMap<>();

  private final TradewatchMetrics metrics = new TradewatchMetrics();

  {
    metrics.metrics =
        new Metrics() {
          @Override
          <T extends Number> void register(
              String name, String text, Supplier<T> value, Tag... tags) {
            TreeMap<String, String> sorted = new TreeMap<>();
            for (Tag tag : tags) {
              sorted.put(tag.getTagName(), tag.getTagValue());
            }
            StringBuilder id = new StringBuilder(name).append('{');
            sorted.forEach((k, v) -> id.append(k).append('=').append(v).append(','));
            id.setLength(id.length() - 1);
            registered.put(sorted.isEmpty() ? name : id.append('}').toString(), value);
            help.put(name, text);
          }
        };
  }

  private double value(String id) {
    Supplier<? extends Number> supplier = registered.get(id);
    assertTrue(supplier != null, id + " is registered: " + registered.keySet());
    return supplier.get().doubleValue();
  }

  @Test
  void everyStreamFigureIsAMetricTaggedWithItsSource() {
    StreamMonitor stream = new StreamMonitor(Source.BPTF, Clock.systemUTC());

    metrics.stream(stream);

    assertEquals(
        new TreeSet<>(
            List.of(
                "tradewatch_stream_frames_received_total{source=bptf}",
                "tradewatch_stream_events_applied_total{source=bptf}",
                "tradewatch_stream_events_skipped_total{reason=superseded,source=bptf}",
                "tradewatch_stream_events_skipped_total{reason=duplicate,source=bptf}",
                "tradewatch_stream_events_skipped_total{reason=stale,source=bptf}",
                "tradewatch_stream_events_skipped_total{reason=unknown_delete,source=bptf}",
                "tradewatch_stream_quarantined_total{source=bptf}",
                "tradewatch_stream_reconnects_total{source=bptf}",
                "tradewatch_stream_connected{source=bptf}",
                "tradewatch_stream_queue_depth{source=bptf}",
                "tradewatch_stream_lag_seconds{source=bptf}")),
        registered.keySet(),
        "the names are an API: docs/operations.md lists them");
    help.forEach((name, text) -> assertFalse(text.isBlank(), name + " has a help text"));
  }

  @Test
  void theMetricsReadTheStreamsOwnCounts() {
    StreamMonitor stream = new StreamMonitor(Source.SKINSHARK, Clock.systemUTC());
    metrics.stream(stream);
    assertEquals(0, value("tradewatch_stream_connected{source=skinshark}"));

    stream.frameReceived();
    stream.applied(
        new IngestResult(7, 1, 2, 3, 4, 5, Map.of("ping", 6), List.of(), List.of(), List.of()));
    stream.quarantined(1);
    stream.connected(false);
    stream.connected(true);
    stream.watchQueue(() -> 2, () -> Instant.now().minusSeconds(3));

    assertEquals(1, value("tradewatch_stream_frames_received_total{source=skinshark}"));
    assertEquals(7, value("tradewatch_stream_events_applied_total{source=skinshark}"));
    assertEquals(
        1, value("tradewatch_stream_events_skipped_total{reason=superseded,source=skinshark}"));
    assertEquals(
        2, value("tradewatch_stream_events_skipped_total{reason=duplicate,source=skinshark}"));
    assertEquals(3, value("tradewatch_stream_events_skipped_total{reason=stale,source=skinshark}"));
    assertEquals(
        4, value("tradewatch_stream_events_skipped_total{reason=unknown_delete,source=skinshark}"));
    assertEquals(
        6,
        value("tradewatch_stream_events_ignored_total{event=ping,source=skinshark}"),
        "a name is registered when it is first counted");
    assertEquals(6, value("tradewatch_stream_quarantined_total{source=skinshark}"));
    assertEquals(1, value("tradewatch_stream_reconnects_total{source=skinshark}"));
    assertEquals(1, value("tradewatch_stream_connected{source=skinshark}"));
    assertEquals(2, value("tradewatch_stream_queue_depth{source=skinshark}"));
    double lag = value("tradewatch_stream_lag_seconds{source=skinshark}");
    assertTrue(lag >= 3 && lag < 60, "lag in seconds: " + lag);

    stream.backingOff("closed");
    assertEquals(0, value("tradewatch_stream_connected{source=skinshark}"));
    assertEquals(
        Set.of("ping"), stream.ignoredNames(), "only names seen are registered: " + registered);
  }

  @Test
  void everyProxyFigureIsAMetricTaggedBptf() {
    ProxyCounts counts = new ProxyCounts();
    metrics.notifications(counts);

    assertEquals(
        new TreeSet<>(
            List.of(
                "tradewatch_notifications_upstream_calls_total{outcome=ok,source=bptf}",
                "tradewatch_notifications_upstream_calls_total{outcome=refused,source=bptf}",
                "tradewatch_notifications_upstream_calls_total{outcome=rate_limited,source=bptf}",
                "tradewatch_notifications_upstream_calls_total{outcome=failed,source=bptf}",
                "tradewatch_notifications_upstream_calls_total{outcome=timeout,source=bptf}",
                "tradewatch_notifications_upstream_calls_total{outcome=unreachable,source=bptf}",
                "tradewatch_notifications_upstream_calls_total{outcome=circuit_open,source=bptf}",
                "tradewatch_notifications_answers_total{from=upstream,source=bptf}",
                "tradewatch_notifications_answers_total{from=refreshed,source=bptf}",
                "tradewatch_notifications_answers_total{from=store,source=bptf}")),
        registered.keySet(),
        "the names are an API: docs/operations.md lists them");

    counts.called(ProxyCounts.Outcome.OK);
    counts.called(ProxyCounts.Outcome.OK);
    counts.called(ProxyCounts.Outcome.CIRCUIT_OPEN);
    counts.answered(SearchAnswer.Source.STORE);
    assertEquals(2, value("tradewatch_notifications_upstream_calls_total{outcome=ok,source=bptf}"));
    assertEquals(
        1,
        value("tradewatch_notifications_upstream_calls_total{outcome=circuit_open,source=bptf}"));
    assertEquals(
        0, value("tradewatch_notifications_upstream_calls_total{outcome=timeout,source=bptf}"));
    assertEquals(1, value("tradewatch_notifications_answers_total{from=store,source=bptf}"));
    assertEquals(0, value("tradewatch_notifications_answers_total{from=upstream,source=bptf}"));
  }

  @Test
  void everyLiveSocketFigureIsAMetricTaggedWithTheSourceItFollows() {
    LiveCounts counts = new LiveCounts();
    metrics.live(counts);

    Set<String> expected = new TreeSet<>();
    for (String source : List.of("bptf", "skinshark", "all")) {
      expected.add("tradewatch_live_sockets_open{source=" + source + "}");
      for (String reason : List.of("too_slow", "server_busy", "failed")) {
        expected.add(
            "tradewatch_live_clients_dropped_total{reason=" + reason + ",source=" + source + "}");
      }
    }
    assertEquals(expected, registered.keySet(), "docs/operations.md lists them");
    help.forEach((name, text) -> assertFalse(text.isBlank(), name + " has a help text"));
    for (String id : expected) {
      assertEquals(0, value(id), id + " starts at 0");
    }
  }

  @Test
  void webhookDeliveriesAreCountedByOutcome() {
    WebhookDispatcher dispatcher = new WebhookDispatcher();
    metrics.webhooks(dispatcher);
    Set<String> expected = new TreeSet<>();
    for (String outcome : List.of("delivered", "retry", "failed", "dropped")) {
      expected.add("tradewatch_webhook_deliveries_total{outcome=" + outcome + "}");
    }
    expected.add("tradewatch_webhook_alerts_dropped_total");
    expected.add("tradewatch_webhook_pending");
    expected.add("tradewatch_webhook_log_lost_total");
    assertEquals(expected, registered.keySet(), "docs/operations.md lists them");
    help.forEach((name, text) -> assertFalse(text.isBlank(), name + " has a help text"));
    for (String id : expected) {
      assertEquals(0, value(id), id + " starts at 0");
    }
  }

  @Test
  void watchMatchingCountsWhatItRaisedStoredAndLost() {
    WatchBook book = new WatchBook(DealTest.underSuggested(BigDecimal.TEN));
    AlertStore unused =
        (AlertStore)
            Proxy.newProxyInstance(
                AlertStore.class.getClassLoader(),
                new Class<?>[] {AlertStore.class},
                (proxy, method, args) -> {
                  throw new AssertionError("a pump never started stores nothing");
                });
    AlertPump pump = new AlertPump(book, unused, alerts -> {}, 1);
    metrics.alerts(pump);
    Set<String> expected =
        new TreeSet<>(
            List.of(
                "tradewatch_alerts_raised_total",
                "tradewatch_alerts_stored_total",
                "tradewatch_alerts_storing",
                "tradewatch_alerts_lost_total",
                "tradewatch_alerts_changes_dropped_total"));
    assertEquals(expected, registered.keySet(), "docs/operations.md lists them");
    help.forEach((name, text) -> assertFalse(text.isBlank(), name + " has a help text"));
    for (String id : expected) {
      assertEquals(0, value(id), id + " starts at 0");
    }
  }
}
