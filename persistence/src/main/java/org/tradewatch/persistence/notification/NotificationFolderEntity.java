package org.tradewatch.persistence.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** What is known of one token's folder: upstream's count and how current the copy is. */
@Entity
@IdClass(NotificationFolderEntity.Key.class)
@Table(name = "bptf_notification_folder")
public class NotificationFolderEntity {

  @Id
  @Column(name = "token_hash", length = 64)
  String tokenHash;

  @Id
  @Column(name = "folder")
  int folder;

  @Column(name = "folder_count", nullable = false)
  int folderCount;

  @Column(name = "complete", nullable = false)
  boolean complete;

  /** Epoch milliseconds. */
  @Column(name = "synced_at", nullable = false)
  long syncedAt;

  /** Epoch milliseconds; 0 when the newest page was never fetched whole. */
  @Column(name = "full_sync_at", nullable = false)
  long fullSyncAt;

  protected NotificationFolderEntity() {}

  NotificationFolderEntity(String tokenHash, int folder) {
    this.tokenHash = tokenHash;
    this.folder = folder;
  }

  /** The composite key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    String tokenHash;
    int folder;

    public Key() {}

    Key(String tokenHash, int folder) {
      this.tokenHash = tokenHash;
      this.folder = folder;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && tokenHash.equals(key.tokenHash) && folder == key.folder;
    }

    @Override
    public int hashCode() {
      return Objects.hash(tokenHash, folder);
    }
  }
}
