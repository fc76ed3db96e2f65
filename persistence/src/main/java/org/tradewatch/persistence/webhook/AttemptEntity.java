package org.tradewatch.persistence.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import org.tradewatch.core.account.AccountRules;
import org.tradewatch.core.watch.Ids;
import org.tradewatch.core.webhook.Attempt;
import org.tradewatch.persistence.EpochMicrosConverter;

/**
 * One line of a delivery log. Indexed by owner and time, which the log's page asks, and by time,
 * which the purge asks.
 */
@Entity
@Table(
    name = "webhook_attempt",
    indexes = {
      @Index(name = "webhook_attempt_owner_at", columnList = "owner_key,attempted_at"),
      @Index(name = "webhook_attempt_at", columnList = "attempted_at")
    })
public class AttemptEntity {

  @Id
  @Column(name = "id", length = Ids.LENGTH)
  String id;

  @Column(name = "owner_key", length = AccountRules.USERNAME_MAX, nullable = false)
  String owner;

  @Column(name = "delivery_id", length = Ids.LENGTH, nullable = false)
  String deliveryId;

  @Column(name = "alert_id", length = Ids.LENGTH)
  String alertId;

  @Column(name = "attempt", nullable = false)
  int attempt;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "attempted_at", nullable = false)
  Instant at;

  @Column(name = "status_code")
  Integer statusCode;

  @Column(name = "error", length = Attempt.MAX_ERROR)
  String error;

  @Column(name = "outcome", length = 16, nullable = false)
  String outcome;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "next_at")
  Instant nextAt;

  protected AttemptEntity() {}

  AttemptEntity(Attempt attempt) {
    id = attempt.id();
    owner = attempt.owner();
    deliveryId = attempt.deliveryId();
    alertId = attempt.alertId();
    this.attempt = attempt.attempt();
    at = attempt.at();
    statusCode = attempt.statusCode();
    error = attempt.error();
    outcome = attempt.outcome().id();
    nextAt = attempt.nextAt();
  }

  Attempt toAttempt() {
    return new Attempt(
        id,
        owner,
        deliveryId,
        alertId,
        attempt,
        at,
        statusCode,
        error,
        Attempt.Outcome.fromId(outcome),
        nextAt);
  }
}
