package org.tradewatch.core.notification;

/**
 * Upstream is down, slow or broken (5xx, timeout, unreachable, circuit open): the stored copy may
 * stand in for it, and the circuit breaker counts it.
 */
public class UpstreamUnavailable extends UpstreamFailure {
  private static final long serialVersionUID = 1L;

  public UpstreamUnavailable(Kind kind, int clientStatus, String message, Long retryAfterSeconds) {
    super(kind, clientStatus, message, retryAfterSeconds);
    if (kind == Kind.REFUSED || kind == Kind.RATE_LIMITED) {
      throw new IllegalArgumentException("a refusal is an UpstreamRefusal, not " + kind);
    }
  }
}
