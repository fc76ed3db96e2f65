package org.tradewatch.web.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.tradewatch.core.ingest.IngestResult;
import org.tradewatch.core.ingest.Tombstone;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.web.listing.ListingJson;

/**
 * Turns every applied ingest result into deltas and hands each subscriber those that concern it.
 *
 * <p>Publishing runs on a stream's applier thread, so it must never wait for a client: each delta's
 * JSON is built once, filters are evaluated in memory, and sends are asynchronous; a subscriber
 * that falls too far behind is dropped by its own send queue (see {@link LiveSubscriber}).
 */
@ApplicationScoped
public class LiveHub {

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  private static final Logger LOG = Logger.getLogger(LiveHub.class.getName());

  private final Set<LiveSubscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final Clock clock = Clock.systemUTC();

  public void subscribe(LiveSubscriber subscriber) {
    subscribers.add(subscriber);
  }

  public void unsubscribe(LiveSubscriber subscriber) {
    subscribers.remove(subscriber);
  }

  public int subscriberCount() {
    return subscribers.size();
  }

  /** One listing's change, with its JSON built once for every subscriber. */
  record Delta(ListingKey key, Listing listing, String upsertJson, String removeJson) {}

  /** Publishes what one ingest transaction changed. */
  public void publish(IngestResult result) {
    if (subscribers.isEmpty() || (result.writes().isEmpty() && result.tombstones().isEmpty())) {
      return;
    }
    long ts = clock.millis();
    List<Delta> deltas = new ArrayList<>(result.writes().size() + result.tombstones().size());
    for (Listing listing : result.writes()) {
      deltas.add(delta(listing, ts));
    }
    for (Tombstone tombstone : result.tombstones()) {
      deltas.add(
          new Delta(
              tombstone.key(),
              null,
              null,
              message(
                  "listing.remove",
                  JSON.createObjectBuilder()
                      .add("source", tombstone.key().source().id())
                      .add("id", tombstone.key().id())
                      .add("deletedAt", tombstone.deletedAt().toString())
                      .build(),
                  ts)));
    }
    deliver(deltas);
  }

  /**
   * Publishes listings as they are stored now, deleted or not: what another instance of the cluster
   * applied (see {@link LiveCluster}).
   */
  public void publishStored(List<Listing> listings) {
    if (subscribers.isEmpty() || listings.isEmpty()) {
      return;
    }
    long ts = clock.millis();
    List<Delta> deltas = new ArrayList<>(listings.size());
    for (Listing listing : listings) {
      deltas.add(delta(listing, ts));
    }
    deliver(deltas);
  }

  private static Delta delta(Listing listing, long ts) {
    String remove = removal(listing.key(), listing.deletedAt() == null ? null : listing, ts);
    String upsert =
        listing.deleted()
            ? null
            : message("listing.upsert", ListingJson.summary(listing).build(), ts);
    return new Delta(listing.key(), listing, upsert, remove);
  }

  private void deliver(List<Delta> deltas) {
    for (LiveSubscriber subscriber : subscribers) {
      try {
        subscriber.offer(deltas);
        if (subscriber.dropped()) {
          subscribers.remove(subscriber);
        }
      } catch (RuntimeException e) {
        LOG.fine(() -> "Dropping a live subscriber that failed: " + e);
        subscribers.remove(subscriber);
      }
    }
  }

  /** Publishes listings deleted outside an ingest (a snapshot's sweep of vanished listings). */
  public void publishRemovals(List<ListingKey> keys, java.time.Instant deletedAt) {
    if (subscribers.isEmpty() || keys.isEmpty()) {
      return;
    }
    long ts = clock.millis();
    List<Delta> deltas = new ArrayList<>(keys.size());
    for (ListingKey key : keys) {
      deltas.add(
          new Delta(
              key,
              null,
              null,
              message(
                  "listing.remove",
                  JSON.createObjectBuilder()
                      .add("source", key.source().id())
                      .add("id", key.id())
                      .add("deletedAt", deletedAt.toString())
                      .build(),
                  ts)));
    }
    deliver(deltas);
  }

  private static String removal(ListingKey key, Listing deleted, long ts) {
    var data = JSON.createObjectBuilder().add("source", key.source().id()).add("id", key.id());
    if (deleted != null) {
      data.add("deletedAt", deleted.deletedAt().toString());
    } else {
      data.addNull("deletedAt");
    }
    return message("listing.remove", data.build(), ts);
  }

  static String message(String event, JsonObject data, long ts) {
    return JSON.createObjectBuilder()
        .add("event", event)
        .add("data", data)
        .add("ts", ts)
        .build()
        .toString();
  }
}
