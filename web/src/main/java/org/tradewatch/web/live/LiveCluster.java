package org.tradewatch.web.live;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.tradewatch.core.ingest.IngestResult;
import org.tradewatch.core.ingest.Tombstone;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingReader;
import org.tradewatch.core.listing.Source;

/**
 * Carries live deltas between the instances of a cluster, over a topic of Payara's data grid
 * (Hazelcast): the instance running a source's consumer announces the keys each transaction
 * changed, and every other instance reads those listings back from the shared database and hands
 * them to its own live subscribers. Only keys travel, so a message stays small and the listings a
 * browser sees are exactly what the database holds; reading back after the commit also means an
 * announcement can never show a change the database does not have.
 *
 * <p>Without a data grid (Payara Micro's {@code --noHazelcast}, or a server without one) or alone
 * in it, nothing is announced and live deltas stay on this instance, which is all a single instance
 * needs.
 */
@ApplicationScoped
public class LiveCluster {

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  static final String TOPIC = "tradewatch.live.changes";
  private static final String JNDI_NAME = "payara/Hazelcast";
  private static final Logger LOG = Logger.getLogger(LiveCluster.class.getName());

  @Inject LiveHub hub;
  @Inject ListingReader reader;

  private volatile HazelcastInstance grid;
  private volatile ITopic<String> topic;
  private UUID registration;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    HazelcastInstance found = lookUp();
    if (found == null) {
      LOG.info("No data grid: live deltas reach this instance's subscribers only");
      return;
    }
    ITopic<String> changes = found.getTopic(TOPIC);
    registration = changes.addMessageListener(this::onMessage);
    grid = found;
    topic = changes;
    LOG.info(
        () ->
            "Live deltas shared over the data grid ("
                + found.getCluster().getMembers().size()
                + " members now)");
  }

  private static HazelcastInstance lookUp() {
    try {
      Object bound = new InitialContext().lookup(JNDI_NAME);
      if (bound instanceof HazelcastInstance instance
          && instance.getLifecycleService().isRunning()) {
        return instance;
      }
    } catch (NamingException | RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "no data grid at " + JNDI_NAME, e);
    }
    return null;
  }

  void onShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
    ITopic<String> changes = topic;
    topic = null;
    if (changes != null && registration != null) {
      try {
        changes.removeMessageListener(registration);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "the data grid stopped first", e);
      }
    }
  }

  /** Announces what one ingest transaction changed to the other instances. */
  public void announce(IngestResult result) {
    // Per transaction on the applier thread: alone, an instance builds nothing.
    if (!shared() || (result.writes().isEmpty() && result.tombstones().isEmpty())) {
      return;
    }
    List<ListingKey> keys = new ArrayList<>(result.writes().size() + result.tombstones().size());
    for (Listing listing : result.writes()) {
      keys.add(listing.key());
    }
    for (Tombstone tombstone : result.tombstones()) {
      keys.add(tombstone.key());
    }
    announce(keys);
  }

  /** Announces listings changed outside an ingest (a snapshot's sweep). */
  public void announce(Collection<ListingKey> keys) {
    ITopic<String> changes = topic;
    if (keys.isEmpty() || changes == null || !shared()) {
      return;
    }
    try {
      changes.publish(encode(keys));
    } catch (RuntimeException e) {
      // The store has the change; only other instances' live views miss it until their next read.
      LOG.log(Level.WARNING, "could not announce " + keys.size() + " changed listings", e);
    }
  }

  /** Whether another instance is there to hear an announcement. */
  private boolean shared() {
    HazelcastInstance current = grid;
    return topic != null && current != null && current.getCluster().getMembers().size() > 1;
  }

  /** Runs on the grid's event thread, one message after another, so deltas keep their order. */
  private void onMessage(Message<String> message) {
    Member from = message.getPublishingMember();
    if ((from != null && from.localMember()) || hub.subscriberCount() == 0) {
      return;
    }
    try {
      hub.publishStored(reader.findAll(decode(message.getMessageObject())));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not pass on the changes another instance announced", e);
    }
  }

  /** {@code [["bptf","440_1"],...]}: ids are the upstreams' and may hold any character. */
  static String encode(Collection<ListingKey> keys) {
    JsonArrayBuilder array = JSON.createArrayBuilder();
    for (ListingKey key : keys) {
      array.add(JSON.createArrayBuilder().add(key.source().id()).add(key.id()));
    }
    return array.build().toString();
  }

  static List<ListingKey> decode(String text) {
    try (JsonReader json = JSON.createReader(new StringReader(text))) {
      JsonArray array = json.readArray();
      List<ListingKey> keys = new ArrayList<>(array.size());
      for (JsonValue value : array) {
        JsonArray pair = value.asJsonArray();
        keys.add(
            new ListingKey(
                Source.fromId(((JsonString) pair.get(0)).getString()),
                ((JsonString) pair.get(1)).getString()));
      }
      return keys;
    }
  }
}
