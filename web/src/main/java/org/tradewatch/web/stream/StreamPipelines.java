package org.tradewatch.web.stream;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.ingest.IngestPipeline;
import org.tradewatch.core.ingest.IngestService;
import org.tradewatch.core.ingest.ListingStore;
import org.tradewatch.core.ingest.QuarantineStore;
import org.tradewatch.core.listing.ListingRecords;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.status.StreamStatusStore;
import org.tradewatch.core.stream.FrameDecoder;
import org.tradewatch.web.live.LiveCluster;
import org.tradewatch.web.live.LiveHub;
import org.tradewatch.web.market.Market;
import org.tradewatch.web.store.Database;
import org.tradewatch.web.watch.AlertMatcher;

/**
 * What every stream consumer needs besides its socket: a monitor that continues the stored
 * counters, an ingest pipeline wired to the store, quarantine, live hub and watch matching,
 * counters saved every few seconds, and a WebSocket client sized for the source's frames.
 */
@ApplicationScoped
public class StreamPipelines {

  private static final Logger LOG = Logger.getLogger(StreamPipelines.class.getName());
  private static final long SAVE_EVERY_SECONDS = 5;

  @Inject
  @ConfigProperty(name = "tradewatch.ingest.queue-frames", defaultValue = "16")
  int queueFrames;

  @Inject
  @ConfigProperty(name = "tradewatch.ingest.frames-per-transaction", defaultValue = "4")
  int framesPerTransaction;

  @Inject StreamRegistry registry;
  @Inject ListingStore listingStore;
  @Inject ListingRecords listingRecords;
  @Inject QuarantineStore quarantineStore;
  @Inject StreamStatusStore statusStore;
  @Inject Database database;
  @Inject LiveHub liveHub;
  @Inject LiveCluster liveCluster;
  @Inject Market market;
  @Inject AlertMatcher alertMatcher;

  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedExecutorService executor;
  @Resource ManagedThreadFactory threadFactory;

  /** One source's running pipeline and monitor; {@link #close} stops it and saves its counters. */
  public final class Running {
    private final StreamMonitor monitor;
    private final IngestPipeline pipeline;
    private final IngestService ingest;
    private final ScheduledFuture<?> saver;

    private Running(StreamMonitor monitor, IngestPipeline pipeline, IngestService ingest) {
      this.monitor = monitor;
      this.pipeline = pipeline;
      this.ingest = ingest;
      this.saver =
          scheduler.scheduleWithFixedDelay(
              this::saveCounters, SAVE_EVERY_SECONDS, SAVE_EVERY_SECONDS, TimeUnit.SECONDS);
    }

    public StreamMonitor monitor() {
      return monitor;
    }

    public IngestPipeline pipeline() {
      return pipeline;
    }

    /** The ingest the pipeline applies with, for store tasks run on its applier (a sweep). */
    public IngestService ingest() {
      return ingest;
    }

    /**
     * Applies what is queued (for up to {@code grace}), stops, and saves the counters unless told
     * not to (when the lease was lost, the instance that took over continues them).
     */
    public void close(Duration grace, boolean save) {
      saver.cancel(false);
      pipeline.stop(grace);
      if (save) {
        saveCounters();
      }
    }

    private void saveCounters() {
      try {
        statusStore.save(monitor.counters());
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, monitor.source() + ": could not save the stream counters", e);
      }
    }
  }

  /**
   * Starts the pipeline of {@code source}, decoding frames with {@code decoder}; every write is
   * fenced by {@code lease}, and {@code onFenced} runs (on the applier thread, so it must not
   * block) when one found the lease taken over.
   */
  public Running open(Source source, FrameDecoder decoder, Lease lease, Runnable onFenced) {
    StreamMonitor monitor = registry.register(source);
    try {
      statusStore
          .load(source)
          .ifPresent(counters -> monitor.restore(counters, quarantineStore.count(source)));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, source + ": could not load the stream counters; starting from 0", e);
    }
    Clock clock = Clock.systemUTC();
    IngestService ingest =
        new IngestService(
            listingStore, listingRecords, market.model(), quarantineStore, clock, lease);
    IngestPipeline pipeline =
        new IngestPipeline(
            source,
            decoder,
            executor,
            ingest,
            quarantineStore,
            monitor,
            database::reachable,
            clock,
            queueFrames,
            framesPerTransaction);
    pipeline.onApplied(
        result -> {
          liveHub.publish(result);
          liveCluster.announce(result, source);
          // Matched here only, on the lease holder's ingest: once per event in a cluster.
          alertMatcher.offer(result.changes());
        });
    pipeline.onFenced(onFenced);
    pipeline.start(threadFactory);
    return new Running(monitor, pipeline, ingest);
  }

  /**
   * How long a stopping pipeline may go on storing what is queued, after its socket closed. Also
   * when the lease was lost: a holder that merely could not renew (the database away) still has the
   * lease's epoch until another instance takes over, so what it received is stored if the database
   * comes back first; after a takeover the fence ends the wait at once.
   */
  public static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /**
   * The container's WebSocket client, taking frames up to {@code maxFrameBytes}. Tyrus reads frames
   * into a buffer of its own size (4 MB by default) and closes the socket with 1009 when a frame
   * does not fit, so its buffer is set too.
   */
  public static WebSocketContainer client(int maxFrameBytes) {
    WebSocketContainer created = ContainerProvider.getWebSocketContainer();
    created.setDefaultMaxTextMessageBufferSize(maxFrameBytes);
    created.setDefaultMaxSessionIdleTimeout(0);
    if (created instanceof ClientManager tyrus) {
      tyrus.getProperties().put(ClientProperties.INCOMING_BUFFER_SIZE, maxFrameBytes);
    }
    return created;
  }
}
