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
import org.tradewatch.core.stream.bptf.BptfFrameDecoder;
import org.tradewatch.web.stream.IngestPipeline;
import org.tradewatch.web.stream.OneSocket;
import org.tradewatch.web.stream.StreamMonitor;
import org.tradewatch.web.stream.StreamPipelines;

/**
 * Keeps exactly one connection to the backpack.tf events socket while the application runs and
 * feeds its frames to the ingest pipeline.
 *
 * <p>backpack.tf accepts one connection per client address; {@link OneSocket} opens a new socket
 * only after the previous one has closed, after a jittered, growing back-off. A socket silent for
 * longer than the idle timeout is closed by the watchdog, which leads to the same reconnect path.
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

  private final Clock clock = Clock.systemUTC();

  private OneSocket socket;
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
  public synchronized void start() {
    if (socket != null) {
      return;
    }
    stream = pipelines.open(SOURCE, new BptfFrameDecoder());
    monitor = stream.monitor();
    pipeline = stream.pipeline();
    container = StreamPipelines.client(maxFrameBytes);
    socket = new OneSocket("backpack.tf", monitor, scheduler, clock);
    watchdog = scheduler.scheduleWithFixedDelay(this::checkSilence, 5, 5, TimeUnit.SECONDS);
    socket.start(this::open);
  }

  private void open(long attempt) throws Exception {
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
    container.connectToServer(new Connection(attempt), config, URI.create(url));
  }

  private void checkSilence() {
    Session current = socket.current();
    Instant last = monitor.lastFrameAt();
    if (current == null || last == null) {
      return;
    }
    Duration silent = Duration.between(last, clock.instant());
    if (silent.getSeconds() >= idleTimeoutSeconds) {
      LOG.warning(() -> "backpack.tf socket silent for " + silent.getSeconds() + " s; closing it");
      OneSocket.closeQuietly(
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
  synchronized void stop() {
    if (socket == null || !socket.stop("Tradewatch stopping")) {
      return;
    }
    watchdog.cancel(false);
    stream.close(Duration.ofSeconds(10));
    monitor.stopped("application stopped");
  }

  /** One connection attempt's callbacks; stale callbacks from older attempts are ignored. */
  private final class Connection extends Endpoint {
    private final long attempt;

    Connection(long attempt) {
      this.attempt = attempt;
    }

    @Override
    public void onOpen(Session opened, EndpointConfig config) {
      if (!socket.opened(attempt, opened)) {
        return;
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
      LOG.info(() -> "backpack.tf: connected to " + url);
    }

    @Override
    public void onClose(Session closed, CloseReason reason) {
      if (socket.closed(attempt)) {
        socket.retryLater(OneSocket.describe(reason));
      }
    }

    @Override
    public void onError(Session failed, Throwable error) {
      LOG.log(Level.WARNING, "backpack.tf socket error: " + error, error);
    }
  }
}
