package org.tradewatch.simulator.skinshark.live;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The live-market socket at {@code /market/live}, relative to the context root. */
@ServerEndpoint(value = "/market/live", configurator = LiveHandshake.class)
public class LiveEndpoint {
  private static final Logger LOG = Logger.getLogger(LiveEndpoint.class.getName());
  private static final String CONNECTION = "org.tradewatch.simulator.skinshark.connection";

  @Inject SkinsharkService service;

  @OnOpen
  public void onOpen(Session session) {
    SessionLiveConnection connection = new SessionLiveConnection(session);
    session.getUserProperties().put(CONNECTION, connection);
    service
        .market()
        .open(
            connection,
            (String) session.getUserProperties().get(LiveHandshake.TOKEN),
            (String) session.getUserProperties().get(LiveHandshake.SCOPE));
  }

  @OnMessage
  public void onText(Session session, String text) {
    readOnly(session);
  }

  @OnMessage
  public void onBinary(Session session, ByteBuffer data) {
    readOnly(session);
  }

  private void readOnly(Session session) {
    if (session.getUserProperties().get(CONNECTION) instanceof LiveConnection connection) {
      service.market().clientSent(connection);
    }
  }

  @OnClose
  public void onClose(Session session, CloseReason reason) {
    forget(session);
  }

  @OnError
  public void onError(Session session, Throwable error) {
    LOG.log(Level.FINE, "live-market socket error", error);
    forget(session);
  }

  private void forget(Session session) {
    if (session.getUserProperties().get(CONNECTION) instanceof LiveConnection connection) {
      service.market().closed(connection);
    }
  }

  /** A live connection over a WebSocket session. */
  private static final class SessionLiveConnection implements LiveConnection {
    private final Session session;

    SessionLiveConnection(Session session) {
      this.session = session;
    }

    @Override
    public void send(String text) throws IOException {
      session.getBasicRemote().sendText(text);
    }

    @Override
    public void ping() throws IOException {
      session.getBasicRemote().sendPing(ByteBuffer.allocate(0));
    }

    @Override
    public void close(int code, String reason) {
      try {
        if (session.isOpen()) {
          session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.FINE, "closing a live-market session failed", e);
      }
    }
  }
}
