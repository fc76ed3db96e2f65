package org.tradewatch.core.notification;

/**
 * Upstream answered and refused (401, 429, other 4xx): it is alive, so the circuit breaker does not
 * count it, and the client must see the refusal rather than a stored copy.
 */
public class UpstreamRefusal extends UpstreamFailure {
  private static final long serialVersionUID = 1L;

  /** A refusal whose kind follows from its status: 429 asks to slow down, any other refuses. */
  public UpstreamRefusal(int clientStatus, String message, Long retryAfterSeconds) {
    super(
        clientStatus == 429 ? Kind.RATE_LIMITED : Kind.REFUSED,
        clientStatus,
        message,
        retryAfterSeconds);
  }
}
