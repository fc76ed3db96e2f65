package org.tradewatch.core.notification;

/** The two folders upstream knows, by their code. */
public enum NotificationFolder {
  INBOX(0),
  ARCHIVE(1);

  private final int code;

  NotificationFolder(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The folder with this code; the caller has validated it. */
  public static NotificationFolder of(int code) {
    return switch (code) {
      case 0 -> INBOX;
      case 1 -> ARCHIVE;
      default -> throw new IllegalArgumentException("no folder " + code);
    };
  }
}
