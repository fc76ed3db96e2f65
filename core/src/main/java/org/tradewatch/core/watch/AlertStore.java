package org.tradewatch.core.watch;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where alerts are kept. Every call that names an owner is limited to that owner's alerts.
 * Implementations are thread-safe.
 */
public interface AlertStore {

  /**
   * Stores new alerts, in one transaction, but those of watches that are no longer stored (deleted
   * since they matched, or with their account): an alert is never stored for a watch its owner
   * deleted, nor for an account that is gone, whose name someone else may register next.
   *
   * @return the alerts stored
   */
  List<Alert> add(List<Alert> alerts);

  /**
   * The owner's alerts, newest first (by {@link Alert#at}, then by id).
   *
   * @param unreadOnly only the unread ones
   * @param skip how many of the newest to leave out
   * @param limit the most to return
   */
  AlertPage list(String owner, boolean unreadOnly, int skip, int limit);

  /** The owner's alert with this id. */
  Optional<Alert> find(String owner, String id);

  /**
   * Marks the owner's alerts with these ids read (or unread).
   *
   * @return how many of them changed
   */
  int markRead(String owner, Collection<String> ids, boolean read);

  /**
   * Marks every alert of the owner read.
   *
   * @return how many were unread
   */
  int markAllRead(String owner);

  /**
   * Deletes the owner's alerts with these ids.
   *
   * @return how many were deleted
   */
  int delete(String owner, Collection<String> ids);

  /**
   * Deletes every alert of the owner.
   *
   * @return how many were deleted
   */
  int deleteAll(String owner);

  /** How many alerts of the owner each of their watches raised at or after {@code since}. */
  Map<String, Long> countsByWatch(String owner, Instant since);

  /**
   * Deletes every alert older than {@code before}, whoever owns it.
   *
   * @return how many were deleted
   */
  int purge(Instant before);
}
