package org.tradewatch.web.stream;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tradewatch.core.stream.Backoff;

/**
 * Keeps at most one socket to an upstream open, and one attempt at a time towards it.
 *
 * <p>Every upstream here allows few sockets per client (backpack.tf one per address, skinshark five
 * per sub-user), so a new attempt starts only after the previous socket's {@code onClose} has run.
 * Each attempt has a number; callbacks of an older attempt are ignored. After a failed attempt or a
 * close the next one waits a jittered, growing {@link Backoff}, which starts over once a socket has
 * delivered frames for a few seconds (the consumer reports each through {@link #frameArrived}), so
 * that an upstream restarting every few seconds costs about twice its downtime rather than the
 * whole run; {@link #halt} ends the attempts for good (a configuration error no retry can fix). The
 * consumer supplies how to open a socket and what to do with it; this class owns only the when.
 */
public final class OneSocket {

  /** Opens the socket of one attempt, whose endpoint reports back through {@link #opened}. */
  @FunctionalInterface
  public interface Opener {
    void open(long attempt) throws Exception;
  }

  private static final Logger LOG = Logger.getLogger(OneSocket.class.getName());

  private final String name;
  private final StreamMonitor monitor;
  private final ScheduledExecutorService scheduler;
  private final Backoff backoff;
  private Opener opener;

  // Guarded by this.
  private Session session;
  private long generation;
  private boolean attemptInProgress;
  private boolean openedBefore;
  private boolean running;
  private String haltedBecause;
  private ScheduledFuture<?> pendingConnect;
  private long pendingTicket;

  public OneSocket(
      String name, StreamMonitor monitor, ScheduledExecutorService scheduler, Backoff backoff) {
    this.name = name;
    this.monitor = monitor;
    this.scheduler = scheduler;
    this.backoff = backoff;
  }

  /**
   * A socket whose back-off follows the configured numbers (milliseconds). Numbers that make no
   * schedule halt it at once with a configuration error naming {@code keys}, so that the stream
   * shows what to fix instead of the consumer failing to start.
   */
  public static OneSocket configured(
      String name,
      StreamMonitor monitor,
      ScheduledExecutorService scheduler,
      String keys,
      long firstDelayMillis,
      long maxDelayMillis,
      long healthyAfterMillis) {
    Backoff.Policy policy;
    String problem = null;
    try {
      policy = Backoff.Policy.ofMillis(firstDelayMillis, maxDelayMillis, healthyAfterMillis);
    } catch (IllegalArgumentException e) {
      policy = Backoff.Policy.DEFAULT;
      problem = "configuration error: " + keys + ": " + e.getMessage();
    }
    OneSocket socket = new OneSocket(name, monitor, scheduler, Backoff.of(policy));
    if (problem != null) {
      socket.halt(problem);
    } else {
      Backoff.Policy chosen = policy;
      LOG.config(() -> name + ": reconnect back-off " + chosen);
    }
    return socket;
  }

  /**
   * Starts attempting at once with {@code opener}; after a {@link #stop} it starts again, and the
   * callbacks of attempts made before are ignored from then on.
   */
  public synchronized void start(Opener opener) {
    if (running) {
      return;
    }
    this.opener = opener;
    running = true;
    generation++;
    session = null;
    attemptInProgress = false;
    connectAfter(Duration.ZERO);
  }

