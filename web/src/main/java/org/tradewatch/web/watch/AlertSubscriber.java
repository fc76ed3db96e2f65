package org.tradewatch.web.watch;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open alerts socket: messages go out one at a time, asynchronously, so that whoever hands them
 * over never waits for the network; a client that lets more than {@code maxPending} wait is closed
 * with 1008 (it reconnects and reads {@code GET /api/alerts}).
 */
final class AlertSubscriber {

  private static final Logger LOG = Logger.getLogger(AlertSubscriber.class.getName());

  private final Session session;
  private final String owner;
  private final int maxPending;
  private final Executor closer;
  private final Deque<String> waiting = new ArrayDeque<>();
  private boolean sending;
  private boolean closed;

  AlertSubscriber(Session session, String owner, int maxPending, Executor closer) {
    this.session = session;
    this.owner = owner;
    this.maxPending = maxPending;
    this.closer = closer;
  }

  String owner() {
    return owner;
  }

  Session session() {
    return session;
  }

  /** Sends {@code text} after what waits; never blocks. */
  void offer(String text) {
    boolean overflow;
    synchronized (this) {
      if (closed) {
        return;
      }
      overflow = waiting.size() >= maxPending;
      if (overflow) {
        closed = true;
        waiting.clear();
      } else {
        waiting.addLast(text);
        if (sending) {
          return;
        }
        sending = true;
      }
    }
    if (overflow) {
      close(
          new CloseReason(
              CloseReason.CloseCodes.VIOLATED_POLICY,
              "too slow: more than " + maxPending + " alerts waiting; reconnect"));
      return;
    }
    sendNext();
  }

  private void sendNext() {
    String next;
    synchronized (this) {
      next = closed ? null : waiting.pollFirst();
      if (next == null) {
        sending = false;
        return;
      }
    }
    try {
      session.getAsyncRemote().sendText(next, this::sent);
    } catch (RuntimeException e) {
      markClosed();
      LOG.log(Level.FINE, "an alerts socket failed; dropping it", e);
    }
  }

  private void sent(SendResult result) {
    if (!result.isOK()) {
      markClosed();
      return;
    }
    sendNext();
  }

  private synchronized void markClosed() {
    closed = true;
    sending = false;
    waiting.clear();
  }

  /** Closes the socket off the caller's thread: a close waits for the network. */
  private void close(CloseReason reason) {
    closer.execute(
        () -> {
          try {
            session.close(reason);
          } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "closing an alerts socket failed", e);
          }
        });
  }
}
