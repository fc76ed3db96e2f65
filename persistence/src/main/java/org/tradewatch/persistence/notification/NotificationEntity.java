package org.tradewatch.persistence.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.tradewatch.core.notification.StoredNotification;

/**
 * One notification of one token, keyed by (token hash, notification id): natural keys, so neither
 * an identity column nor a sequence is needed.
 */
@Entity
@IdClass(NotificationEntity.Key.class)
@Table(
    name = "bptf_notification",
    indexes = @Index(name = "bptf_notification_folder_sent", columnList = "token_hash,folder,sent"))
public class NotificationEntity {

  @Id
  @Column(name = "token_hash", length = 64)
  String tokenHash;

  @Id
  @Column(name = "notification_id", length = 64)
  String notificationId;

  @Column(name = "folder", nullable = false)
  int folder;

  @Column(name = "sent", nullable = false)
  long sent;

  @Column(name = "notification_type", nullable = false)
  int type;

  @Column(name = "unread_json", length = 64)
  String unreadJson;

  @Lob
  @Column(name = "body", nullable = false)
  String body;

  protected NotificationEntity() {}

  NotificationEntity(String tokenHash, int folder, StoredNotification notification) {
    this.tokenHash = tokenHash;
    this.notificationId = notification.id();
    write(folder, notification);
  }

  void write(int folder, StoredNotification notification) {
    this.folder = folder;
    this.sent = notification.sent();
    this.type = notification.type();
    this.unreadJson = notification.unreadJson();
    this.body = notification.body();
  }

  StoredNotification toNotification() {
    return new StoredNotification(notificationId, sent, type, unreadJson, body);
  }

  /** The composite key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    String tokenHash;
    String notificationId;

    public Key() {}

    Key(String tokenHash, String notificationId) {
      this.tokenHash = tokenHash;
      this.notificationId = notificationId;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && tokenHash.equals(key.tokenHash)
          && notificationId.equals(key.notificationId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tokenHash, notificationId);
    }
  }
}
