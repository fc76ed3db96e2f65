package org.tradewatch.web.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tradewatch.core.listing.Source;

/**
 * The monitors of the streams this instance runs, one per source. Each new monitor is fired as a
 * CDI event, which the metrics observe, so that streams do not depend on how they are measured.
 */
@ApplicationScoped
public class StreamRegistry {

  private static final Logger LOG = Logger.getLogger(StreamRegistry.class.getName());

  private final Map<Source, StreamMonitor> monitors = new ConcurrentSkipListMap<>();

  @Inject Event<StreamMonitor> created;

  /** The monitor of {@code source}, made and announced on the first call. */
  public synchronized StreamMonitor register(Source source) {
    StreamMonitor monitor = monitors.get(source);
    if (monitor == null) {
      monitor = new StreamMonitor(source, Clock.systemUTC());
      try {
        created.fire(monitor);
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
