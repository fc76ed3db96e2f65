package org.tradewatch.simulator.bptf.stream;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tradewatch.simulator.bptf.market.Batch;
import org.tradewatch.simulator.bptf.market.EventType;
import org.tradewatch.simulator.bptf.market.MarketModel;
import org.tradewatch.simulator.bptf.market.ObjectIdSequence;

/**
 * The backpack.tf events stream: accepts one connection per client address, generates market events
 * only while someone is connected, paces them into frames and counts exactly what it wrote.
 *
 * <p>Generation runs as a chain of one-frame tasks on the given executor (a container-managed one
 * in the server), never on a socket thread. Frames are written under {@code frameLock}, so control
 * actions that must not interleave with a frame (pause, reconfigure, malformed frames) wait for the
 * frame in progress. Connection bookkeeping and pacing are guarded by {@code state}; the counters
 * by {@code counters}. Locks are taken in that order only.
 *
 * <p>Restarts play upstream's "may restart at any moment": every connection is closed with 1012 and
 * for a while every handshake is refused (the endpoint's filter asks {@link #refusingHandshakes}),
 * once or as a series. The time during which at least one client was connected is measured, so a
 * test can tell how much of a series a client spent online.
 */
public final class BptfStream {
  /** Close code for a refused second connection from one address: upstream's is undocumented. */
  public static final int CLOSE_CLIENT_LIMIT = 1008;

  /** Close code when a frame could not be written. */
  public static final int CLOSE_SEND_FAILED = 1011;

  /** Close code of a restart, as upstream's server sends it. */
  public static final int CLOSE_SERVICE_RESTART = 1012;

  private static final Logger LOG = Logger.getLogger(BptfStream.class.getName());
  private static final long ONE_SECOND = TimeUnit.SECONDS.toNanos(1);

  private final ScheduledExecutorService executor;
  private final ReentrantLock frameLock = new ReentrantLock(true);
  private final Object state = new Object();
  private final Counters counters = new Counters();
  private final ObjectIdSequence controlIds = new ObjectIdSequence(0x5EEDC0DE_00000000L);

  // guarded by state
  private final Map<String, Connection> connections = new LinkedHashMap<>();
  private StreamSettings settings;
  private boolean paused;
  private boolean stopped;
  private boolean scheduled;
  private long epoch;
  private long nextFrameAt;
  private Future<?> pending;
  private long refuseHandshakesUntil;
  private boolean refusing;
  private long connectedNanos;
  private long connectedSince;
  private boolean anyConnected;
  private RestartSeries series;

  // guarded by frameLock
  private MarketModel model;

  // guarded by itself
  private final List<Probe> probes = new ArrayList<>();

  /** A probe waiting for a frame: of any visible update, or of a new bargain listing. */
  private record Probe(CompletableFuture<FrameProbe> answer, boolean bargain) {}

  public BptfStream(StreamSettings settings, ScheduledExecutorService executor) {
    this.settings = settings;
    this.executor = executor;
    this.model = new MarketModel(settings.seed(), settings.newClock());
  }

  /**
   * Registers a new connection. A second connection from an address that already has one gets one
   * {@code client-limit-exceeded} event and is closed; the first keeps working.
   *
   * @return whether the connection was accepted
   */
  public boolean open(Connection connection) {
    synchronized (state) {
      if (stopped) {
        connection.close(1001, "shutting down");
        return false;
      }
      if (!connections.containsKey(connection.address())) {
        connections.put(connection.address(), connection);
        connectionsChanged();
        synchronized (counters) {
          counters.accepted++;
        }
        wake();
        return true;
      }
    }
    String id;
    synchronized (controlIds) {
      id = controlIds.next(System.currentTimeMillis() / 1000);
    }
    String event =
        "{\"id\":\""
            + id
            + "\",\"event\":\""
            + EventType.CLIENT_LIMIT_EXCEEDED.wireName()
            + "\",\"payload\":{}}";
    try {
      connection.send(connection.batchFormat() ? "[" + event + "]" : event);
      synchronized (counters) {
        counters.frames++;
        counters.add(EventType.CLIENT_LIMIT_EXCEEDED, 1);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "client-limit-exceeded could not be sent", e);
    }
    synchronized (counters) {
      counters.refused++;
    }
    connection.close(CLOSE_CLIENT_LIMIT, EventType.CLIENT_LIMIT_EXCEEDED.wireName());
    return false;
  }

