package org.tradewatch.core.webhook;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One body to deliver to a user's webhook, and how far it got. Stored before the first attempt and
 * after each one, so that a restart resumes what was pending.
 *
 * @param id its id, also sent as {@code X-Tradewatch-Delivery} so a receiver can drop a repeat
 * @param owner the account's key
 * @param alertId the alert it tells of, or null for a test
 * @param body the JSON sent, the same on every attempt
 * @param attempts the attempts made so far
 * @param state where it is
 * @param createdAt when it was made
 * @param firstAttemptAt when it was first tried, or null before that
 * @param nextAt when it is due (next), or null when finished
 * @param claimUntil until when an instance has it in hand; past that, another may take it up
 */
public record Delivery(
    String id,
    String owner,
    String alertId,
    String body,
    int attempts,
    State state,
    Instant createdAt,
    Instant firstAttemptAt,
    Instant nextAt,
    Instant claimUntil) {

  /** Where a delivery is. */
  public enum State {
    PENDING,
    DELIVERED,
    FAILED,
    DROPPED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static State fromId(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT));
    }
  }

  public Delivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(claimUntil, "claimUntil");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts is not negative, was " + attempts);
    }
  }

  /** A new pending delivery, due now, held by whoever makes it until {@code claimUntil}. */
  public static Delivery pending(
      String id, String owner, String alertId, String body, Instant now, Instant claimUntil) {
    return new Delivery(id, owner, alertId, body, 0, State.PENDING, now, null, now, claimUntil);
  }

  /** This delivery after one more attempt, now in {@code state}, next due at {@code nextAt}. */
  public Delivery attempted(Instant at, State state, Instant nextAt, Instant claimUntil) {
    return new Delivery(
        id,
        owner,
        alertId,
        body,
        attempts + 1,
        state,
        createdAt,
        firstAttemptAt == null ? at : firstAttemptAt,
        nextAt,
        claimUntil);
  }

  /** This delivery dropped before it got through. */
  public Delivery dropped() {
    return new Delivery(
        id,
        owner,
        alertId,
        body,
        attempts,
        State.DROPPED,
        createdAt,
        firstAttemptAt,
        null,
        claimUntil);
  }
}
