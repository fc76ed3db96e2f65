package org.tradewatch.core.notification;

import java.util.Objects;

/**
 * Upstream did not give a usable answer. The message is for the client and never carries the token
 * or the request's address; there is no cause and no stack trace, so logging one cannot leak
 * either.
 */
public abstract class UpstreamFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Kind kind;
  private final int clientStatus;
  private final Long retryAfterSeconds;

  UpstreamFailure(Kind kind, int clientStatus, String message, Long retryAfterSeconds) {
    super(message, null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.clientStatus = clientStatus;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * What went wrong, told apart where the client status is the same (a 5xx and an unreachable
   * upstream are both 502): operators count each kind, since each points somewhere else.
   */
  public enum Kind {
    /** Upstream answered and refused the request (401, other 4xx but 429). */
    REFUSED,
    /** Asked to slow down (429). */
    RATE_LIMITED,
    /** Upstream answered 5xx, or a status that is neither success nor refusal. */
    FAILED,
    /** Upstream did not answer in time. */
    TIMEOUT,
    /** Upstream could not be reached, broke off, or answered what is not the documented JSON. */
    UNREACHABLE,
    /** Not asked: the circuit breaker is open. */
    CIRCUIT_OPEN
  }

  public Kind kind() {
    return kind;
  }

  /** The status Tradewatch answers with. */
  public int clientStatus() {
    return clientStatus;
  }

  /** Seconds for a {@code Retry-After} header, or null for none. */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /**
   * Upstream answered {@code status} (not 2xx): 401 stays 401, 429 stays 429 with its {@code
   * Retry-After}, 5xx becomes 502, any other status is refused as it was. {@code upstreamMessage}
   * is upstream's {@code message}, or null.
   */
  public static UpstreamFailure forStatus(
      int status, String upstreamMessage, Long retryAfterSeconds, String token) {
    String said = upstreamMessage == null ? "" : ": " + redact(upstreamMessage, token);
    if (status == 401) {
      return new UpstreamRefusal(401, "backpack.tf refused the token (401)" + said, null);
    }
    if (status == 429) {
      return new UpstreamRefusal(
          429,
          "backpack.tf asks to slow down (429)"
              + said
              + (retryAfterSeconds == null ? "" : "; retry after " + retryAfterSeconds + " s"),
          retryAfterSeconds);
    }
    if (status >= 500) {
      return new UpstreamUnavailable(
          Kind.FAILED, 502, "backpack.tf failed (" + status + ")" + said, null);
    }
    if (status >= 400) {
      return new UpstreamRefusal(
          status, "backpack.tf refused the request (" + status + ")" + said, null);
    }
    return new UpstreamUnavailable(
        Kind.FAILED, 502, "backpack.tf answered with an unexpected status " + status + said, null);
  }

  /** Upstream did not answer within {@code timeoutMillis}. */
  public static UpstreamFailure timeout(long timeoutMillis) {
    return new UpstreamUnavailable(
        Kind.TIMEOUT, 504, "backpack.tf did not answer within " + timeoutMillis + " ms", null);
  }

  /** Upstream could not be reached, or answered what is not the documented JSON. */
  public static UpstreamFailure unreachable(String why) {
    return new UpstreamUnavailable(Kind.UNREACHABLE, 502, "backpack.tf " + why, null);
  }

  /** The circuit breaker is open: upstream is not asked until it closes. */
  public static UpstreamFailure circuitOpen(long retryAfterSeconds) {
    return new UpstreamUnavailable(
        Kind.CIRCUIT_OPEN,
        503,
        "backpack.tf is failing; Tradewatch stops asking it for a while. Retry after "
            + retryAfterSeconds
            + " s",
        retryAfterSeconds);
  }

  /** Replaces every occurrence of the token, should upstream echo it. */
  static String redact(String text, String token) {
    String shortened = text.length() > 300 ? text.substring(0, 300) + "..." : text;
    return token == null || token.isEmpty() ? shortened : shortened.replace(token, "[token]");
  }
}
