package org.tradewatch.web.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Tag;
import org.tradewatch.core.status.StreamState;
import org.tradewatch.web.stream.StreamMonitor;
import org.tradewatch.web.stream.StreamMonitor.SkipReason;

/**
 * Every Tradewatch metric, one registration each, read from the component that keeps the number.
 * The names and tags are documented for operators in {@code docs/operations.md} ("What to
 * monitor"); change them only with it, as dashboards and alerts depend on them.
 */
@ApplicationScoped
public class TradewatchMetrics {

  @Inject Metrics metrics;

  /**
   * The metrics of one upstream stream, tagged {@code source}. Counts are this instance's since it
   * started, so in a cluster they add up across instances; {@code /api/streams} shows lifetime
   * counts instead.
   */
  public void stream(StreamMonitor stream) {
    Tag source = new Tag("source", stream.source().id());
    metrics.counter(
        "tradewatch_stream_frames_received_total",
        "Frames received from the upstream socket",
        stream::framesReceived,
        source);
    metrics.counter(
        "tradewatch_stream_events_applied_total",
        "Listing events applied to the store",
        stream::appliedSinceStart,
        source);
    for (SkipReason reason : SkipReason.values()) {
      metrics.counter(
          "tradewatch_stream_events_skipped_total",
          "Listing events looked at and not applied, by reason: superseded, duplicate, stale,"
              + " unknown_delete",
          () -> stream.skippedSinceStart(reason),
          source,
          new Tag("reason", reason.id()));
    }
    stream.onIgnoredName(
        event ->
            metrics.counter(
                "tradewatch_stream_events_ignored_total",
                "Events of other types than listing events, by event name (the first "
                    + StreamMonitor.MAX_IGNORED_NAMES
                    + " names; the rest as "
                    + StreamMonitor.OTHER_IGNORED
                    + ")",
                () -> stream.ignoredSinceStart(event),
                source,
                new Tag("event", event)));
    metrics.counter(
        "tradewatch_stream_quarantined_total",
        "Frames or events that could not be decoded or stored, kept in the quarantine table",
        stream::quarantinedSinceStart,
        source);
    metrics.counter(
        "tradewatch_stream_reconnects_total",
        "Connections opened after the first one",
        stream::reconnectsSinceStart,
        source);
    metrics.gauge(
        "tradewatch_stream_connected",
        "1 while this instance's consumer has the upstream socket open, else 0 (also on a standby"
            + " instance of a cluster)",
        () -> stream.state() == StreamState.CONNECTED ? 1 : 0,
        source);
    metrics.gauge(
        "tradewatch_stream_queue_depth",
        "Frames received and waiting to be applied",
        stream::queueDepth,
        source);
    metrics.gauge(
        "tradewatch_stream_lag_seconds",
        "How long the oldest frame waiting to be applied has waited; 0 when none waits",
        () -> stream.lagMillis() / 1000.0,
        source);
  }
}
