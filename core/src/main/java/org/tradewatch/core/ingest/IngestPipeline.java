package org.tradewatch.core.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tradewatch.core.cluster.LeaseLostException;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.FrameDecoder;
import org.tradewatch.core.stream.RejectedInput;

/**
 * Carries one source's frames from its socket to the store: a bounded queue that the socket thread
 * fills and one applier thread that applies groups of frames, each group in one transaction. Each
 * frame is decoded on the decoding executor as soon as it is queued, so decoding the next frames
 * overlaps with storing the earlier ones instead of adding to the applier's time; the applier takes
 * the decoded frames in arrival order.
 *
 * <p>The queue is bounded in frames, so memory stays bounded when the database is slower than the
 * stream: the socket thread then blocks, which stops reading from the socket and lets TCP push back
 * on the upstream. Nothing already received is dropped: when the database is unreachable the group
 * is retried until it is back; when the database is reachable but a frame still cannot be stored,
 * that frame alone is quarantined with the reason and the rest go on. The one exception is a lease
 * taken over by another instance of the cluster: the applier then stops at once and stores nothing
 * more, since the new holder has its own socket (see {@link #onFenced}).
 */
public final class IngestPipeline {

  private static final Logger LOG = Logger.getLogger(IngestPipeline.class.getName());
  private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
  private static final int MAX_IGNORED_NAMES_LOGGED = 32;

  /**
   * A frame as received, with its arrival time (for lag and quarantine) and its decoding, under way
   * or done ({@code decoded}); or a store task to run in order with the frames ({@code task}, with
   * {@code text} naming it).
   */
  private record Frame(
      String text, CompletableFuture<DecodedFrame> decoded, Runnable task, Instant receivedAt) {}

  private final Source source;
  private final FrameDecoder decoder;
  private final Executor decoding;
  private final IngestService ingest;
  private final QuarantineStore quarantine;
  private final IngestMonitor monitor;
  private final BooleanSupplier storeReachable;
  private final Clock clock;
  private final int maxFramesPerGroup;
  private final BlockingQueue<Frame> queue;
  private final Set<String> ignoredNamesLogged = ConcurrentHashMap.newKeySet();
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile Consumer<IngestResult> listener = result -> {};
  private volatile Runnable onFenced = () -> {};
  private volatile Frame inFlight;
  private volatile boolean accepting = true;
  private Thread applier;

  public IngestPipeline(
      Source source,
      FrameDecoder decoder,
      Executor decoding,
      IngestService ingest,
      QuarantineStore quarantine,
      IngestMonitor monitor,
      BooleanSupplier storeReachable,
      Clock clock,
      int queueCapacityFrames,
      int maxFramesPerGroup) {
    this.source = source;
    this.decoder = decoder;
    this.decoding = decoding;
    this.ingest = ingest;
    this.quarantine = quarantine;
    this.monitor = monitor;
    this.storeReachable = storeReachable;
    this.clock = clock;
    this.maxFramesPerGroup = maxFramesPerGroup;
    this.queue = new ArrayBlockingQueue<>(queueCapacityFrames);
    monitor.watchQueue(queue::size, this::oldestWaiting);
  }

  /**
   * Called on the applier thread after every committed group, e.g. to publish live deltas. It must
   * not block; what it throws is logged and does not stop the pipeline.
   */
  public void onApplied(Consumer<IngestResult> listener) {
    this.listener = listener;
  }

  /**
   * Called on the applier thread when a write found the lease taken over; the applier has stopped
   * then, and what is queued is left to the instance that took over. It must not block.
   */
  public void onFenced(Runnable onFenced) {
    this.onFenced = onFenced;
  }

  /** Starts the applier on a thread from the container's factory. */
  public synchronized void start(ThreadFactory threads) {
    if (applier != null) {
      throw new IllegalStateException("already started");
    }
    applier = threads.newThread(this::applyUntilStopped);
    applier.setName("tradewatch-" + source.id() + "-applier");
    applier.start();
  }

