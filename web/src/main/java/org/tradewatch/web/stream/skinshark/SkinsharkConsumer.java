package org.tradewatch.web.stream.skinshark;

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
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.ingest.IngestPipeline;
import org.tradewatch.core.ingest.IngestService;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketChange;
import org.tradewatch.core.stream.skinshark.MarketSync;
import org.tradewatch.core.stream.skinshark.SkinsharkDecoder;
import org.tradewatch.core.stream.skinshark.SnapshotLoader;
import org.tradewatch.web.live.LiveCluster;
import org.tradewatch.web.live.LiveHub;
import org.tradewatch.web.stream.LeasedConsumer;
import org.tradewatch.web.stream.OneSocket;
import org.tradewatch.web.stream.StreamMonitor;
import org.tradewatch.web.stream.StreamPipelines;

/**
 * Keeps skinshark's live market in the store: mints a ticket, opens exactly one socket with it as
 * the {@code bearer.<jwt>} subprotocol (never the query string, which ends up in logs), waits for
 * {@code market.ready}, buffers deltas while the snapshot pages load, replays them, then applies
 * live deltas. Every socket starts this over, and the snapshot marks deleted what vanished while
 * the consumer was away.
 *
 * <p>Close 4001 (ticket expired or refused) mints a new ticket and reconnects at once; 4003 (the
 * key's tickets lack the market scope) and a refused key stop the consumer with a configuration
 * error instead of retrying; everything else reconnects after a jittered back-off, which starts
 * over once a socket has delivered frames for a few seconds. The consumer never sends a frame: the
 * socket is read-only and any frame would close it (4002). In a cluster it runs on one instance
 * only, the one holding the source's lease (see {@link org.tradewatch.web.stream.ConsumerLeases});
 * the instance that takes over resyncs from the snapshot, so nothing of skinshark is lost in a
 * takeover.
 */
@ApplicationScoped
public class SkinsharkConsumer implements LeasedConsumer {

  private static final Logger LOG = Logger.getLogger(SkinsharkConsumer.class.getName());
  private static final Source SOURCE = Source.SKINSHARK;
  private static final int TICKET_REFUSED = 4001;
  private static final int MISSING_MARKET_SCOPE = 4003;
  private static final int TOO_MANY_CONNECTIONS = 4008;
  private static final int MAX_SNAPSHOT_PASSES = 3;

  @Inject
  @ConfigProperty(name = "tradewatch.skinshark.api.url")
  String apiUrl;

  @Inject
  @ConfigProperty(name = "tradewatch.skinshark.ws.url")
  String wsUrl;

  @Inject
  @ConfigProperty(name = "tradewatch.skinshark.api.key")
  String apiKey;

  @Inject
  @ConfigProperty(name = "tradewatch.skinshark.subuser")
  String subUser;

  @Inject
  @ConfigProperty(name = "tradewatch.skinshark.ws.max-frame-bytes", defaultValue = "1048576")
  int maxFrameBytes;

  @Inject
  @ConfigProperty(name = "tradewatch.skinshark.max-buffered-deltas", defaultValue = "100000")
  int maxBufferedDeltas;

  @Inject
  @ConfigProperty(
      name = "tradewatch.skinshark.ws.reconnect.first-delay-millis",
      defaultValue = "500")
  long reconnectFirstDelayMillis;

  @Inject
  @ConfigProperty(
      name = "tradewatch.skinshark.ws.reconnect.max-delay-millis",
      defaultValue = "10000")
  long reconnectMaxDelayMillis;

  @Inject
  @ConfigProperty(
      name = "tradewatch.skinshark.ws.reconnect.healthy-after-millis",
      defaultValue = "3000")
  long reconnectHealthyAfterMillis;

  @Inject StreamPipelines pipelines;
  @Inject LiveHub liveHub;
  @Inject LiveCluster liveCluster;

  @Resource ManagedScheduledExecutorService scheduler;

  private final Clock clock = Clock.systemUTC();
  private final AtomicInteger ticketsRefusedInARow = new AtomicInteger();

  private OneSocket socket;
  private StreamMonitor monitor;
  private IngestPipeline pipeline;
  private WebSocketContainer container;
  private SkinsharkApi api;
  private StreamPipelines.Running stream;
  private volatile Lease lease;

  @Override
  public Source source() {
    return SOURCE;
  }

  @Override
  public synchronized void start(Lease lease, Runnable onFenced) {
    if (stream != null) {
      return;
    }
    this.lease = lease;
    stream = pipelines.open(SOURCE, new SkinsharkDecoder(), lease, onFenced);
    monitor = stream.monitor();
    pipeline = stream.pipeline();
    api = new SkinsharkApi(apiUrl, apiKey, subUser);
    container = StreamPipelines.client(maxFrameBytes);
    if (socket == null) {
      // Kept across restarts: its attempt numbers keep growing, so an old socket's late callbacks
      // are told apart from the new one's.
      socket =
          OneSocket.configured(
              "skinshark",
              monitor,
              scheduler,
              "tradewatch.skinshark.ws.reconnect.*",
              reconnectFirstDelayMillis,
              reconnectMaxDelayMillis,
              reconnectHealthyAfterMillis);
    }
    socket.start(this::open);
  }

  /** The configuration error that stopped the consumer, or null while it runs. */
  public synchronized String configurationError() {
    OneSocket current = socket;
    return current == null ? null : current.haltedBecause();
  }

