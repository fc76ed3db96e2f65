package org.tradewatch.simulator.bptf.stream;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tradewatch.simulator.bptf.market.EventClock;

/**
 * Owns the one events stream of the application: built from MicroProfile Config at start-up,
 * generating on the container's managed scheduled executor, shut down with the application.
 */
@ApplicationScoped
public class BptfStreamService {
  private static final Logger LOG = Logger.getLogger(BptfStreamService.class.getName());

  @Resource private ManagedScheduledExecutorService executor;

  @Inject
  @ConfigProperty(name = "simulator.bptf.seed", defaultValue = "1")
  long seed;

  @Inject
  @ConfigProperty(name = "simulator.bptf.events-per-second", defaultValue = "30")
  int eventsPerSecond;

  @Inject
  @ConfigProperty(name = "simulator.bptf.frame-size", defaultValue = "500")
  int frameSize;

  @Inject
  @ConfigProperty(name = "simulator.bptf.total", defaultValue = "-1")
  long total;

  @Inject
  @ConfigProperty(name = "simulator.bptf.clock", defaultValue = "wall")
  String clock;

  @Inject
  @ConfigProperty(name = "simulator.bptf.clock-start", defaultValue = "1765000000")
  long clockStart;

  @Inject
  @ConfigProperty(name = "simulator.bptf.send-timeout-seconds", defaultValue = "30")
  int sendTimeoutSeconds;

  private BptfStream stream;

  @PostConstruct
  void start() {
    StreamSettings settings;
    try {
      settings =
          new StreamSettings(
              seed, eventsPerSecond, frameSize, total, EventClock.Kind.parse(clock), clockStart);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("bad simulator.bptf configuration: " + e.getMessage(), e);
    }
    stream = new BptfStream(settings, executor);
    LOG.info(() -> "backpack.tf events simulator ready: " + settings);
  }

  /** Builds the stream when the application starts rather than on the first request. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    stream();
  }

  @PreDestroy
  void stop() {
    stream.shutdown();
  }

  /** The stream. */
  public BptfStream stream() {
    return stream;
  }

  /** How long one frame may take to write before the connection is dropped as stalled. */
  public int sendTimeoutSeconds() {
    return sendTimeoutSeconds;
  }
}
