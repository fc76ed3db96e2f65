package org.tradewatch.core.watch;

import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A trader's watches: created, read, changed and deleted for their owner alone, at most {@link
 * Watch#MAX_PER_ACCOUNT} each, and handed to this instance's {@link WatchBook} as soon as they are
 * stored (other instances of a cluster follow the store's {@link WatchStore#version}).
 *
 * <p>An id that is not one, or names another account's watch, is answered as no watch at all, so
 * that nobody learns which ids exist.
 */
public final class WatchService {

  private final WatchStore store;
  private final WatchBook book;
  private final Clock clock;

  public WatchService(WatchStore store, WatchBook book, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.book = Objects.requireNonNull(book, "book");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates a watch from its JSON.
   *
   * @throws InvalidWatchException naming every bad field
   * @throws WatchLimitException when the owner has {@link Watch#MAX_PER_ACCOUNT} watches
   */
  public Watch create(String owner, JsonValue body) {
    WatchParameters.Input input = WatchParameters.read(body);
    Instant now = now();
    Watch watch = new Watch(Ids.random(), owner, input.terms(), input.paused(), now, now);
    if (!store.create(watch, Watch.MAX_PER_ACCOUNT)) {
      throw new WatchLimitException(Watch.MAX_PER_ACCOUNT);
    }
    book.put(watch);
    return watch;
  }

  /** The owner's watches, oldest first. */
  public List<Watch> list(String owner) {
    return store.list(owner);
  }

  /** The owner's watch with this id. */
  public Optional<Watch> find(String owner, String id) {
    return Ids.valid(id) ? store.find(owner, id) : Optional.empty();
  }

  /**
   * Replaces the owner's watch whole with the one {@code body} describes.
   *
   * @return the watch as it is now, or empty when the owner has no such watch
   * @throws InvalidWatchException naming every bad field
   */
  public Optional<Watch> replace(String owner, String id, JsonValue body) {
    Optional<Watch> current = find(owner, id);
    if (current.isEmpty()) {
      return current;
    }
    return save(current.get(), WatchParameters.read(body));
  }

  /**
   * Changes the fields of the owner's watch that {@code body} gives ({@link
   * WatchParameters#patch}).
   *
   * @return the watch as it is now, or empty when the owner has no such watch
   * @throws InvalidWatchException naming every bad field
   */
  public Optional<Watch> patch(String owner, String id, JsonValue body) {
    Optional<Watch> current = find(owner, id);
    if (current.isEmpty()) {
      return current;
    }
    return save(current.get(), WatchParameters.patch(current.get(), body));
  }

  private Optional<Watch> save(Watch current, WatchParameters.Input input) {
    Watch changed = current.changed(input.terms(), input.paused(), now());
    if (!store.update(changed)) {
      return Optional.empty();
    }
    book.put(changed);
    return Optional.of(changed);
  }

  /**
   * Deletes the owner's watch; its alerts stay until they are deleted or expire.
   *
   * @return false when the owner has no such watch
   */
  public boolean delete(String owner, String id) {
    if (!Ids.valid(id) || !store.delete(owner, id)) {
      return false;
    }
    book.remove(id);
    return true;
  }

  /** Times as the store keeps them: to the microsecond. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
