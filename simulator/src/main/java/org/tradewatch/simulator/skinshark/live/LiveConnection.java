package org.tradewatch.simulator.skinshark.live;

import java.io.IOException;

/** One client socket of the live market, as {@link LiveMarket} writes to it. */
public interface LiveConnection {

  /** Writes one text frame; blocks until written or failed. */
  void send(String text) throws IOException;

  /** Sends a WebSocket ping. */
  void ping() throws IOException;

  /** Closes the socket with this code and reason; quietly, once. */
  void close(int code, String reason);
}
