package org.tradewatch.simulator.bptf.stream;

import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.util.logging.Logger;

/**
 * The client address of a WebSocket session. The Jakarta WebSocket API has no portable way to get
 * it; Tyrus (Payara's implementation) records it on its session class, {@code
 * org.glassfish.tyrus.core.TyrusSession#getRemoteAddr()}, taken from the upgrade request. It is
 * called reflectively so the WAR needs no Tyrus classes at compile time.
 */
final class RemoteAddresses {
  /** The address used when none can be found: all such clients then share one slot. */
  static final String UNKNOWN = "unknown";

  private static final Logger LOG = Logger.getLogger(RemoteAddresses.class.getName());

  private RemoteAddresses() {}

  static String of(Session session) {
    try {
      Method getter = session.getClass().getMethod("getRemoteAddr");
      Object address = getter.invoke(session);
      if (address instanceof String text && !text.isBlank()) {
        return text;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warning(
          () ->
              "cannot read the client address of "
                  + session.getClass().getName()
                  + " ("
                  + e
                  + "); connections without one share a single slot");
    }
    return UNKNOWN;
  }
}
