package org.tradewatch.web.watch;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tradewatch.core.market.MarketChange;
import org.tradewatch.core.watch.AlertPump;
import org.tradewatch.core.watch.AlertStore;

/**
 * This instance's {@link AlertPump}: the ingest hands it each committed group's changes, it matches
 * them against {@link Watching}'s book on a thread of its own, fires {@link AlertsRaised} for
 * whoever delivers them, and stores the alerts. The queue holds {@code
 * tradewatch.watches.queue-groups} (4,096) groups.
 *
 * <p>Only the ingest hands changes over, and only the instance holding a source's lease ingests it:
 * each event is matched once in a cluster. Changes an instance reads from another one's log are not
 * matched again.
 */
@ApplicationScoped
public class AlertMatcher {

  @Inject
  @ConfigProperty(name = "tradewatch.watches.queue-groups", defaultValue = "4096")
  int queueGroups;

  @Inject Watching watching;
  @Inject AlertStore alerts;
  @Inject Event<AlertsRaised> raised;

  @Resource ManagedThreadFactory threads;

  private volatile AlertPump pump;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    pump();
  }

  private AlertPump pump() {
    AlertPump held = pump;
    if (held == null) {
      synchronized (this) {
        if (pump == null) {
          AlertPump made =
              new AlertPump(
                  watching.book(),
                  alerts,
                  matched -> raised.fire(new AlertsRaised(matched)),
                  queueGroups);
          made.start(threads);
          pump = made;
        }
        held = pump;
      }
    }
    return held;
  }

  /** Hands over the changes of one committed group; never blocks (see {@link AlertPump#offer}). */
  public void offer(List<MarketChange> changes) {
    pump().offer(changes);
  }

  /** The pump, for its counters. */
  public AlertPump counters() {
    return pump();
  }

  @PreDestroy
  void stop() {
    AlertPump held = pump;
    if (held != null) {
      held.stop();
    }
  }
}