  /**
   * Hands a frame to the applier, blocking while the queue is full.
   *
   * @return false when the pipeline is stopping and the frame was not taken
   */
  public boolean submit(String frame) throws InterruptedException {
    Instant receivedAt = clock.instant();
    // Started before the frame waits for room, so the decoding of a full queue's next frame is
    // done by the time the applier reaches it; a frame the stopping pipeline refuses is decoded
    // for nothing, which is harmless.
    CompletableFuture<DecodedFrame> decoded;
    try {
      decoded = CompletableFuture.supplyAsync(() -> decoder.decode(frame), decoding);
    } catch (RejectedExecutionException e) {
      // The executor is shutting down with the application: decode here instead.
      decoded = CompletableFuture.completedFuture(decoder.decode(frame));
    }
    return enqueue(new Frame(frame, decoded, null, receivedAt));
  }

  /**
   * Hands over a frame that its consumer decoded already (a snapshot page), applied in order with
   * the others; {@code raw} is what is quarantined if it cannot be stored.
   *
   * @return false when the pipeline is stopping and the frame was not taken
   */
  public boolean submitDecoded(DecodedFrame frame, String raw) throws InterruptedException {
    return enqueue(new Frame(raw, CompletableFuture.completedFuture(frame), null, clock.instant()));
  }

  /**
   * Runs a store task on the applier, after every frame submitted before it and before every frame
   * submitted after it; retried like a group while the database is unreachable.
   *
   * @param what names the task in logs
   * @return false when the pipeline is stopping and the task was not taken
   */
  public boolean submitTask(String what, Runnable task) throws InterruptedException {
    return enqueue(new Frame(what, null, task, clock.instant()));
  }

