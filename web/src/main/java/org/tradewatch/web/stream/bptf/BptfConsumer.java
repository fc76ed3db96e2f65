package org.tradewatch.web.stream.bptf;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.stream.Backoff;
import org.tradewatch.core.stream.bptf.BptfFrameDecoder;
import org.tradewatch.web.stream.IngestPipeline;
import org.tradewatch.web.stream.StreamMonitor;
import org.tradewatch.web.stream.StreamPipelines;

/**
 * Keeps exactly one connection to the backpack.tf events socket while the application runs and
 * feeds its frames to the ingest pipeline.
 *
 * <p>backpack.tf accepts one connection per client address, so a new socket is opened only after
 * the previous one has closed (its {@code onClose} has run), never beside it. Every close or failed
 * attempt waits a jittered, growing back-off; a socket silent for longer than the idle timeout is
 * closed by the watchdog, which leads to the same reconnect path.
 */
@ApplicationScoped
public class BptfConsumer {

  private static final Logger LOG = Logger.getLogger(BptfConsumer.class.getName());
  private static final Source SOURCE = Source.BPTF;

  @Inject
  @ConfigProperty(name = "tradewatch.sources", defaultValue = "bptf,skinshark")
  List<String> sources;

  @Inject
  @ConfigProperty(name = "tradewatch.bptf.ws.url")
  String url;

  @Inject
  @ConfigProperty(name = "tradewatch.bptf.ws.idle-timeout-seconds", defaultValue = "60")
  int idleTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "tradewatch.bptf.ws.max-frame-bytes", defaultValue = "16777216")
  int maxFrameBytes;

  @Inject StreamPipelines pipelines;

  @Resource ManagedScheduledExecutorService scheduler;

  private final Object lock = new Object();
  private final Clock clock = Clock.systemUTC();

  // Guarded by lock.
  private Session session;
  private long generation;
  private boolean attemptInProgress;
  private boolean opened;
  private boolean running;
  private Backoff backoff;
  private ScheduledFuture<?> pendingConnect;

  private StreamMonitor monitor;
  private IngestPipeline pipeline;
  private WebSocketContainer container;
  private ScheduledFuture<?> watchdog;
  private StreamPipelines.Running stream;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (!sources.contains(SOURCE.id())) {
      LOG.info("backpack.tf consumer disabled (tradewatch.sources=" + sources + ")");
      return;
    }
    start();
  }

  /** Starts the pipeline and the first connection attempt. */
  public void start() {
    synchronized (lock) {
      if (running) {
        return;
      }
      running = true;
      backoff = Backoff.standard();
    }
    stream = pipelines.open(SOURCE, new BptfFrameDecoder());
    monitor = stream.monitor();
    pipeline = stream.pipeline();
    container = StreamPipelines.client(maxFrameBytes);
    watchdog = scheduler.scheduleWithFixedDelay(this::checkSilence, 5, 5, TimeUnit.SECONDS);
    scheduleConnect(Duration.ZERO);
  }

  private void scheduleConnect(Duration delay) {
    synchronized (lock) {
      if (!running) {
        return;
      }
      if (pendingConnect != null && !pendingConnect.isDone()) {
        return;
      }
      pendingConnect = scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void connect() {
    long attempt;
    synchronized (lock) {
      if (!running || attemptInProgress || (session != null)) {
        return;
      }
      attemptInProgress = true;
      attempt = ++generation;
    }
    monitor.connecting();
    ClientEndpointConfig config =
        ClientEndpointConfig.Builder.create()
            .configurator(
                new ClientEndpointConfig.Configurator() {
                  @Override
                  public void beforeRequest(Map<String, List<String>> headers) {
                    headers.put("batch-test", List.of("true"));
                  }
                })
            .build();
    try {
      container.connectToServer(new Connection(attempt), config, URI.create(url));
    } catch (Exception e) {
      synchronized (lock) {
        if (attempt == generation) {
          attemptInProgress = false;
        }
      }
      LOG.log(Level.FINE, "Could not connect to backpack.tf at " + url + ": " + e.getMessage(), e);
      retryLater("connect failed: " + e.getMessage());
    }
  }

  private void retryLater(String why) {
    Duration delay;
    synchronized (lock) {
      if (!running) {
        return;
      }
      delay = backoff.nextDelay();
    }
    monitor.backingOff(why);
    LOG.info(() -> "backpack.tf: " + why + "; reconnecting in " + delay.toMillis() + " ms");
    scheduleConnect(delay);
  }

  private void checkSilence() {
    Session current;
    synchronized (lock) {
      current = session;
    }
    Instant last = monitor.lastFrameAt();
    if (current == null || last == null) {
      return;
    }
    Duration silent = Duration.between(last, clock.instant());
    if (silent.getSeconds() >= idleTimeoutSeconds) {
      LOG.warning(() -> "backpack.tf socket silent for " + silent.getSeconds() + " s; closing it");
      closeQuietly(
          current,
          new CloseReason(
              CloseReason.CloseCodes.GOING_AWAY, "silent for " + silent.getSeconds() + " s"));
    }
  }

  /**
   * Stops before any application-scoped bean is destroyed, so the last frames and counters are
   * written while the database is still open; {@code @PreDestroy} stays as a fallback.
   */
  void onShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
    stop();
  }

  @PreDestroy
  void stop() {
    Session current;
    synchronized (lock) {
      if (!running) {
        return;
      }
      running = false;
      current = session;
      if (pendingConnect != null) {
        pendingConnect.cancel(false);
      }
    }
    watchdog.cancel(false);
    if (current != null) {
      closeQuietly(
          current, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Tradewatch stopping"));
    }
    stream.close(Duration.ofSeconds(10));
    monitor.stopped("application stopped");
  }

  private static void closeQuietly(Session session, CloseReason reason) {
    try {
      session.close(reason);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "Closing the backpack.tf socket failed", e);
    }
  }

  /** One connection attempt's callbacks; stale callbacks from older attempts are ignored. */
  private final class Connection extends Endpoint {
    private final long attempt;

    Connection(long attempt) {
      this.attempt = attempt;
    }

    @Override
    public void onOpen(Session opened, EndpointConfig config) {
      boolean reconnect;
      synchronized (lock) {
        if (!running || attempt != generation) {
          closeQuietly(opened, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "superseded"));
          return;
        }
        session = opened;
        attemptInProgress = false;
        reconnect = BptfConsumer.this.opened;
        BptfConsumer.this.opened = true;
        backoff.connected(clock.instant());
      }
      opened.addMessageHandler(
          new MessageHandler.Whole<String>() {
            @Override
            public void onMessage(String frame) {
              monitor.frameReceived();
              try {
                if (!pipeline.submit(frame)) {
                  LOG.warning("backpack.tf frame arrived while stopping; not applied");
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          });
      monitor.connected(reconnect);
      monitor.markAlive();
      LOG.info(() -> "backpack.tf: connected to " + url);
    }

    @Override
    public void onClose(Session closed, CloseReason reason) {
      synchronized (lock) {
        if (attempt != generation) {
          return;
        }
        session = null;
        attemptInProgress = false;
        backoff.disconnected(clock.instant());
      }
      retryLater(
          "closed ("
              + reason.getCloseCode().getCode()
              + (reason.getReasonPhrase().isEmpty() ? "" : " " + reason.getReasonPhrase())
              + ")");
    }

    @Override
    public void onError(Session failed, Throwable error) {
      LOG.log(Level.WARNING, "backpack.tf socket error: " + error, error);
    }
  }
}