  /** Forgets a connection that has closed; harmless for one already forgotten or refused. */
  public void closed(Connection connection) {
    synchronized (state) {
      connections.remove(connection.address(), connection);
      connectionsChanged();
    }
  }

  /** Stops generating after the frame in progress, which this waits for. */
  public void pause() {
    synchronized (state) {
      paused = true;
    }
    awaitFrameInProgress();
  }

  /** Resumes generating. */
  public void resume() {
    synchronized (state) {
      paused = false;
      wake();
    }
  }

  /**
   * Puts new settings in force. With {@code restart} the market starts again from the seed and
   * every counter is reset; without it only the pace, frame size and total change.
   */
  public void reconfigure(StreamSettings next, boolean restart) {
    frameLock.lock();
    try {
      synchronized (state) {
        if (!restart
            && (next.seed() != settings.seed()
                || next.clock() != settings.clock()
                || next.clockStart() != settings.clockStart())) {
          throw new InvalidSettingException(
              "restart", "must be true to change the seed or the clock");
        }
        settings = next;
        if (restart) {
          model = new MarketModel(next.seed(), next.newClock());
          synchronized (counters) {
            counters.reset();
          }
        }
        epoch++;
        scheduled = false;
        if (pending != null) {
          pending.cancel(false);
        }
        nextFrameAt = System.nanoTime();
        wake();
      }
    } finally {
      frameLock.unlock();
    }
  }

  /** Closes every connection with {@code code}, as upstream does when it restarts. */
  public int dropAll(int code, String reason) {
    List<Connection> dropped;
    synchronized (state) {
      dropped = new ArrayList<>(connections.values());
      connections.clear();
      connectionsChanged();
    }
    for (Connection connection : dropped) {
      connection.close(code, reason);
    }
    return dropped.size();
  }

  /**
   * Writes one malformed frame to every connection, between two regular frames.
   *
   * @throws IllegalStateException when no client is connected
   */
  public MalformedFrame sendMalformed(MalformedKind kind, MalformedVariant variant) {
    frameLock.lock();
    try {
      List<Connection> targets;
      long remaining;
      synchronized (state) {
        targets = new ArrayList<>(connections.values());
        remaining = remaining();
      }
      if (targets.isEmpty()) {
        throw new IllegalStateException("no client is connected to /events");
      }
      String id;
      synchronized (controlIds) {
        id = controlIds.next(System.currentTimeMillis() / 1000);
      }
      if (kind == MalformedKind.JSON) {
        String text =
            "[{\"id\":\"" + id + "\",\"event\":\"listing-update\",\"payload\":{\"id\":\"440_";
        int delivered = 0;
        for (Connection connection : targets) {
          if (sendOrDrop(connection, text)) {
            delivered++;
            synchronized (counters) {
              counters.frames++;
              counters.malformedFrames++;
            }
          }
        }
        return new MalformedFrame(kind, null, 0, -1, delivered, text);
      }
      Batch batch = model.nextBatch((int) Math.min(4, remaining));
      int bad = batch.size() / 2;
      StringBuilder text = new StringBuilder(batch.arrayText().length() + 200).append('[');
      for (int i = 0; i <= batch.size(); i++) {
        if (i > 0) {
          text.append(',');
        }
        if (i == bad) {
          appendMalformedEvent(text, id, variant);
        } else {
          text.append(batch.eventText(i < bad ? i : i - 1));
        }
      }
      String frame = text.append(']').toString();
      int delivered = 0;
      for (Connection connection : targets) {
        if (sendOrDrop(connection, frame)) {
          delivered++;
          synchronized (counters) {
            counters.frames++;
            counters.malformedFrames++;
            counters.addBatch(batch, batch.size());
          }
        }
      }
      if (delivered > 0) {
        synchronized (counters) {
          counters.streamEvents += batch.size();
        }
      }
      return new MalformedFrame(kind, variant, batch.size(), bad, delivered, frame);
    } finally {
      frameLock.unlock();
    }
  }

  /**
   * A control event as it was written.
   *
   * @param eventId the event's id
   * @param listingId the listing it is about
   * @param event {@code listing-delete} or {@code listing-update}
   * @param sentAt when the first connection had taken it
   * @param connections the connections that took it
   */
  public record ControlEvent(
      String eventId, String listingId, String event, Instant sentAt, int connections) {}

