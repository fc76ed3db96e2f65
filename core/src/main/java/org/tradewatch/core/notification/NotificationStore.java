package org.tradewatch.core.notification;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The stored copies of each token's folders, keyed by the token's hash.
 *
 * <p>A folder's copy is complete when it holds every notification of the folder: it then answers
 * any query by itself. Otherwise it holds the pages upstream gave for particular queries ({@link
 * #heldPage}), and only the notifications on them.
 */
public interface NotificationStore {

  /**
   * When upstream last answered a search for this token and the version of its copy; empty when no
   * search was ever stored for it. Every method that writes for the token changes the version in
   * the same transaction.
   */
  Optional<TokenState> tokenState(TokenHash token);

  Optional<FolderCopy> folder(TokenHash token, NotificationFolder folder);

  /**
   * Claims the token's next polling search, so that every instance sharing the database searches
   * upstream at most once per window between them: true when no search was stored and no claim made
   * within {@code windowMillis} before {@code nowMillis}, false when one was (another instance is
   * searching, or just did). A stored search fulfils the claim.
   */
  boolean claimSearch(TokenHash token, long nowMillis, long windowMillis);

  /** Gives back a claim made at {@code claimedAtMillis} whose search failed. */
  void releaseClaim(TokenHash token, long claimedAtMillis);

  /**
   * Claims a page load (an upstream search for a page the copy does not hold): true when none was
   * claimed within {@code intervalMillis} before {@code nowMillis}.
   */
  boolean claimPageLoad(TokenHash token, long nowMillis, long intervalMillis);

  /**
   * Stores the folder's newest page, unfiltered, which upstream gave at {@code atMillis} with every
   * notification of the folder on it: the copy is complete and holds exactly these.
   */
  void saveWholeFolder(
      TokenHash token, NotificationFolder folder, NotificationPage page, long atMillis);

  /**
   * Stores upstream's answer to {@code query} (normalized), given at {@code atMillis}, as a page
   * the copy holds; the copy is not complete. A page held before for the same query is replaced,
   * and notifications no held page of the folder shows any more are forgotten.
   */
  void saveHeldPage(TokenHash token, NotificationQuery query, NotificationPage page, long atMillis);

  /**
   * Adds what a complete copy's {@code since} refresh gave at {@code atMillis}. The copy stays
   * complete while it holds as many notifications as upstream counts.
   */
  void saveRefresh(
      TokenHash token, NotificationFolder folder, NotificationPage page, long atMillis);

  /**
   * Stored notifications of a complete folder, newest first ({@code sent}, then id, descending): of
   * {@code types} (null for all), sent at or after {@code since} (null for any), after skipping
   * {@code skip}, at most {@code limit}.
   */
  List<StoredNotification> page(
      TokenHash token,
      NotificationFolder folder,
      Set<Integer> types,
      Long since,
      int skip,
      int limit);

  /** The page held for {@code query} (normalized), or empty when upstream never gave one. */
  Optional<HeldPage> heldPage(TokenHash token, NotificationQuery query);

  /** Upstream marked the folder read. */
  void markedRead(TokenHash token, NotificationFolder folder);

  /** Upstream emptied the folder. */
  void emptied(TokenHash token, NotificationFolder folder);

  /**
   * Upstream deleted {@code modified} of these ids. When it deleted more than the copy held, the
   * copy is no longer complete, and the token's next search goes upstream.
   */
  void deleted(TokenHash token, Collection<String> ids, long modified);

  /**
   * Forgets the token's copy: every notification, held page and folder stored for it. When upstream
   * last answered and the claims stay, so the polling budgets still count the searches made before
   * (forgetting must not let the token be searched again at once); the copy's version changes.
   */
  void forget(TokenHash token);
}
