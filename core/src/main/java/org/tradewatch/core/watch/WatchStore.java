package org.tradewatch.core.watch;

import java.util.List;
import java.util.Optional;

/**
 * Where watches are kept. Every call that names an owner is limited to that owner's watches: a
 * watch of another account is not found, not changed and not deleted. Implementations are
 * thread-safe.
 */
public interface WatchStore {

  /**
   * Stores a new watch, unless its owner has {@code limit} watches already; the count and the
   * insert are one step, so two at once cannot both take the last place.
   *
   * @return false when the owner has {@code limit} watches; nothing is stored then
   * @throws IllegalArgumentException when the owner has no account
   */
  boolean create(Watch watch, int limit);

  /** The owner's watches, oldest first. */
  List<Watch> list(String owner);

  /** The owner's watch with this id. */
  Optional<Watch> find(String owner, String id);

  /**
   * Replaces the owner's watch that has the id of {@code watch} with it.
   *
   * @return false when the owner has no such watch; nothing is changed then
   */
  boolean update(Watch watch);

  /**
   * Deletes the owner's watch with this id.
   *
   * @return false when the owner has no such watch
   */
  boolean delete(String owner, String id);

  /** Every watch of every account: what the matching holds. */
  List<Watch> all();

  /**
   * A number that changes whenever any watch is created, changed or deleted (an account deleted
   * with its watches included): an instance that read {@link #all} when it was {@code v} has all of
   * them while it is still {@code v}.
   */
  long version();
}