  /** Mints a ticket and opens the live socket with it; the ticket travels only as a subprotocol. */
  private void open(long attempt) throws Exception {
    String ticket;
    try {
      ticket = api.mintTicket();
    } catch (SkinsharkApi.ConfigurationError e) {
      socket.attemptOver(attempt);
      stopForConfiguration(e.getMessage());
      return;
    } catch (IOException | RuntimeException e) {
      throw new IOException("could not mint a ticket: " + e.getMessage(), e);
    }
    ClientEndpointConfig config =
        ClientEndpointConfig.Builder.create()
            .preferredSubprotocols(List.of("bearer." + ticket))
            .build();
    container.connectToServer(new Connection(attempt), config, URI.create(liveUrl()));
  }

  private String liveUrl() {
    return wsUrl + (wsUrl.contains("?") ? "&" : "?") + "scope=watchlist";
  }

  private void stopForConfiguration(String why) {
    socket.halt("configuration error: " + why);
  }

  private boolean current(long attempt) {
    return socket.isCurrent(attempt);
  }

  /**
   * Loads the snapshot for one socket, off the socket's thread: pages into the pipeline, then the
   * sweep of what the snapshot lacks, then the buffered deltas.
   */
  private void loadSnapshot(long attempt, Session socket, MarketSync sync) {
    Instant readyAt = sync.readyAt();
    // The ingest of the pipeline this snapshot's pages go to, whatever a restart does meanwhile.
    IngestService sweeping = stream.ingest();
    try {
      SnapshotLoader.Result result =
          SnapshotLoader.load(
              api::marketPage,
              readyAt,
              sync::deltasReceived,
              MAX_SNAPSHOT_PASSES,
              (page, raw) -> {
                if (!current(attempt)) {
                  throw new InterruptedException("the socket of this snapshot is gone");
                }
                pipeline.submitDecoded(page, raw);
              });
      pipeline.submitTask(
          "sweep of listings the snapshot lacks",
          () -> {
            Instant sweptAt = clock.instant();
            List<MarketChange> gone = sweeping.sweep(SOURCE, result.ids(), readyAt, sweptAt);
            liveHub.publish(gone, change -> null);
            liveCluster.announce(SOURCE);
            if (!gone.isEmpty()) {
              LOG.info(
                  () ->
                      "skinshark: "
                          + gone.size()
                          + " listings the new snapshot no longer holds marked deleted");
            }
          });
      int replayed = sync.snapshotLoaded();
      ticketsRefusedInARow.set(0);
      LOG.info(
          () ->
              "skinshark: snapshot of "
                  + result.ids().size()
                  + " listings in "
                  + result.pages()
                  + " pages ("
                  + result.passes()
                  + (result.settled() ? " passes" : " passes, still moving")
                  + "), "
                  + replayed
                  + " buffered deltas replayed");
    } catch (SkinsharkApi.ConfigurationError e) {
      stopForConfiguration(e.getMessage());
      OneSocket.closeQuietly(
          socket, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "stopping"));
    } catch (InterruptedException e) {
      LOG.fine("skinshark: snapshot load abandoned");
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "skinshark: snapshot load failed; resyncing", e);
      if (current(attempt)) {
        OneSocket.closeQuietly(
            socket, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "snapshot failed"));
      }
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
    stream.close(StreamPipelines.STOP_GRACE, cleanly);
    stream = null;
    api.close();
    String error = socket.haltedBecause();
    monitor.stopped(error != null ? error : why);
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
      MarketSync sync =
          new MarketSync(
              frame -> {
                if (!pipeline.submit(frame)) {
                  LOG.warning("skinshark frame arrived while stopping; not applied");
                }
              },
              maxBufferedDeltas);
      opened.addMessageHandler(
          new MessageHandler.Whole<String>() {
            @Override
            public void onMessage(String frame) {
              if (!socket.frameArrived(attempt)) {
                return;
              }
              try {
                if (sync.onFrame(frame) == MarketSync.Step.READY) {
                  scheduler.execute(() -> loadSnapshot(attempt, opened, sync));
                }
              } catch (MarketSync.BufferFull e) {
                LOG.warning("skinshark: " + e.getMessage() + "; resyncing");
                OneSocket.closeQuietly(
                    opened, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "resync"));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          });
      LOG.info(() -> "skinshark: connected to " + wsUrl);
    }

    @Override
    public void onClose(Session closed, CloseReason reason) {
      int code = reason.getCloseCode().getCode();
      if (!socket.closed(attempt)) {
        return;
      }
      // A ticket refused right after another one was is not an expiry: back off instead.
      boolean renewAtOnce = code == TICKET_REFUSED && ticketsRefusedInARow.getAndIncrement() == 0;
      String why = OneSocket.describe(reason);
      if (code == MISSING_MARKET_SCOPE) {
        stopForConfiguration("skinshark's tickets for this API key lack the market scope " + why);
      } else if (renewAtOnce) {
        monitor.backingOff(why + "; minting a new ticket");
        LOG.info(() -> "skinshark: " + why + "; minting a new ticket");
        socket.connectNow();
      } else if (code == TOO_MANY_CONNECTIONS) {
        socket.retryLater(why + ": too many sockets for the sub-user");
      } else {
        socket.retryLater(why);
      }
    }

    @Override
    public void onError(Session failed, Throwable error) {
      LOG.log(Level.WARNING, "skinshark socket error: " + error.getClass().getSimpleName(), error);
    }
  }
}
