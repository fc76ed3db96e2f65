package org.tradewatch.web.page.status;

import java.time.Instant;
import java.util.Locale;
import org.tradewatch.web.format.Numbers;
import org.tradewatch.web.stream.ConsumerLeases;
import org.tradewatch.web.stream.StreamMonitor;

/**
 * One stream as the status page shows it: the fields of {@code /api/streams}, with the numbers
 * formatted. Getters, not the record itself, because the templates read properties by name. {@code
 * static/status-chart.js} formats its refreshed values the same way.
 */
public final class StreamRow {

  private final StreamMonitor.StreamView view;
  private final ConsumerLeases.ConsumerView consumer;

  StreamRow(StreamMonitor.StreamView view, ConsumerLeases.ConsumerView consumer) {
    this.view = view;
    this.consumer = consumer;
  }

  /** The instance running the consumer, "(this instance)" when it is this one; null if none. */
  public String getRunsOn() {
    if (consumer == null || consumer.holder() == null) {
      return null;
    }
    return consumer.holder() + (consumer.here() ? " (this instance)" : "");
  }

  public String getSource() {
    return view.source();
  }

  public String getState() {
    return view.state();
  }

  public Instant getConnectedSince() {
    return view.connectedSince();
  }

  public Instant getLastFrameAt() {
    return view.lastFrameAt();
  }

  public long getReconnects() {
    return view.reconnects();
  }

  public long getEventsApplied() {
    return view.eventsApplied();
  }

  public String getEventsPerSecond() {
    return Numbers.grouped(String.format(Locale.ROOT, "%.2f", view.eventsPerSecond()));
  }

  public int getQueueDepth() {
    return view.queueDepth();
  }

  public String getLag() {
    return lag(view.lagMillis());
  }

  public long getQuarantined() {
    return view.quarantined();
  }

  public String getProblem() {
    return view.problem();
  }

  /** "0 ms", "850 ms", "2.4 s", "3 min 5 s": how far the store is behind the stream. */
  static String lag(long millis) {
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = millis / 1000;
    return seconds / 60 + " min " + seconds % 60 + " s";
  }
}
