package org.tradewatch.core.watch;

import java.time.Instant;
import java.util.Objects;

/**
 * A trader's watch.
 *
 * @param id its id ({@link Ids}), unique among all watches
 * @param owner the key of the account it belongs to
 * @param terms what it looks for
 * @param paused whether it is paused: a paused watch matches nothing, and keeps what it knew
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record Watch(
    String id,
    String owner,
    WatchTerms terms,
    boolean paused,
    Instant createdAt,
    Instant updatedAt) {

  /** The most watches an account keeps. */
  public static final int MAX_PER_ACCOUNT = 100;

  public Watch {
    Ids.require(id, "watch id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(terms, "terms");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (owner.isEmpty()) {
      throw new IllegalArgumentException("a watch has an owner");
    }
  }

  /** This watch with other terms and pause, changed at {@code at}. */
  public Watch changed(WatchTerms terms, boolean paused, Instant at) {
    return new Watch(id, owner, terms, paused, createdAt, at);
  }
}
