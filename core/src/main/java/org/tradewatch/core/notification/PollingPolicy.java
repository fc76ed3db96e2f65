package org.tradewatch.core.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When backpack.tf is asked, and which queries the stored copy answers: the proxy's rules, apart
 * from the state they are applied to.
 *
 * <ul>
 *   <li>Polling: at most one upstream search per token per window (upstream asks for 30 s), each
 *       token's window lengthened by its own share of a spread.
 *   <li>Page loads: a page the copy does not hold (another folder, an older page, a filter the copy
 *       cannot answer) goes upstream at once, at most once per token per page-load interval: a
 *       person opening a tab or an older page is not polling, and waiting out a polling window for
 *       it made every tab look broken.
 *   <li>Refreshing: past the window a complete copy is refreshed with {@code since}, and fetched
 *       whole every full-sync period; an incomplete one sends the client's own query upstream.
 *   <li>Holding: a complete copy answers every query; an incomplete one answers the pages upstream
 *       gave it, and what its newest page alone decides.
 * </ul>
 */
public final class PollingPolicy {

  /** Notifications per search page, as upstream. */
  public static final int PAGE_SIZE = 60;

  private final long windowMillis;
  private final long spreadMillis;
  private final long fullSyncMillis;
  private final long pageLoadIntervalMillis;

  /**
   * @param windowMillis at most one polling search per token this often (upstream asks for 30 s)
   * @param spreadMillis each token's window lasts longer by its own share of this (0 to this, from
   *     its hash, the same on every instance), so that tokens first searched together (every client
   *     polling again after a restart) are not refreshed together ever after
   * @param fullSyncMillis how often a complete copy is fetched whole instead of refreshed with
   *     {@code since}, so that changes made elsewhere (read or deleted on the site) show up
   * @param pageLoadIntervalMillis at most one upstream search per token this often for pages the
   *     copy does not hold
   */
  public PollingPolicy(
      long windowMillis, long spreadMillis, long fullSyncMillis, long pageLoadIntervalMillis) {
    if (windowMillis < 0 || spreadMillis < 0 || fullSyncMillis < 0 || pageLoadIntervalMillis < 0) {
      throw new IllegalArgumentException(
          "the window, its spread, the full sync period and the page-load interval must not be"
              + " negative");
    }
    this.windowMillis = windowMillis;
    this.spreadMillis = spreadMillis;
    this.fullSyncMillis = fullSyncMillis;
    this.pageLoadIntervalMillis = pageLoadIntervalMillis;
  }

  public long windowMillis() {
    return windowMillis;
  }

  public long pageLoadIntervalMillis() {
    return pageLoadIntervalMillis;
  }

  /** A token's polling window: the window and the token's share of the spread. */
  public long windowOf(TokenHash hash) {
    return windowOf(hash, windowMillis, spreadMillis);
  }

  /** A token's polling window: the window and the token's share of the spread, from its hash. */
  static long windowOf(TokenHash hash, long windowMillis, long spreadMillis) {
    if (spreadMillis == 0) {
      return windowMillis;
    }
    long bits = Long.parseUnsignedLong(hash.hex().substring(0, 12), 16);
    return windowMillis + bits % (spreadMillis + 1);
  }

  /**
   * Whether the token's window is open: upstream answered a search for it less than a window ago.
   */
  public boolean withinWindow(TokenHash hash, TokenState state, long nowMillis) {
    return state != null && nowMillis - state.lastSearchAtMillis() < windowOf(hash);
  }

  /** How a copy is brought up to date once the token's window has passed. */
  public enum Refresh {
    /** Ask for what was sent since the newest stored notification: the copy answers the query. */
    SINCE,
    /** Fetch the folder's newest page whole: the copy answers the query if it is still complete. */
    WHOLE,
    /** Send the client's query upstream and answer with upstream's page. */
    PASS_THROUGH
  }

  /** How the copy of the query's folder ({@code null} when there is none) is refreshed. */
  public Refresh refresh(FolderCopy copy, NotificationQuery query, long nowMillis) {
    if (copy == null || !copy.complete()) {
      return Refresh.PASS_THROUGH;
    }
    if (copy.newestSent() != null && nowMillis - copy.fullSyncAtMillis() < fullSyncMillis) {
      return Refresh.SINCE;
    }
    // The newest page whole is what the client asked for: upstream's answer is the answer.
    return query.isNewestPageOfFolder() ? Refresh.PASS_THROUGH : Refresh.WHOLE;
  }

  /** Whether upstream's answer to {@code query} holds every notification of the folder. */
  public boolean isWholeFolder(NotificationQuery query, NotificationPage page) {
    return query.isNewestPageOfFolder() && page.notifications().size() == page.folderCount();
  }

  /**
   * Whether a {@code since} refresh filled its page: more may have arrived than it holds, and what
   * it holds is the folder's newest page, which then replaces the copy's.
   */
  public boolean isFull(NotificationPage page) {
    return page.notifications().size() >= Math.max(1, Math.min(page.pageSize(), PAGE_SIZE));
  }

  /**
   * The page {@code query} asks for, taken from the folder's newest page as upstream last gave it,
   * when that page alone decides it: a {@code since} later than its oldest notification (nothing
   * older can match), or enough matching notifications on it to fill the page asked for. Empty when
   * older notifications, which the copy does not hold, could be on it.
   *
   * @param newest the newest page's notifications as stored now, newest first
   */
  public Optional<List<StoredNotification>> fromNewestPage(
      List<StoredNotification> newest, NotificationQuery query) {
    Set<Integer> types = query.filterOrAll().types();
    List<StoredNotification> matching = new ArrayList<>(newest.size());
    long oldestSent = Long.MAX_VALUE;
    for (StoredNotification notification : newest) {
      oldestSent = Math.min(oldestSent, notification.sent());
      if ((types == null || types.contains(notification.type()))
          && (query.since() == null || notification.sent() >= query.since())) {
        matching.add(notification);
      }
    }
    boolean sinceDecides = query.since() != null && query.since() > oldestSent;
    long end = (long) query.skip() + PAGE_SIZE;
    if (!sinceDecides && matching.size() < end) {
      return Optional.empty();
    }
    int from = Math.min(query.skip(), matching.size());
    return Optional.of(List.copyOf(matching.subList(from, (int) Math.min(end, matching.size()))));
  }

  /** Whole seconds until {@code millis} have passed, at least 1: a {@code Retry-After}. */
  static long retryAfterSeconds(long millis) {
    return Math.max(1, (millis + 999) / 1000);
  }
}
