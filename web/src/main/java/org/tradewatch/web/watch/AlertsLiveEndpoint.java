package org.tradewatch.web.watch;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.security.Principal;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tradewatch.core.account.Account;
import org.tradewatch.core.watch.AlertStore;

/**
 * {@code ws://.../api/alerts/live}: the logged-in user's new alerts as they are raised, on every
 * page they have open, on whichever instance of a cluster. It opens with the session cookie of the
 * pages ({@link AlertSocketGuard} refuses a handshake without a login, or from another site's
 * page); the first message is {@code ready} with {@code data.unread}, the user's unread alerts,
 * then one {@code alert} message per alert. Read-only: a client that sends anything is closed with
 * 1003.
 */
@ServerEndpoint("/api/alerts/live")
public class AlertsLiveEndpoint {

  private static final Logger LOG = Logger.getLogger(AlertsLiveEndpoint.class.getName());
  private static final JsonProvider JSON = JsonProvider.provider();
  private static final String SUBSCRIBER = "tradewatch.alerts.subscriber";

  /** Messages a socket may have waiting before it is closed as too slow. */
  static final int MAX_PENDING = 1_000;

  @Inject AlertSockets sockets;
  @Inject AlertStore alerts;

  /** Closes dropped sockets, so that delivery never waits for one. */
  @Resource ManagedExecutorService executor;

  @OnOpen
  public void open(Session session) throws IOException {
    Principal user = session.getUserPrincipal();
    if (user == null) {
      session.close(
          new CloseReason(
              CloseReason.CloseCodes.VIOLATED_POLICY, "log in first: alerts belong to an account"));
      return;
    }
    String owner = Account.keyOf(user.getName());
    AlertSubscriber subscriber = new AlertSubscriber(session, owner, MAX_PENDING, executor);
    session.getUserProperties().put(SUBSCRIBER, subscriber);
    long unread = alerts.list(owner, true, 0, 1).total();
    // Registered before the count is sent: an alert raised meanwhile is sent after it.
    subscriber.offer(
        AlertSockets.message("ready", JSON.createObjectBuilder().add("unread", unread).build()));
    sockets.add(subscriber);
  }

  @OnMessage
  public void message(Session session, String text) throws IOException {
    session.close(
        new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "this socket is read-only"));
  }

  @OnClose
  public void close(Session session) {
    forget(session);
  }

  @OnError
  public void error(Session session, Throwable error) {
    LOG.log(Level.FINE, "an alerts socket failed", error);
    forget(session);
  }

  private void forget(Session session) {
    if (session.getUserProperties().get(SUBSCRIBER) instanceof AlertSubscriber subscriber) {
      sockets.remove(subscriber);
    }
  }
}
