package org.tradewatch.persistence.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import org.tradewatch.core.account.AccountRules;
import org.tradewatch.core.watch.Ids;
import org.tradewatch.core.webhook.Delivery;
import org.tradewatch.persistence.EpochMicrosConverter;

/**
 * A delivery to a webhook and how far it got. Indexed by state and claim, which the sweep for
 * deliveries a stopped instance left asks, and by owner and state, which the page's count of
 * pending ones asks.
 */
@Entity
@Table(
    name = "webhook_delivery",
    indexes = {
      @Index(name = "webhook_delivery_claim", columnList = "state,claim_until"),
      @Index(name = "webhook_delivery_owner", columnList = "owner_key,state"),
      @Index(name = "webhook_delivery_created", columnList = "created_at")
    })
public class DeliveryEntity {

  @Id
  @Column(name = "id", length = Ids.LENGTH)
  String id;

  @Column(name = "owner_key", length = AccountRules.USERNAME_MAX, nullable = false)
  String owner;

  @Column(name = "alert_id", length = Ids.LENGTH)
  String alertId;

  @Lob
  @Column(name = "body", nullable = false)
  String body;

  @Column(name = "attempts", nullable = false)
  int attempts;

  @Column(name = "state", length = 16, nullable = false)
  String state;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "first_attempt_at")
  Instant firstAttemptAt;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "next_at")
  Instant nextAt;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "claim_until", nullable = false)
  Instant claimUntil;

  protected DeliveryEntity() {}

  DeliveryEntity(Delivery delivery) {
    id = delivery.id();
    owner = delivery.owner();
    alertId = delivery.alertId();
    body = delivery.body();
    update(delivery);
    createdAt = delivery.createdAt();
  }

  void update(Delivery delivery) {
    attempts = delivery.attempts();
    state = delivery.state().id();
    firstAttemptAt = delivery.firstAttemptAt();
    nextAt = delivery.nextAt();
    claimUntil = delivery.claimUntil();
  }

  Delivery toDelivery() {
    return new Delivery(
        id,
        owner,
        alertId,
        body,
        attempts,
        Delivery.State.fromId(state),
        createdAt,
        firstAttemptAt,
        nextAt,
        claimUntil);
  }
}
