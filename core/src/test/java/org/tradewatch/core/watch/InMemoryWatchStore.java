package org.tradewatch.core.watch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Watches in a map, for tests of the rules above the store. */
final class InMemoryWatchStore implements WatchStore {

  private final Map<String, Watch> watches = new LinkedHashMap<>();
  private final Set<String> accounts;
  private long version;

  InMemoryWatchStore(Set<String> accounts) {
    this.accounts = accounts;
  }

  @Override
  public synchronized boolean create(Watch watch, int limit) {
    if (!accounts.contains(watch.owner())) {
      throw new IllegalArgumentException("no account " + watch.owner());
    }
    if (list(watch.owner()).size() >= limit) {
      return false;
    }
    watches.put(watch.id(), watch);
    version++;
    return true;
  }

  @Override
  public synchronized List<Watch> list(String owner) {
    return watches.values().stream().filter(watch -> watch.owner().equals(owner)).toList();
  }

  @Override
  public synchronized Optional<Watch> find(String owner, String id) {
    return Optional.ofNullable(watches.get(id)).filter(watch -> watch.owner().equals(owner));
  }

  @Override
  public synchronized boolean update(Watch watch) {
    if (find(watch.owner(), watch.id()).isEmpty()) {
      return false;
    }
    watches.put(watch.id(), watch);
    version++;
    return true;
  }

  @Override
  public synchronized boolean delete(String owner, String id) {
    if (find(owner, id).isEmpty()) {
      return false;
    }
    watches.remove(id);
    version++;
    return true;
  }

  @Override
  public synchronized List<Watch> all() {
    return new ArrayList<>(watches.values());
  }

  @Override
  public synchronized long version() {
    return version;
  }
}
