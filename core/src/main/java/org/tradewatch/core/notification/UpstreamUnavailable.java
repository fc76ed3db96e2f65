package org.tradewatch.core.notification;

/**
 * Upstream is down, slow or broken (5xx, timeout, unreachable, circuit open): the stored copy may
 * stand in for it, and the circuit breaker counts it.
 */
public class UpstreamUnavailable extends UpstreamFailure {
  private static final long serialVersionUID = 1L;

  public UpstreamUnavailable(int clientStatus, String message, Long retryAfterSeconds) {
    super(clientStatus, message, retryAfterSeconds);
  }
}
