package org.tradewatch.web.page.watch;

import java.time.Instant;
import org.tradewatch.core.webhook.Attempt;

/**
 * One line of the webhook's delivery log as the Watches page shows it.
 *
 * @param at when the attempt ended
 * @param what {@code test}, or the alert's id
 * @param attempt which attempt of its delivery
 * @param result the HTTP status, or the error in words
 * @param outcome {@code delivered}, {@code retry}, {@code failed} or {@code dropped}
 * @param nextAt when it is tried again, or null
 */
public record AttemptRow(
    Instant at, String what, int attempt, String result, String outcome, Instant nextAt) {

  static AttemptRow of(Attempt attempt) {
    return new AttemptRow(
        attempt.at(),
        attempt.alertId() == null ? "test" : attempt.alertId(),
        attempt.attempt(),
        attempt.statusCode() != null
            ? "HTTP " + attempt.statusCode()
            : attempt.error() == null ? "" : attempt.error(),
        attempt.outcome().id(),
        attempt.nextAt());
  }
}