  /**
   * Stops attempting and closes the socket if one is open.
   *
   * @return false when it was not running
   */
  public boolean stop(String why) {
    Session current;
    synchronized (this) {
      if (!running) {
        return false;
      }
      running = false;
      current = session;
      if (pendingConnect != null) {
        pendingConnect.cancel(false);
      }
    }
    if (current != null) {
      closeQuietly(current, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, why));
    }
    return true;
  }

  /** No more attempts, ever: what is wrong needs an operator. */
  public void halt(String problem) {
    synchronized (this) {
      haltedBecause = problem;
      if (pendingConnect != null) {
        pendingConnect.cancel(false);
      }
    }
    monitor.stopped(problem);
    LOG.severe(() -> name + ": " + problem + "; not retrying");
  }

  /** Why attempts were halted, or null. */
  public synchronized String haltedBecause() {
    return haltedBecause;
  }

  /** The open socket, or null. */
  public synchronized Session current() {
    return session;
  }

  /** Whether {@code attempt}'s socket is the open one. */
  public synchronized boolean isCurrent(long attempt) {
    return running && attempt == generation && session != null;
  }

  /**
   * Called for every frame an attempt's socket receives: counts it, as activity for the monitor and
   * as proof of health for the back-off.
   *
   * @return false for a frame of a socket that is no longer the open one (drop it)
   */
  public boolean frameArrived(long attempt) {
    synchronized (this) {
      if (!running || attempt != generation || session == null) {
        return false;
      }
      // Under the lock: a late frame of the socket before must not count for the next one.
      backoff.frameReceived();
    }
    monitor.frameReceived();
    return true;
  }

  /** Attempts again now, without waiting for the back-off (e.g. with a freshly minted ticket). */
  public void connectNow() {
    connectAfter(Duration.ZERO);
  }

  /** Waits the back-off, then attempts again. */
  public void retryLater(String why) {
    Duration delay;
    synchronized (this) {
      if (!running || haltedBecause != null) {
        return;
      }
      delay = backoff.nextDelay();
    }
    monitor.backingOff(why);
    LOG.info(() -> name + ": " + why + "; reconnecting in " + delay.toMillis() + " ms");
    connectAfter(delay);
  }

  /**
   * Called from an attempt's {@code onOpen}: makes its socket the one socket, or closes it when a
   * newer attempt or a stop overtook it.
   *
   * @return whether the socket was taken
   */
  public boolean opened(long attempt, Session opened) {
    boolean reconnect;
    synchronized (this) {
      if (!running || attempt != generation) {
        closeQuietly(opened, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "superseded"));
        return false;
      }
      session = opened;
      attemptInProgress = false;
      reconnect = openedBefore;
      openedBefore = true;
      backoff.connected();
    }
    monitor.connected(reconnect);
    monitor.markAlive();
    return true;
  }

  /**
   * Called from an attempt's {@code onClose}.
   *
   * @return false for the callback of an attempt that is no longer current (ignore it)
   */
  public boolean closed(long attempt) {
    synchronized (this) {
      if (attempt != generation) {
        return false;
      }
      session = null;
      attemptInProgress = false;
      backoff.disconnected();
    }
    return true;
  }

  /** An attempt that ended before a socket opened (its opener gave up without throwing). */
  public synchronized void attemptOver(long attempt) {
    if (attempt == generation) {
      attemptInProgress = false;
    }
  }

  private void connectAfter(Duration delay) {
    synchronized (this) {
      if (!running || haltedBecause != null) {
        return;
      }
      if (pendingConnect != null && !pendingConnect.isDone()) {
        return;
      }
      long ticket = ++pendingTicket;
      pendingConnect =
          scheduler.schedule(() -> attempt(ticket), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void attempt(long ticket) {
    long attempt;
    synchronized (this) {
      if (ticket == pendingTicket) {
        // Running now, so no longer pending: the retry that this attempt's failure asks for must
        // be scheduled, not mistaken for this task still under way.
        pendingConnect = null;
      }
      if (!running || haltedBecause != null || attemptInProgress || session != null) {
        return;
      }
      attemptInProgress = true;
      attempt = ++generation;
    }
    monitor.connecting();
    try {
      opener.open(attempt);
    } catch (Exception e) {
      attemptOver(attempt);
      // Messages here name the URL at most; secrets travel in headers, never in URLs.
      LOG.log(Level.FINE, name + ": attempt " + attempt + " failed", e);
      retryLater("connect failed: " + failure(e));
    }
  }

  /**
   * An attempt's failure in a few words, with its cause's when that says more: the WebSocket
   * client's "Handshake error." leaves the upstream's status (503 while restarting, 401 for a
   * refused ticket) to its cause.
   */
  static String failure(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      return message + " (" + cause.getMessage() + ")";
    }
    return message;
  }

  /** "closed (1012 Service Restart)": a close reason as the logs and /api/streams show it. */
  public static String describe(CloseReason reason) {
    return "closed ("
        + reason.getCloseCode().getCode()
        + (reason.getReasonPhrase().isEmpty() ? "" : " " + reason.getReasonPhrase())
        + ")";
  }

  public static void closeQuietly(Session session, CloseReason reason) {
    try {
      session.close(reason);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "Closing a socket failed", e);
    }
  }
}
