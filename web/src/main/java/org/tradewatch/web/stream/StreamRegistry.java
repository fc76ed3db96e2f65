package org.tradewatch.web.stream;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.tradewatch.core.listing.Source;

/** The monitors of the streams this instance runs, one per source. */
@ApplicationScoped
public class StreamRegistry {

  private final Map<Source, StreamMonitor> monitors = new ConcurrentSkipListMap<>();

  public StreamMonitor register(Source source) {
    return monitors.computeIfAbsent(source, s -> new StreamMonitor(s, Clock.systemUTC()));
  }

  public List<StreamMonitor> all() {
    return List.copyOf(monitors.values());
  }
}
