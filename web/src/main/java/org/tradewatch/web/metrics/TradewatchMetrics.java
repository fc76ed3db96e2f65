package org.tradewatch.web.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Tag;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.notification.SearchAnswer;
import org.tradewatch.core.status.StreamState;
import org.tradewatch.core.watch.AlertPump;
import org.tradewatch.core.webhook.Attempt;
import org.tradewatch.web.live.LiveCounts;
import org.tradewatch.web.live.LiveHub;
import org.tradewatch.web.notification.ProxyCounts;
import org.tradewatch.web.stream.StreamMonitor;
import org.tradewatch.web.stream.StreamMonitor.SkipReason;
import org.tradewatch.web.watch.AlertMatcher;
import org.tradewatch.web.webhook.WebhookDispatcher;

/**
 * Every Tradewatch metric, one registration each, read from the component that keeps the number.
 * The names and tags are documented for operators in {@code docs/operations.md} ("What to
 * monitor"); change them only with it, as dashboards and alerts depend on them.
 */
@ApplicationScoped
public class TradewatchMetrics {

  private static final Logger LOG = Logger.getLogger(TradewatchMetrics.class.getName());

  @Inject Metrics metrics;

  @Inject ProxyCounts proxy;

  @Inject LiveHub hub;

  @Inject WebhookDispatcher webhooks;

  @Inject AlertMatcher alerts;

  /**
   * Registers the notifications proxy's and the live sockets' metrics with the application, so that
   * they show (at 0) before the first call or socket. The streams register theirs as they start.
   */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    try {
      notifications(proxy);
      live(hub.counts());
      webhooks(webhooks);
      alerts(alerts.counters());
    } catch (RuntimeException e) {
      // The application matters more than its metrics: it runs without them.
      LOG.log(
          Level.WARNING, "could not register the proxy's, live sockets' and webhooks' metrics", e);
    }
  }

  /**
   * The notifications proxy's metrics, tagged {@code source} {@code bptf}: backpack.tf is the
   * upstream of every notification. Counts are this instance's since it started.
   */
  public void notifications(ProxyCounts counts) {
    Tag source = new Tag("source", Source.BPTF.id());
    for (ProxyCounts.Outcome outcome : ProxyCounts.Outcome.values()) {
      metrics.counter(
          "tradewatch_notifications_upstream_calls_total",
          "Calls to backpack.tf's notifications API, by outcome: ok, refused, rate_limited, failed,"
              + " timeout, unreachable, circuit_open (not sent)",
          () -> counts.calls(outcome),
          source,
          new Tag("outcome", outcome.id()));
    }
    for (SearchAnswer.Source from : SearchAnswer.Source.values()) {
      metrics.counter(
          "tradewatch_notifications_answers_total",
          "Notification searches the proxy answered, by where the answer came from (its"
              + " X-Tradewatch-Source): upstream, refreshed, store",
          () -> counts.answers(from),
          source,
          new Tag("from", ProxyCounts.id(from)));
    }
  }

  /**
   * The live sockets' metrics, tagged {@code source} with the source a socket follows ({@code all}
   * for a socket whose filters name none).
   */
  public void live(LiveCounts counts) {
    for (String id : LiveCounts.sourceIds()) {
      Tag source = new Tag("source", id);
      metrics.gauge(
          "tradewatch_live_sockets_open",
          "Live listing sockets (/api/listings/live) open now, by the source they follow",
          () -> counts.open(id),
          source);
      for (LiveCounts.DropReason reason : LiveCounts.DropReason.values()) {
        metrics.counter(
            "tradewatch_live_clients_dropped_total",
            "Live socket clients the server let go, by reason: too_slow (1008), server_busy"
                + " (1013), failed (1011)",
            () -> counts.dropped(id, reason),
            source,
            new Tag("reason", reason.id()));
      }
    }
  }

  /**
   * The webhooks' metrics: deliveries by outcome, counted on the instance that made the attempt
   * (the one that stored the alert, or took a stopped one's pending deliveries up).
   */
  public void webhooks(WebhookDispatcher dispatcher) {
    for (Attempt.Outcome outcome : Attempt.Outcome.values()) {
      metrics.counter(
          "tradewatch_webhook_deliveries_total",
          "Webhook delivery attempts, by outcome: delivered (2xx), retry (failed, to be tried"
              + " again), failed (given up after an hour), dropped (unsent, over the user's bound)",
          () -> dispatcher.outcomes(outcome),
          new Tag("outcome", outcome.id()));
    }
    metrics.counter(
        "tradewatch_webhook_alerts_dropped_total",
        "Alerts not handed to webhooks because the hand-off queue was full",
        dispatcher::alertsDropped);
    metrics.gauge(
        "tradewatch_webhook_pending",
        "Webhook deliveries waiting or in flight on this instance",
        dispatcher::pending);
    metrics.counter(
        "tradewatch_webhook_log_lost_total",
        "Webhook deliveries and log lines not stored: the database refused them three times",
        dispatcher::writesLost);
  }

  /** Watch matching on this instance: what it raised, what waits for the store, what was lost. */
  public void alerts(AlertPump pump) {
    metrics.counter(
        "tradewatch_alerts_raised_total",
        "Alerts raised by matching applied listings against the watches on this instance",
        pump::alertsRaised);
    metrics.counter(
        "tradewatch_alerts_stored_total", "Alerts stored on this instance", pump::alertsStored);
    metrics.gauge(
        "tradewatch_alerts_storing",
        "Alerts raised and delivered, waiting to be stored",
        pump::storing);
    metrics.counter(
        "tradewatch_alerts_lost_total",
        "Alerts dropped unstored: more than 10,000 waited for a database that refused them",
        pump::alertsLost);
    metrics.counter(
        "tradewatch_alerts_changes_dropped_total",
        "Applied listing changes not matched against the watches: the matcher was behind",
        pump::changesDropped);
  }

  /**
   * The metrics of one upstream stream, tagged {@code source}. Counts are this instance's since it
   * started, so in a cluster they add up across instances; {@code /api/streams} shows lifetime
   * counts instead.
   */
  public void stream(@Observes StreamMonitor stream) {
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
