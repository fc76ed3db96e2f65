package org.tradewatch.persistence.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * When upstream last answered a search for a token: the polling window lives in the database so
 * that a restart does not reopen it.
 */
@Entity
@Table(name = "bptf_notification_token")
public class NotificationTokenEntity {

  @Id
  @Column(name = "token_hash", length = 64)
  String tokenHash;

  /** Epoch milliseconds. */
  @Column(name = "last_search_at", nullable = false)
  long lastSearchAt;

  protected NotificationTokenEntity() {}

  NotificationTokenEntity(String tokenHash) {
    this.tokenHash = tokenHash;
  }
}
