package org.tradewatch.persistence.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * When upstream last answered a search for a token, and the version of its stored copy: the polling
 * window lives in the database so that a restart does not reopen it, and the version so that every
 * instance sharing the database sees a change made by any of them.
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

  /**
   * Epoch milliseconds of the claim on the next upstream search that no stored search fulfilled
   * yet; null or 0 when there is none.
   */
  @Column(name = "search_claimed_at")
  Long searchClaimedAt;

  /**
   * Epoch milliseconds of the last page load claimed (an upstream search for a page the copy did
   * not hold); null when there was none.
   */
  @Column(name = "page_load_claimed_at")
  Long pageLoadClaimedAt;

  /** Bumped by every write to the token's copy; null in rows of releases before it existed. */
  @Column(name = "copy_version")
  Long version;

  protected NotificationTokenEntity() {}

  long version() {
    return version == null ? 0 : version;
  }

  long searchClaimedAt() {
    return searchClaimedAt == null ? 0 : searchClaimedAt;
  }

  void changed() {
    version = version() + 1;
  }

  /** Upstream answered a search at {@code atMillis}: the window starts, the claim is fulfilled. */
  void searched(long atMillis) {
    lastSearchAt = atMillis;
    searchClaimedAt = 0L;
    changed();
  }

  NotificationTokenEntity(String tokenHash) {
    this.tokenHash = tokenHash;
  }
}