  private boolean enqueue(Frame item) throws InterruptedException {
    while (accepting) {
      if (queue.offer(item, 200, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return false;
  }

  public int depth() {
    return queue.size();
  }

  /**
   * Stops taking frames, applies what is queued for up to {@code grace}, then stops the applier.
   *
   * @return frames left unapplied (only when the store stayed unreachable)
   */
  public int stop(Duration grace) {
    accepting = false;
    try {
      if (!finished.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        stopSignal.countDown();
        finished.await(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopSignal.countDown();
    int left = queue.size();
    if (left > 0) {
      LOG.warning(
          () -> source + ": stopping with " + left + " frames not applied (store unreachable)");
    }
    return left;
  }

  private Instant oldestWaiting() {
    Frame current = inFlight;
    if (current != null) {
      return current.receivedAt();
    }
    Frame head = queue.peek();
    return head == null ? null : head.receivedAt();
  }

  private boolean stopRequested() {
    return stopSignal.getCount() == 0;
  }

  private void applyUntilStopped() {
    try {
      while (!stopRequested() && (accepting || !queue.isEmpty())) {
        Frame first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        inFlight = first;
        List<Frame> group = new ArrayList<>(maxFramesPerGroup);
        group.add(first);
        queue.drainTo(group, maxFramesPerGroup - 1);
        applyInOrder(group);
        inFlight = null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (LeaseLostException e) {
      accepting = false;
      LOG.warning(
          () ->
              source
                  + ": "
                  + e.getMessage()
                  + "; stopping with "
                  + queue.size()
                  + " frames left to the new holder");
      monitor.problem("the lease was taken over by another instance");
      onFenced.run();
    } catch (RuntimeException | Error e) {
      LOG.log(Level.SEVERE, source + ": the applier stopped unexpectedly", e);
      monitor.problem("applier stopped: " + e);
    } finally {
      finished.countDown();
    }
  }

  /** Applies the frames of a group, splitting it at tasks so that each runs in its place. */
  private void applyInOrder(List<Frame> group) throws InterruptedException {
    List<Frame> frames = new ArrayList<>(group.size());
    for (Frame item : group) {
      if (item.task() == null) {
        frames.add(item);
        continue;
      }
      if (!frames.isEmpty()) {
        applyGroup(frames);
        frames = new ArrayList<>();
      }
      runTask(item);
    }
    if (!frames.isEmpty()) {
      applyGroup(frames);
    }
  }

  private void runTask(Frame item) throws InterruptedException {
    Duration delay = Duration.ofMillis(250);
    while (!stopRequested()) {
      try {
        item.task().run();
        return;
      } catch (LeaseLostException e) {
        throw e;
      } catch (RuntimeException e) {
        if (storeReachable.getAsBoolean()) {
          LOG.log(Level.WARNING, source + ": " + item.text() + " failed; skipping it", e);
          monitor.problem(item.text() + " failed: " + e.getClass().getSimpleName());
          return;
        }
        monitor.problem("database unreachable: " + e.getClass().getSimpleName());
        if (stopSignal.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
        delay =
            delay.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0
                ? MAX_RETRY_DELAY
                : delay.multipliedBy(2);
      }
    }
  }

  private void applyGroup(List<Frame> group) throws InterruptedException {
    List<DecodedFrame> decoded = new ArrayList<>(group.size());
    for (Frame frame : group) {
      decoded.add(decodedOrRejected(frame));
    }
    Duration delay = Duration.ofMillis(250);
    while (!stopRequested()) {
      try {
        record(ingest.apply(source, decoded, group.get(0).receivedAt()));
        return;
      } catch (LeaseLostException e) {
        throw e;
      } catch (RuntimeException e) {
        if (storeReachable.getAsBoolean()) {
          applyOneByOne(group, decoded, e);
          return;
        }
        monitor.problem("database unreachable: " + e.getClass().getSimpleName());
        LOG.log(
            Level.WARNING,
            source + ": database unreachable, keeping " + group.size() + " frames and retrying",
            e);
        if (stopSignal.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
        delay =
            delay.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0
                ? MAX_RETRY_DELAY
                : delay.multipliedBy(2);
      }
    }
  }

  /**
   * The frame's decoding, waited for. Decoders never throw on bad input, but should one fail all
   * the same, the frame is kept whole as rejected input rather than stopping the applier.
   */
  private DecodedFrame decodedOrRejected(Frame frame) throws InterruptedException {
    try {
      return frame.decoded().get();
    } catch (CancellationException e) {
      // The executor dropped the task as the application stops: decode here instead.
      return decoder.decode(frame.text());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      LOG.log(Level.WARNING, source + ": the decoder failed on a frame; quarantining it", cause);
      return new DecodedFrame(
          List.of(),
          List.of(new RejectedInput(frame.text(), "the decoder failed: " + cause)),
          Map.of());
    }
  }

  /**
   * The store is up but the group failed: apply frame by frame, so one frame that cannot be stored
   * is quarantined with the reason instead of stopping the stream.
   */
  private void applyOneByOne(
      List<Frame> group, List<DecodedFrame> decoded, RuntimeException cause) {
    if (group.size() > 1) {
      LOG.log(Level.WARNING, source + ": a group of frames failed; applying one by one", cause);
    }
    for (int i = 0; i < group.size(); i++) {
      Frame frame = group.get(i);
      try {
        record(ingest.apply(source, List.of(decoded.get(i)), frame.receivedAt()));
      } catch (LeaseLostException e) {
        throw e;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, source + ": a frame could not be stored; quarantining it", e);
        try {
          quarantine.addAll(
              List.of(
                  new QuarantinedInput(
                      source, frame.receivedAt(), "could not be stored: " + e, frame.text())));
          monitor.quarantined(1);
        } catch (RuntimeException again) {
          LOG.log(
              Level.SEVERE, source + ": could not quarantine a frame either; it is lost", again);
        }
      }
    }
  }

  private void record(IngestResult result) {
    monitor.applied(result);
    monitor.problem(null);
    try {
      listener.accept(result);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, source + ": publishing applied changes failed", e);
    }
    // Names come from upstream: each is logged once, but only so many and only so long, so that a
    // stream of made-up names can neither grow this set nor flood the log.
    for (String name : result.ignored().keySet()) {
      if (ignoredNamesLogged.size() < MAX_IGNORED_NAMES_LOGGED && ignoredNamesLogged.add(name)) {
        String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
        LOG.info(() -> source + ": skipping events of type '" + shown + "' (logged once)");
      }
    }
  }
}
