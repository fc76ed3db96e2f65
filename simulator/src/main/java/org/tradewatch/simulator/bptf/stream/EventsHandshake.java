package org.tradewatch.simulator.bptf.stream;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code batch-test} request header during the upgrade. Tyrus hands this method a copy of
 * the endpoint config per handshake, so the user property belongs to this connection only.
 */
public class EventsHandshake extends ServerEndpointConfig.Configurator {
  /** User property: Boolean, whether the client sent {@code batch-test: true}. */
  public static final String BATCH_FORMAT = "org.tradewatch.simulator.bptf.batchFormat";

  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    config.getUserProperties().put(BATCH_FORMAT, wantsBatches(request.getHeaders()));
  }

  /** Whether the headers carry {@code batch-test: true}; header names ignore case. */
  static boolean wantsBatches(Map<String, List<String>> headers) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if ("batch-test".equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
        for (String value : header.getValue()) {
          if (value != null && "true".equalsIgnoreCase(value.trim())) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
