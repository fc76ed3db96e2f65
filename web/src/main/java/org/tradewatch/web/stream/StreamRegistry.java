package org.tradewatch.web.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tradewatch.core.listing.Source;
import org.tradewatch.web.metrics.TradewatchMetrics;

/** The monitors of the streams this instance runs, one per source, each with its metrics. */
@ApplicationScoped
public class StreamRegistry {

  private static final Logger LOG = Logger.getLogger(StreamRegistry.class.getName());

  private final Map<Source, StreamMonitor> monitors = new ConcurrentSkipListMap<>();

  @Inject TradewatchMetrics metrics;

  /** The monitor of {@code source}, made and given its metrics on the first call. */
  public synchronized StreamMonitor register(Source source) {
    StreamMonitor monitor = monitors.get(source);
    if (monitor == null) {
      monitor = new StreamMonitor(source, Clock.systemUTC());
      try {
        metrics.stream(monitor);
      } catch (RuntimeException e) {
        // The stream matters more than its metrics: it runs without them.
        LOG.log(Level.WARNING, source.id() + ": could not register the stream's metrics", e);
      }
      monitors.put(source, monitor);
    }
    return monitor;
  }

  public List<StreamMonitor> all() {
    return List.copyOf(monitors.values());
  }
}