  /**
   * Closes the deal of the live sell listing {@code listingId} on demand, between two regular
   * frames: the market deletes it ({@code delete}) or reprices it out of being a deal (see {@link
   * MarketModel#closeDeal}), and the one event is written to every connection in its format and
   * counted as market events are.
   *
   * @throws IllegalStateException when no client is connected, the total is reached, or the listing
   *     cannot be repriced out of being a deal
   * @throws java.util.NoSuchElementException when the market has no such live listing
   * @throws IllegalArgumentException when the listing is a buy order
   */
  public ControlEvent closeDeal(String listingId, boolean delete) {
    frameLock.lock();
    try {
      List<Connection> targets;
      synchronized (state) {
        targets = new ArrayList<>(connections.values());
        if (targets.isEmpty()) {
          throw new IllegalStateException("no client is connected to /events");
        }
        if (remaining() == 0) {
          throw new IllegalStateException("the stream's total is reached");
        }
      }
      Batch batch = model.closeDeal(listingId, delete);
      Delivery delivery = deliver(batch, targets, false);
      return new ControlEvent(
          batch.eventId(0),
          batch.listingId(0),
          batch.type(0).wireName(),
          delivery.firstWholeAt() == null ? Instant.now() : delivery.firstWholeAt(),
          delivery.connections());
    } finally {
      frameLock.unlock();
    }
  }

  private static void appendMalformedEvent(StringBuilder out, String id, MalformedVariant variant) {
    switch (variant) {
      case PAYLOAD_NOT_OBJECT ->
          out.append("{\"id\":\"")
              .append(id)
              .append("\",\"event\":\"listing-update\",\"payload\":\"not an object\"}");
      case BAD_ID ->
          out.append("{\"id\":\"not-an-object-id!\",\"event\":\"listing-update\",\"payload\":")
              .append("{\"id\":\"440_1\",\"steamid\":\"76561197960265729\",\"appid\":440,")
              .append("\"intent\":\"sell\",\"currencies\":{\"metal\":0.11}}}");
    }
  }

  /**
   * A regular frame as it was written, named by the event of it that stays visible: for measuring
   * how long a client takes from the write to showing the change.
   *
   * @param eventId the frame's last {@code listing-update} that no later event of the frame undoes
   * @param listingId that event's listing
   * @param sentAt when the first connection had taken the whole frame
   * @param frameEvents the events in the frame
   */
  public record FrameProbe(String eventId, String listingId, Instant sentAt, int frameEvents) {}

  /**
   * The next regular frame that holds a visible update, once written to a connection. Nothing is
   * added to the stream: the probe only reports on the market's own events.
   *
   * @throws IllegalStateException when no client is connected
   */
  public CompletableFuture<FrameProbe> probeNextFrame() {
    return probeNextFrame(false);
  }

  /**
   * Like {@link #probeNextFrame()}; with {@code bargain}, the next frame that holds a new sell
   * listing priced well under its item's value (a deal), and that listing.
   */
  public CompletableFuture<FrameProbe> probeNextFrame(boolean bargain) {
    synchronized (state) {
      if (connections.isEmpty()) {
        throw new IllegalStateException("no client is connected to /events");
      }
    }
    Probe probe = new Probe(new CompletableFuture<>(), bargain);
    synchronized (probes) {
      probes.add(probe);
    }
    probe
        .answer()
        .whenComplete(
            (done, failure) -> {
              synchronized (probes) {
                probes.remove(probe);
              }
            });
    return probe.answer();
  }

  private void answerProbes(Batch batch, Instant sentAt) {
    List<Probe> waiting;
    synchronized (probes) {
      if (probes.isEmpty()) {
        return;
      }
      waiting = new ArrayList<>(probes);
    }
    int visible = batch.lastStandingUpdate();
    int bargain = -1;
    for (Probe probe : waiting) {
      if (probe.bargain() && bargain == -1) {
        bargain = batch.lastStandingBargain();
      }
    }
    for (Probe probe : waiting) {
      int index = probe.bargain() ? bargain : visible;
      if (index >= 0) {
        probe
            .answer()
            .complete(
                new FrameProbe(batch.eventId(index), batch.listingId(index), sentAt, batch.size()));
      }
    }
  }

