package org.tradewatch.core.notification;

/**
 * Upstream answered and refused (401, 429, other 4xx): it is alive, so the circuit breaker does not
 * count it, and the client must see the refusal rather than a stored copy.
 */
public class UpstreamRefusal extends UpstreamFailure {
  private static final long serialVersionUID = 1L;

  public UpstreamRefusal(int clientStatus, String message, Long retryAfterSeconds) {
    super(clientStatus, message, retryAfterSeconds);
  }
}
