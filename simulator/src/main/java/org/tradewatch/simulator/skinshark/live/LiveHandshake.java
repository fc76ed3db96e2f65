package org.tradewatch.simulator.skinshark.live;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * Reads the ticket (a {@code bearer.<jwt>} subprotocol, or the {@code token} query parameter) and
 * the scope during the upgrade, and accepts the bearer subprotocol so that clients which insist on
 * a negotiated subprotocol (browsers) complete the upgrade. The checks happen after the upgrade,
 * where upstream reports them as close codes.
 */
public class LiveHandshake extends ServerEndpointConfig.Configurator {
  static final String TOKEN = "org.tradewatch.simulator.skinshark.token";
  static final String SCOPE = "org.tradewatch.simulator.skinshark.scope";
  private static final String BEARER = "bearer.";

  @Override
  public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
    for (String protocol : requested) {
      if (protocol.startsWith(BEARER)) {
        return protocol;
      }
    }
    return "";
  }

  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    String token = bearer(request.getHeaders());
    if (token == null) {
      token = first(request.getParameterMap(), "token");
    }
    config.getUserProperties().put(TOKEN, token);
    config.getUserProperties().put(SCOPE, first(request.getParameterMap(), "scope"));
  }

  /** The ticket of the first {@code bearer.} subprotocol offered; header names ignore case. */
  static String bearer(Map<String, List<String>> headers) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (!"Sec-WebSocket-Protocol".equalsIgnoreCase(header.getKey())
          || header.getValue() == null) {
        continue;
      }
      for (String value : header.getValue()) {
        for (String protocol : value.split(",")) {
          String trimmed = protocol.trim();
          if (trimmed.startsWith(BEARER)) {
            return trimmed.substring(BEARER.length());
          }
        }
      }
    }
    return null;
  }

  private static String first(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