  /** What has been sent, consistently, with the set-up in force. */
  public StreamStats stats() {
    int open;
    boolean isPaused;
    StreamSettings current;
    synchronized (state) {
      open = connections.size();
      isPaused = paused;
      current = settings;
    }
    synchronized (counters) {
      Map<String, Long> byType = new LinkedHashMap<>();
      for (EventType type : EventType.values()) {
        byType.put(type.wireName(), counters.byType.get(type));
      }
      return new StreamStats(
          counters.frames,
          counters.events,
          counters.malformedFrames,
          byType,
          counters.lastEventId,
          counters.lastListingId,
          counters.streamEvents,
          open,
          counters.accepted,
          counters.refused,
          counters.handshakesRefused,
          isPaused,
          current.total() >= 0 && counters.streamEvents >= current.total(),
          current);
    }
  }

  /** The settings in force. */
  public StreamSettings settings() {
    synchronized (state) {
      return settings;
    }
  }

  /**
   * Restarts as upstream does: closes every connection with 1012 and refuses every handshake for
   * {@code downMillis} (0: accepts again at once).
   *
   * @return the connections closed
   */
  public int restart(long downMillis) {
    if (downMillis < 0) {
      throw new InvalidSettingException("downMillis", "must be 0 or more, got " + downMillis);
    }
    synchronized (state) {
      refuseHandshakesUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(downMillis);
      refusing = downMillis > 0;
    }
    return dropAll(CLOSE_SERVICE_RESTART, "service restart");
  }

  /**
   * Whether a handshake now must be refused because of a restart; counts it if so. Asked by the
   * endpoint's filter before the upgrade.
   */
  public boolean refusingHandshakes() {
    synchronized (state) {
      if (refusing && System.nanoTime() - refuseHandshakesUntil >= 0) {
        refusing = false;
      }
      if (!refusing) {
        return false;
      }
    }
    synchronized (counters) {
      counters.handshakesRefused++;
    }
    return true;
  }

  /**
   * Starts a series of {@code times} restarts, the first now and each next one {@code upMillis}
   * after the server came back, each down for {@code downMillis}; the series ends {@code upMillis}
   * after the last one came back. A series in progress is abandoned; {@code times} 0 only does
   * that.
   */
  public RestartStats startRestarts(int times, long upMillis, long downMillis) {
    if (times < 0 || times > 1000) {
      throw new InvalidSettingException("times", "must be 0 to 1000, got " + times);
    }
    if (upMillis < 1 || upMillis > 3_600_000) {
      throw new InvalidSettingException("upMillis", "must be 1 to 3600000, got " + upMillis);
    }
    if (downMillis < 0 || downMillis > 3_600_000) {
      throw new InvalidSettingException("downMillis", "must be 0 to 3600000, got " + downMillis);
    }
    RestartSeries started;
    synchronized (state) {
      if (series != null && series.running) {
        series.finish(System.nanoTime(), connectedNanos(System.nanoTime()));
      }
      if (series != null && series.next != null) {
        series.next.cancel(false);
      }
      if (times == 0) {
        return restartStats();
      }
      long now = System.nanoTime();
      started = new RestartSeries(times, upMillis, downMillis, now);
      started.connectedAtStart = connectedNanos(now);
      series = started;
    }
    // The first restart before answering, so that the caller sees the server down.
    restartStep(started);
    return restartStats();
  }

  /** The last restart series: its set-up, progress and how long a client was connected in it. */
  public RestartStats restartStats() {
    synchronized (state) {
      if (series == null) {
        return new RestartStats(0, 0, 0, 0, false, 0, 0);
      }
      long now = System.nanoTime();
      long elapsed = series.running ? now - series.startedAt : series.elapsedNanos;
      long connected =
          series.running
              ? connectedNanos(now) - series.connectedAtStart
              : series.connectedNanosInSeries;
      return new RestartStats(
          series.times,
          series.upMillis,
          series.downMillis,
          series.done,
          series.running,
          TimeUnit.NANOSECONDS.toMillis(elapsed),
          TimeUnit.NANOSECONDS.toMillis(connected));
    }
  }

