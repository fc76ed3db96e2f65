package org.tradewatch.simulator.bptf.stream;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The events socket at {@code /events}, relative to the context root. Client frames are ignored, as
 * upstream ignores them; everything else is the stream's business.
 */
@ServerEndpoint(value = "/events", configurator = EventsHandshake.class)
public class BptfEventsEndpoint {
  private static final Logger LOG = Logger.getLogger(BptfEventsEndpoint.class.getName());
  private static final String CONNECTION = "org.tradewatch.simulator.bptf.connection";

  @Inject BptfStreamService service;

  @OnOpen
  public void onOpen(Session session) {
    boolean batch =
        Boolean.TRUE.equals(session.getUserProperties().get(EventsHandshake.BATCH_FORMAT));
    SessionConnection connection =
        new SessionConnection(
            session, RemoteAddresses.of(session), batch, service.sendTimeoutSeconds());
    session.getUserProperties().put(CONNECTION, connection);
    boolean accepted = service.stream().open(connection);
    LOG.fine(() -> (accepted ? "accepted " : "refused ") + connection);
  }

  @OnMessage
  public void onMessage(String text) {
    // upstream ignores anything a client sends
  }

  @OnClose
  public void onClose(Session session, CloseReason reason) {
    forget(session);
  }

  @OnError
  public void onError(Session session, Throwable error) {
    LOG.log(Level.FINE, "events socket error", error);
    forget(session);
  }

  private void forget(Session session) {
    if (session.getUserProperties().get(CONNECTION) instanceof Connection connection) {
      service.stream().closed(connection);
    }
  }
}
