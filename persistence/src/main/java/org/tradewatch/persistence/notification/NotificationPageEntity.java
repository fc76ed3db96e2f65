package org.tradewatch.persistence.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A page upstream gave for one query of a folder the copy holds only partly: the ids on it, in
 * upstream's order, so that the same query is answered as upstream answered it. The notifications
 * themselves are rows of {@link NotificationEntity}, where marks and deletions apply.
 */
@Entity
@IdClass(NotificationPageEntity.Key.class)
@Table(name = "bptf_notification_page")
public class NotificationPageEntity {

  /** {@link #since} of a query without one. */
  static final long NO_SINCE = -1;

  @Id
  @Column(name = "token_hash", length = 64)
  String tokenHash;

  @Id
  @Column(name = "folder")
  int folder;

  @Id
  @Column(name = "filter_code")
  int filter;

  @Id
  @Column(name = "since_seconds")
  long since;

  @Id
  @Column(name = "skip_count")
  int skip;

  /** Epoch milliseconds. */
  @Column(name = "fetched_at", nullable = false)
  long fetchedAt;

  /** Comma-separated, newest first; empty for an empty page. */
  @Lob
  @Column(name = "ids", nullable = false)
  String ids;

  protected NotificationPageEntity() {}

  NotificationPageEntity(Key key) {
    this.tokenHash = key.tokenHash;
    this.folder = key.folder;
    this.filter = key.filter;
    this.since = key.since;
    this.skip = key.skip;
  }

  /** The composite key: a token and a normalized query. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    String tokenHash;
    int folder;
    int filter;
    long since;
    int skip;

    public Key() {}

    Key(String tokenHash, int folder, int filter, long since, int skip) {
      this.tokenHash = tokenHash;
      this.folder = folder;
      this.filter = filter;
      this.since = since;
      this.skip = skip;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && tokenHash.equals(key.tokenHash)
          && folder == key.folder
          && filter == key.filter
          && since == key.since
          && skip == key.skip;
    }

    @Override
    public int hashCode() {
      return Objects.hash(tokenHash, folder, filter, since, skip);
    }
  }
}
