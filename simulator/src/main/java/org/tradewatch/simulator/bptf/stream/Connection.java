package org.tradewatch.simulator.bptf.stream;

import java.io.IOException;

/** One client socket as the stream sees it; the WebSocket session behind it is not its concern. */
public interface Connection {

  /** The client's address: upstream allows one connection per address. */
  String address();

  /** Whether the client asked for batch frames with the {@code batch-test} header. */
  boolean batchFormat();

  /** Sends one text frame, returning once it is written or throwing if it cannot be. */
  void send(String text) throws IOException;

  /** Closes the socket with this close code; never throws. */
  void close(int code, String reason);
}
