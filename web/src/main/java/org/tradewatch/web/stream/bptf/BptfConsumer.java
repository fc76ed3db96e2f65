package org.tradewatch.web.stream.bptf;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
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
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.ingest.IngestPipeline;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.stream.bptf.BptfFrameDecoder;
import org.tradewatch.web.stream.LeasedConsumer;
import org.tradewatch.web.stream.OneSocket;
import org.tradewatch.web.stream.StreamMonitor;
import org.tradewatch.web.stream.StreamPipelines;

/**
 * Keeps exactly one connection to the backpack.tf events socket while the application runs and
 * feeds its frames to the ingest pipeline.
 *
 * <p>backpack.tf accepts one connection per client address; {@link OneSocket} opens a new socket
 * only after the previous one has closed, after a jittered, growing back-off that starts over once
 * a socket has delivered frames for a few seconds: backpack.tf restarts at any moment and replays
 * nothing, so the first retry after a healthy socket is quick. A socket silent for longer than the
 * idle timeout is closed by the watchdog, which leads to the same reconnect path. In a cluster it
 * runs on one instance only, the one holding the source's lease (see {@link
 * org.tradewatch.web.stream.ConsumerLeases}).
 */
@ApplicationScoped
public class BptfConsumer implements LeasedConsumer {

  private static final Logger LOG = Logger.getLogger(BptfConsumer.class.getName());
  private static final Source SOURCE = Source.BPTF;

  @Inject
  @ConfigProperty(name = "tradewatch.bptf.ws.url")
  String url;

  @Inject
  @ConfigProperty(name = "tradewatch.bptf.ws.idle-timeout-seconds", defaultValue = "60")
  int idleTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "tradewatch.bptf.ws.max-frame-bytes", defaultValue = "16777216")
  int maxFrameBytes;

  @Inject
  @ConfigProperty(name = "tradewatch.bptf.ws.reconnect.first-delay-millis", defaultValue = "500")
  long reconnectFirstDelayMillis;

  @Inject
  @ConfigProperty(name = "tradewatch.bptf.ws.reconnect.max-delay-millis", defaultValue = "10000")
  long reconnectMaxDelayMillis;

  @Inject
  @ConfigProperty(name = "tradewatch.bptf.ws.reconnect.healthy-after-millis", defaultValue = "3000")
  long reconnectHealthyAfterMillis;

  @Inject StreamPipelines pipelines;

  @Resource ManagedScheduledExecutorService scheduler;

  private final Clock clock = Clock.systemUTC();

  private OneSocket socket;
  private StreamMonitor monitor;
  private IngestPipeline pipeline;
  private WebSocketContainer container;
  private ScheduledFuture<?> watchdog;
  private StreamPipelines.Running stream;

  @Override
  public Source source() {
    return SOURCE;
  }

  @Override
  public synchronized void start(Lease lease, Runnable onFenced) {
    if (stream != null) {
      return;
    }
    stream = pipelines.open(SOURCE, new BptfFrameDecoder(), lease, onFenced);
    monitor = stream.monitor();
    pipeline = stream.pipeline();
    container = StreamPipelines.client(maxFrameBytes);
    if (socket == null) {
      // Kept across restarts: its attempt numbers keep growing, so an old socket's late callbacks
      // are told apart from the new one's.
      socket =
          OneSocket.configured(
              "backpack.tf",
              monitor,
              scheduler,
              "tradewatch.bptf.ws.reconnect.*",
              reconnectFirstDelayMillis,
              reconnectMaxDelayMillis,
              reconnectHealthyAfterMillis);
    }
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

  /** A fallback: {@link org.tradewatch.web.stream.ConsumerLeases} stops the consumer first. */
  @PreDestroy
  void destroyed() {
    stop("application stopped", true);
  }

  @Override
  public synchronized void stop(String why, boolean cleanly) {
    if (stream == null) {
      return;
    }
    socket.stop(why);
    watchdog.cancel(false);
    stream.close(StreamPipelines.STOP_GRACE, cleanly);
    stream = null;
    monitor.stopped(why);
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
              if (!socket.frameArrived(attempt)) {
                return;
              }
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
