package org.tradewatch.core.watch;

import java.time.Instant;
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

/** Alerts in a map, for tests of what stores them. */
class InMemoryAlertStore implements AlertStore {

  private final Map<String, Alert> alerts = new LinkedHashMap<>();

  @Override
  public synchronized List<Alert> add(List<Alert> added) {
    for (Alert alert : added) {
      alerts.put(alert.id(), alert);
    }
    return List.copyOf(added);
  }

  @Override
  public synchronized AlertPage list(String owner, boolean unreadOnly, int skip, int limit) {
    List<Alert> owned =
        alerts.values().stream()
            .filter(alert -> alert.owner().equals(owner))
            .sorted(Comparator.comparing(Alert::at).thenComparing(Alert::id).reversed())
            .toList();
    List<Alert> asked = owned.stream().filter(alert -> !unreadOnly || !alert.read()).toList();
    return new AlertPage(
        asked.stream().skip(skip).limit(limit).toList(),
        asked.size(),
        owned.stream().filter(alert -> !alert.read()).count());
  }

  @Override
  public synchronized Optional<Alert> find(String owner, String id) {
    return Optional.ofNullable(alerts.get(id)).filter(alert -> alert.owner().equals(owner));
  }

  @Override
  public synchronized int markRead(String owner, Collection<String> ids, boolean read) {
    int changed = 0;
    for (String id : new HashSet<>(ids)) {
      Alert alert = find(owner, id).orElse(null);
      if (alert != null && alert.read() != read) {
        alerts.put(id, alert.withRead(read));
        changed++;
      }
    }
    return changed;
  }

  @Override
  public synchronized int markAllRead(String owner) {
    List<String> ids = new ArrayList<>();
    alerts.values().stream().filter(a -> a.owner().equals(owner)).forEach(a -> ids.add(a.id()));
    return markRead(owner, ids, true);
  }

  @Override
  public synchronized int delete(String owner, Collection<String> ids) {
    int deleted = 0;
    for (String id : new HashSet<>(ids)) {
      if (find(owner, id).isPresent()) {
        alerts.remove(id);
        deleted++;
      }
    }
    return deleted;
  }

  @Override
  public synchronized int deleteAll(String owner) {
    Set<String> ids = new HashSet<>();
    alerts.values().stream().filter(a -> a.owner().equals(owner)).forEach(a -> ids.add(a.id()));
    return delete(owner, ids);
  }

  @Override
  public synchronized Map<String, Long> countsByWatch(String owner, Instant since) {
    Map<String, Long> counts = new HashMap<>();
    alerts.values().stream()
        .filter(alert -> alert.owner().equals(owner) && !alert.at().isBefore(since))
        .forEach(alert -> counts.merge(alert.watchId(), 1L, Long::sum));
    return counts;
  }

  @Override
  public synchronized int purge(Instant before) {
    int before0 = alerts.size();
    alerts.values().removeIf(alert -> alert.at().isBefore(before));
    return before0 - alerts.size();
  }

  synchronized List<Alert> all() {
    return List.copyOf(alerts.values());
  }
}
