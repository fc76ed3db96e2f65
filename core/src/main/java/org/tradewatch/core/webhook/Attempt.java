package org.tradewatch.core.webhook;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of a user's delivery log: an attempt (or a drop) and how it ended.
 *
 * @param id its id
 * @param owner the account's key
 * @param deliveryId the delivery
 * @param alertId the alert delivered, or null for a test
 * @param attempt which attempt of the delivery this was (1 for the first); for a drop, the attempts
 *     made before it
 * @param at when it ended
 * @param statusCode the receiver's HTTP status, or null when none came
 * @param error why it failed without a status (timeout, refused connection), or null
 * @param outcome how it ended
 * @param nextAt when the delivery is tried again, or null when it is not
 */
public record Attempt(
    String id,
    String owner,
    String deliveryId,
    String alertId,
    int attempt,
    Instant at,
    Integer statusCode,
    String error,
    Outcome outcome,
    Instant nextAt) {

  /** The longest error kept. */
  public static final int MAX_ERROR = 500;

  /** How an attempt ended; also the metric's outcome tag. */
  public enum Outcome {
    /** A 2xx answer: delivered. */
    DELIVERED,
    /** Failed, to be tried again. */
    RETRY,
    /** Failed, and the hour of retries is over: given up. */
    FAILED,
    /** Dropped unsent: the user had too many waiting. */
    DROPPED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome fromId(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT));
    }
  }

  public Attempt {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(outcome, "outcome");
    if (error != null && error.length() > MAX_ERROR) {
      error = error.substring(0, MAX_ERROR);
    }
  }
}
