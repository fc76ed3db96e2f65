package org.tradewatch.core.notification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The store's contract in memory, for the rules' tests: what JpaNotificationStore keeps in tables,
 * kept in maps. Thread-safe (every method holds the instance's lock).
 */
final class InMemoryNotificationStore implements NotificationStore {

  /** Held pages per token and folder beyond which the oldest are forgotten. */
  static final int MAX_HELD_PAGES = 32;

  private static final Comparator<StoredNotification> NEWEST_FIRST =
      Comparator.comparingLong(StoredNotification::sent)
          .thenComparing(StoredNotification::id)
          .reversed();

  private static final class Token {
    long lastSearchAt;
    long searchClaimedAt;
    Long pageLoadClaimedAt;
    long version;

    void searched(long at) {
      lastSearchAt = at;
      searchClaimedAt = 0;
      version++;
    }
  }

  private static final class Folder {
    int count;
    boolean complete;
    long syncedAt;
    long fullSyncAt;
  }

  private record Row(int folder, StoredNotification notification) {}

  private record Held(long fetchedAt, List<String> ids) {}

  private record FolderKey(TokenHash token, int folder) {}

  private record PageKey(TokenHash token, NotificationQuery query) {}

  private final Map<TokenHash, Token> tokens = new HashMap<>();
  private final Map<FolderKey, Folder> folders = new HashMap<>();
  private final Map<TokenHash, Map<String, Row>> rows = new HashMap<>();
  private final Map<PageKey, Held> pages = new LinkedHashMap<>();

  /** How many reads the store answered: a poll kept within the window costs none. */
  int reads;

  @Override
  public synchronized Optional<TokenState> tokenState(TokenHash token) {
    reads++;
    Token row = tokens.get(token);
    return row == null
        ? Optional.empty()
        : Optional.of(new TokenState(row.lastSearchAt, row.version));
  }

  @Override
  public synchronized Optional<FolderCopy> folder(TokenHash token, NotificationFolder folder) {
    reads++;
    Folder row = folders.get(new FolderKey(token, folder.code()));
    if (row == null) {
      return Optional.empty();
    }
    Long newest =
        rowsOf(token, folder.code()).stream()
            .map(StoredNotification::sent)
            .max(Long::compare)
            .orElse(null);
    return Optional.of(
        new FolderCopy(row.count, row.complete, row.syncedAt, row.fullSyncAt, newest));
  }

  @Override
  public synchronized boolean claimSearch(TokenHash token, long nowMillis, long windowMillis) {
    Token row = tokens.get(token);
    if (row == null) {
      row = new Token();
      row.searchClaimedAt = nowMillis;
      tokens.put(token, row);
      return true;
    }
    if (nowMillis - Math.max(row.lastSearchAt, row.searchClaimedAt) < windowMillis) {
      return false;
    }
    row.searchClaimedAt = nowMillis;
    return true;
  }

  @Override
  public synchronized void releaseClaim(TokenHash token, long claimedAtMillis) {
    Token row = tokens.get(token);
    if (row != null && row.searchClaimedAt == claimedAtMillis) {
      row.searchClaimedAt = 0;
    }
  }

  @Override
  public synchronized boolean claimPageLoad(TokenHash token, long nowMillis, long intervalMillis) {
    Token row = tokens.computeIfAbsent(token, t -> new Token());
    if (row.pageLoadClaimedAt != null && nowMillis - row.pageLoadClaimedAt < intervalMillis) {
      return false;
    }
    row.pageLoadClaimedAt = nowMillis;
    return true;
  }

  @Override
  public synchronized void saveWholeFolder(
      TokenHash token, NotificationFolder folder, NotificationPage page, long atMillis) {
    tokens.computeIfAbsent(token, t -> new Token()).searched(atMillis);
    Map<String, Row> all = rows.computeIfAbsent(token, t -> new HashMap<>());
    all.values().removeIf(row -> row.folder == folder.code());
    page.notifications().forEach(n -> all.put(n.id(), new Row(folder.code(), n)));
    pages.keySet().removeIf(key -> key.token.equals(token) && key.query.folder() == folder);
    Folder row = folders.computeIfAbsent(new FolderKey(token, folder.code()), k -> new Folder());
    row.count = page.folderCount();
    row.complete = true;
    row.syncedAt = atMillis;
    row.fullSyncAt = atMillis;
  }

  @Override
  public synchronized void saveHeldPage(
      TokenHash token, NotificationQuery query, NotificationPage page, long atMillis) {
    NotificationQuery key = query.normalized();
    int code = key.folder().code();
    tokens.computeIfAbsent(token, t -> new Token()).searched(atMillis);
    Map<String, Row> all = rows.computeIfAbsent(token, t -> new HashMap<>());
    page.notifications().forEach(n -> all.put(n.id(), new Row(code, n)));
    pages.remove(new PageKey(token, key));
    pages.put(
        new PageKey(token, key),
        new Held(atMillis, page.notifications().stream().map(StoredNotification::id).toList()));
    List<PageKey> ofFolder =
        pages.keySet().stream()
            .filter(k -> k.token.equals(token) && k.query.folder() == key.folder())
            .filter(k -> !k.query.isNewestPageOfFolder())
            .toList();
    for (int i = 0; i < ofFolder.size() - MAX_HELD_PAGES; i++) {
      pages.remove(ofFolder.get(i));
    }
    Set<String> shown = new HashSet<>();
    pages.forEach(
        (k, held) -> {
          if (k.token.equals(token) && k.query.folder() == key.folder()) {
            shown.addAll(held.ids);
          }
        });
    all.values().removeIf(row -> row.folder == code && !shown.contains(row.notification.id()));
    Folder row = folders.computeIfAbsent(new FolderKey(token, code), k -> new Folder());
    row.count = page.folderCount();
    row.complete = false;
    row.syncedAt = atMillis;
    if (key.isNewestPageOfFolder()) {
      row.fullSyncAt = atMillis;
    }
  }

  @Override
  public synchronized void saveRefresh(
      TokenHash token, NotificationFolder folder, NotificationPage page, long atMillis) {
    tokens.computeIfAbsent(token, t -> new Token()).searched(atMillis);
    Map<String, Row> all = rows.computeIfAbsent(token, t -> new HashMap<>());
    page.notifications().forEach(n -> all.put(n.id(), new Row(folder.code(), n)));
    Folder row = folders.computeIfAbsent(new FolderKey(token, folder.code()), k -> new Folder());
    row.count = page.folderCount();
    row.syncedAt = atMillis;
    row.complete = row.complete && rowsOf(token, folder.code()).size() == page.folderCount();
  }

  @Override
  public synchronized List<StoredNotification> page(
      TokenHash token,
      NotificationFolder folder,
      Set<Integer> types,
      Long since,
      int skip,
      int limit) {
    reads++;
    return rowsOf(token, folder.code()).stream()
        .filter(n -> types == null || types.contains(n.type()))
        .filter(n -> since == null || n.sent() >= since)
        .sorted(NEWEST_FIRST)
        .skip(skip)
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized Optional<HeldPage> heldPage(TokenHash token, NotificationQuery query) {
    reads++;
    NotificationQuery key = query.normalized();
    Held held = pages.get(new PageKey(token, key));
    if (held == null) {
      return Optional.empty();
    }
    Map<String, Row> all = rows.getOrDefault(token, Map.of());
    List<StoredNotification> shown = new ArrayList<>();
    for (String id : held.ids) {
      Row row = all.get(id);
      if (row != null && row.folder == key.folder().code()) {
        shown.add(row.notification);
      }
    }
    return Optional.of(new HeldPage(held.fetchedAt, shown));
  }

  @Override
  public synchronized void markedRead(TokenHash token, NotificationFolder folder) {
    rows.getOrDefault(token, new HashMap<>())
        .replaceAll(
            (id, row) ->
                row.folder == folder.code()
                    ? new Row(
                        row.folder,
                        new StoredNotification(
                            id,
                            row.notification.sent(),
                            row.notification.type(),
                            null,
                            row.notification.body()))
                    : row);
    changed(token);
  }

  @Override
  public synchronized void emptied(TokenHash token, NotificationFolder folder) {
    rows.getOrDefault(token, new HashMap<>()).values().removeIf(r -> r.folder == folder.code());
    pages.keySet().removeIf(key -> key.token.equals(token) && key.query.folder() == folder);
    Folder row = folders.get(new FolderKey(token, folder.code()));
    if (row != null) {
      row.count = 0;
      row.complete = true;
    }
    changed(token);
  }

  @Override
  public synchronized void deleted(TokenHash token, Collection<String> ids, long modified) {
    int[] removed = new int[2];
    Map<String, Row> all = rows.getOrDefault(token, new HashMap<>());
    for (String id : Set.copyOf(ids)) {
      Row row = all.remove(id);
      if (row != null) {
        removed[row.folder]++;
      }
    }
    boolean unknownDeleted = modified > removed[0] + removed[1];
    Token tokenRow = tokens.get(token);
    if (tokenRow != null) {
      tokenRow.version++;
      if (unknownDeleted) {
        tokenRow.lastSearchAt = 0;
        tokenRow.searchClaimedAt = 0;
      }
    }
    for (int folder = 0; folder < 2; folder++) {
      Folder row = folders.get(new FolderKey(token, folder));
      if (row != null) {
        row.count = Math.max(0, row.count - removed[folder]);
        if (unknownDeleted) {
          row.complete = false;
        }
      }
    }
  }

  @Override
  public synchronized void forget(TokenHash token) {
    rows.remove(token);
    pages.keySet().removeIf(key -> key.token.equals(token));
    folders.keySet().removeIf(key -> key.token.equals(token));
    changed(token);
  }

  /** How many notifications are stored for the token, in both folders. */
  synchronized int stored(TokenHash token) {
    return rows.getOrDefault(token, Map.of()).size();
  }

  private void changed(TokenHash token) {
    Token row = tokens.get(token);
    if (row != null) {
      row.version++;
    }
  }

  private List<StoredNotification> rowsOf(TokenHash token, int folder) {
    return rows.getOrDefault(token, Map.of()).values().stream()
        .filter(row -> row.folder == folder)
        .map(Row::notification)
        .toList();
  }
}
