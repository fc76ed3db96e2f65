package org.tradewatch.web.watch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tradewatch.core.watch.Alert;

/**
 * Every open alerts socket of this instance, by account, and the delivery of new alerts to them:
 * those this instance raised ({@link AlertsRaised}), and those another instance of the cluster
 * raised and shared over the data grid ({@link AlertCluster}). A message is {@code {"event":
 * "alert", "data": <the alert as GET /api/alerts/{id} has it>, "ts": <epoch millis>}}.
 */
@ApplicationScoped
public class AlertSockets {

  private static final JsonProvider JSON = JsonProvider.provider();

  @Inject AlertCluster cluster;

  private final Map<String, Set<AlertSubscriber>> byOwner = new ConcurrentHashMap<>();

  void add(AlertSubscriber subscriber) {
    byOwner
        .computeIfAbsent(subscriber.owner(), owner -> ConcurrentHashMap.newKeySet())
        .add(subscriber);
  }

  void remove(AlertSubscriber subscriber) {
    byOwner.computeIfPresent(
        subscriber.owner(),
        (owner, subscribers) -> {
          subscribers.remove(subscriber);
          return subscribers.isEmpty() ? null : subscribers;
        });
  }

  /** How many sockets are open here, for all accounts. */
  public int open() {
    return byOwner.values().stream().mapToInt(Set::size).sum();
  }

  /** Alerts this instance raised: to its own sockets, and to the other instances. */
  void onRaised(@Observes AlertsRaised raised) {
    // An alert's JSON is written only for a socket here or an instance to share it with: most
    // owners have no page open, and a broad watch can raise thousands a second.
    boolean sharing = cluster.sharing();
    JsonArrayBuilder shared = sharing ? JSON.createArrayBuilder() : null;
    for (Alert alert : raised.alerts()) {
      Set<AlertSubscriber> here = byOwner.get(alert.owner());
      if (!sharing && (here == null || here.isEmpty())) {
        continue;
      }
      JsonObject data = WatchJson.alert(alert).build();
      deliver(alert.owner(), data);
      if (sharing) {
        shared.add(JSON.createObjectBuilder().add("owner", alert.owner()).add("data", data));
      }
    }
    if (sharing) {
      cluster.share(shared.build().toString());
    }
  }

  /** Alerts another instance raised, as {@link AlertCluster} received them. */
  void onShared(List<JsonObject> alerts) {
    for (JsonObject alert : alerts) {
      deliver(alert.getString("owner"), alert.getJsonObject("data"));
    }
  }

  private void deliver(String owner, JsonValue data) {
    Set<AlertSubscriber> subscribers = byOwner.get(owner);
    if (subscribers == null || subscribers.isEmpty()) {
      return;
    }
    String message = message("alert", data);
    for (AlertSubscriber subscriber : subscribers) {
      subscriber.offer(message);
    }
  }

  static String message(String event, JsonValue data) {
    return JSON.createObjectBuilder()
        .add("event", event)
        .add("data", data)
        .add("ts", System.currentTimeMillis())
        .build()
        .toString();
  }
}
