package org.tradewatch.core.notification;

/**
 * What the store holds of one token's folder: upstream's last {@code folder_count} (kept current by
 * our own mutations), whether every notification of the folder is stored, when upstream last
 * answered for it and last gave its newest page whole, and the newest {@code sent} stored (null
 * when none).
 */
public record FolderCopy(
    int folderCount,
    boolean complete,
    long syncedAtMillis,
    long fullSyncAtMillis,
    Long newestSent) {}
