package org.tradewatch.simulator.bptf.stream;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A {@link Connection} over a WebSocket session; a stalled write fails after a timeout. */
final class SessionConnection implements Connection {
  private static final Logger LOG = Logger.getLogger(SessionConnection.class.getName());

  private final Session session;
  private final String address;
  private final boolean batchFormat;
  private final int sendTimeoutSeconds;

  SessionConnection(Session session, String address, boolean batchFormat, int sendTimeoutSeconds) {
    this.session = session;
    this.address = address;
    this.batchFormat = batchFormat;
    this.sendTimeoutSeconds = sendTimeoutSeconds;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public boolean batchFormat() {
    return batchFormat;
  }

  @Override
  public void send(String text) throws IOException {
    try {
      session.getAsyncRemote().sendText(text).get(sendTimeoutSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing a frame", e);
    } catch (ExecutionException e) {
      throw new IOException("writing a frame failed", e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("the client took no frame for " + sendTimeoutSeconds + " s", e);
    }
  }

  @Override
  public void close(int code, String reason) {
    try {
      if (session.isOpen()) {
        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "closing a session failed", e);
    }
  }

  @Override
  public String toString() {
    return "connection from " + address + (batchFormat ? " (batch-test)" : "");
  }
}