  /** Holds state. */
  private void scheduleRestart(RestartSeries which, long delayNanos) {
    try {
      which.next = executor.schedule(() -> restartStep(which), delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      LOG.log(Level.WARNING, "the executor refused the next restart; the series stops", e);
      which.finish(System.nanoTime(), connectedNanos(System.nanoTime()));
    }
  }

  private void restartStep(RestartSeries which) {
    synchronized (state) {
      if (which != series || !which.running || stopped) {
        return;
      }
      if (which.done == which.times) {
        long now = System.nanoTime();
        which.finish(now, connectedNanos(now));
        return;
      }
      which.done++;
    }
    restart(which.downMillis);
    synchronized (state) {
      if (which != series || !which.running) {
        return;
      }
      long period = TimeUnit.MILLISECONDS.toNanos(which.upMillis + which.downMillis);
      scheduleRestart(
          which, Math.max(0, which.startedAt + which.done * period - System.nanoTime()));
    }
  }

  /** Holds state: keeps the connected time when the first connection opens or the last closes. */
  private void connectionsChanged() {
    long now = System.nanoTime();
    if (connections.isEmpty() && anyConnected) {
      connectedNanos += now - connectedSince;
      anyConnected = false;
    } else if (!connections.isEmpty() && !anyConnected) {
      connectedSince = now;
      anyConnected = true;
    }
  }

  /** Holds state: how long at least one client has been connected, in all. */
  private long connectedNanos(long now) {
    return connectedNanos + (anyConnected ? now - connectedSince : 0);
  }

  /**
   * A restart series' set-up and progress.
   *
   * @param times restarts in the series
   * @param upMillis how long the server stays up after each restart
   * @param downMillis how long each restart refuses handshakes
   * @param done restarts so far
   * @param running whether the series is still going on
   * @param elapsedMillis time since the series began, or its whole length once over
   * @param connectedMillis of that, the time during which at least one client was connected
   */
  public record RestartStats(
      int times,
      long upMillis,
      long downMillis,
      int done,
      boolean running,
      long elapsedMillis,
      long connectedMillis) {}

  /** One series of restarts; guarded by state. */
  private static final class RestartSeries {
    final int times;
    final long upMillis;
    final long downMillis;
    final long startedAt;
    int done;
    boolean running = true;
    long connectedAtStart;
    long elapsedNanos;
    long connectedNanosInSeries;
    Future<?> next;

    RestartSeries(int times, long upMillis, long downMillis, long startedAt) {
      this.times = times;
      this.upMillis = upMillis;
      this.downMillis = downMillis;
      this.startedAt = startedAt;
    }

    void finish(long now, long connectedNow) {
      running = false;
      elapsedNanos = now - startedAt;
      connectedNanosInSeries = connectedNow - connectedAtStart;
    }
  }

  /** Stops generating for good and closes every connection with 1001 (going away). */
  public void shutdown() {
    synchronized (state) {
      stopped = true;
      epoch++;
      if (pending != null) {
        pending.cancel(false);
      }
      if (series != null && series.next != null) {
        series.next.cancel(false);
      }
    }
    dropAll(1001, "simulator stopping");
  }

  // --- generation -------------------------------------------------------------------------

  /** Schedules a frame task unless one is scheduled or nothing may be sent. Holds state. */
  private void wake() {
    if (scheduled || !eligible()) {
      return;
    }
    long now = System.nanoTime();
    if (nextFrameAt - now < 0) {
      nextFrameAt = now;
    }
    scheduled = true;
    schedule(0);
  }

  /** Holds state. */
  private void schedule(long delayNanos) {
    long taskEpoch = epoch;
    try {
      pending = executor.schedule(() -> step(taskEpoch), delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      LOG.log(Level.WARNING, "the executor refused the next frame; generation stops", e);
      scheduled = false;
    }
  }

  /** Holds state. */
  private boolean eligible() {
    return !stopped && !paused && !connections.isEmpty() && remaining() > 0;
  }

  /** Holds state. */
  private long remaining() {
    long total = settings.total();
    if (total < 0) {
      return Long.MAX_VALUE;
    }
    synchronized (counters) {
      return Math.max(0, total - counters.streamEvents);
    }
  }

  private void step(long taskEpoch) {
    try {
      sendFrameIfDue(taskEpoch);
    } catch (RuntimeException | Error e) {
      LOG.log(Level.SEVERE, "generating a frame failed; retrying in a second", e);
      synchronized (state) {
        if (taskEpoch == epoch) {
          schedule(ONE_SECOND);
        }
      }
    }
  }

  private void sendFrameIfDue(long taskEpoch) {
    synchronized (state) {
      if (taskEpoch != epoch) {
        return;
      }
      if (!eligible()) {
        scheduled = false;
        return;
      }
      long wait = nextFrameAt - System.nanoTime();
      if (settings.eventsPerSecond() > 0 && wait > 0) {
        schedule(wait);
        return;
      }
    }
    frameLock.lock();
    try {
      int events;
      List<Connection> targets;
      int rate;
      synchronized (state) {
        if (taskEpoch != epoch) {
          return;
        }
        if (!eligible()) {
          scheduled = false;
          return;
        }
        events = settings.nextFrameEvents(remaining());
        rate = settings.eventsPerSecond();
        targets = new ArrayList<>(connections.values());
      }
      deliver(model.nextBatch(events), targets, true);
      synchronized (state) {
        if (rate > 0) {
          long now = System.nanoTime();
          nextFrameAt += events * ONE_SECOND / rate;
          if (nextFrameAt - now < -ONE_SECOND) {
            nextFrameAt = now; // after a slow client, do not burst to catch up
          }
        }
      }
    } finally {
      frameLock.unlock();
    }
    synchronized (state) {
      if (taskEpoch != epoch) {
        return;
      }
      if (!eligible()) {
        scheduled = false;
        return;
      }
      long wait = settings.eventsPerSecond() > 0 ? nextFrameAt - System.nanoTime() : 0;
      schedule(Math.max(0, wait));
    }
  }

  /** How many connections took a whole batch, and when the first one had. */
  private record Delivery(int connections, Instant firstWholeAt) {}

  /**
   * Writes the batch to every target in its format and counts what each one took; a {@code regular}
   * frame (not a control action's) answers the probes waiting for one.
   */
  private Delivery deliver(Batch batch, List<Connection> targets, boolean regular) {
    int mostDelivered = 0;
    int whole = 0;
    Instant firstWholeAt = null;
    for (Connection connection : targets) {
      int delivered = 0;
      if (connection.batchFormat()) {
        if (sendOrDrop(connection, batch.arrayText())) {
          delivered = batch.size();
          synchronized (counters) {
            counters.frames++;
            counters.addBatch(batch, delivered);
          }
        }
      } else {
        for (int i = 0; i < batch.size(); i++) {
          if (!sendOrDrop(connection, batch.eventText(i))) {
            break;
          }
          delivered++;
          synchronized (counters) {
            counters.frames++;
            counters.add(batch.type(i), 1);
            counters.lastEventId = batch.eventId(i);
            counters.lastListingId = batch.listingId(i);
          }
        }
      }
      mostDelivered = Math.max(mostDelivered, delivered);
      if (delivered == batch.size()) {
        whole++;
        if (firstWholeAt == null) {
          firstWholeAt = Instant.now();
        }
      }
    }
    synchronized (counters) {
      counters.streamEvents += mostDelivered;
    }
    if (regular && firstWholeAt != null) {
      answerProbes(batch, firstWholeAt);
    }
    return new Delivery(whole, firstWholeAt);
  }

  private boolean sendOrDrop(Connection connection, String text) {
    try {
      connection.send(text);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "a frame could not be written; dropping the connection", e);
      closed(connection);
      connection.close(CLOSE_SEND_FAILED, "frame could not be written");
      return false;
    }
  }

  private void awaitFrameInProgress() {
    frameLock.lock();
    frameLock.unlock();
  }

  /** The delivery counters; guarded by their own monitor. */
  private static final class Counters {
    long frames;
    long events;
    long malformedFrames;
    long streamEvents;
    long accepted;
    long refused;
    long handshakesRefused;
    String lastEventId;
    String lastListingId;
    final EnumMap<EventType, Long> byType = new EnumMap<>(EventType.class);

    Counters() {
      reset();
    }

    void reset() {
      frames = 0;
      events = 0;
      malformedFrames = 0;
      streamEvents = 0;
      accepted = 0;
      refused = 0;
      handshakesRefused = 0;
      lastEventId = null;
      lastListingId = null;
      for (EventType type : EventType.values()) {
        byType.put(type, 0L);
      }
    }

    void add(EventType type, long count) {
      byType.merge(type, count, Long::sum);
      events += count;
    }

    void addBatch(Batch batch, int count) {
      if (count == 0) {
        return;
      }
      add(EventType.LISTING_UPDATE, batch.count(EventType.LISTING_UPDATE, count));
      add(EventType.LISTING_DELETE, batch.count(EventType.LISTING_DELETE, count));
      lastEventId = batch.eventId(count - 1);
      lastListingId = batch.listingId(count - 1);
    }
  }
}
