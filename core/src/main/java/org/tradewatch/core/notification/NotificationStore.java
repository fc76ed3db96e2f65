package org.tradewatch.core.notification;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The stored copies of each token's folders, keyed by the token's hash. */
public interface NotificationStore {

  /**
   * When upstream last answered a search for this token and the version of its copy; empty when no
   * search was ever stored for it. Every other method that writes for the token changes the version
   * in the same transaction.
   */
  Optional<TokenState> tokenState(TokenHash token);

  Optional<FolderCopy> folder(TokenHash token, NotificationFolder folder);

  /**
   * Claims the token's next upstream search, so that every instance sharing the database searches
   * upstream at most once per window between them: true when no search was stored and no claim made
   * within {@code windowMillis} before {@code nowMillis}, false when one was (another instance is
   * searching, or just did). A stored search ({@link #saveSearch}) fulfils the claim.
   */
  boolean claimSearch(TokenHash token, long nowMillis, long windowMillis);

  /** Gives back a claim made at {@code claimedAtMillis} whose search failed. */
  void releaseClaim(TokenHash token, long claimedAtMillis);

  /**
   * Stores upstream's search answer for the folder, at {@code atMillis}. With {@code replace} the
   * page is the folder's newest page, unfiltered, and replaces what was stored; otherwise its
   * notifications are added or updated.
   */
  void saveSearch(
      TokenHash token,
      NotificationFolder folder,
      UpstreamPage page,
      boolean replace,
      long atMillis);

  /**
   * Stored notifications of the folder, newest first ({@code sent}, then id, descending): of {@code
   * types} (null for all), sent at or after {@code since} (null for any), after skipping {@code
   * skip}, at most {@code limit}.
   */
  List<StoredNotification> page(
      TokenHash token,
      NotificationFolder folder,
      Set<Integer> types,
      Long since,
      int skip,
      int limit);

  /** Upstream marked the folder read. */
  void markedRead(TokenHash token, NotificationFolder folder);

  /** Upstream emptied the folder. */
  void emptied(TokenHash token, NotificationFolder folder);

  /** Upstream deleted {@code modified} of these ids. */
  void deleted(TokenHash token, Collection<String> ids, long modified);
}
