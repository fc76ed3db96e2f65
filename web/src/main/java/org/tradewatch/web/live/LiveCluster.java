package org.tradewatch.web.live;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.tradewatch.core.ingest.IngestResult;
import org.tradewatch.core.listing.Source;

/**
 * Tells the other instances of a cluster, over a topic of Payara's data grid (Hazelcast), that a
 * source's log grew: the instance running the source's consumer announces each committed
 * transaction, and every other instance reads the new log rows from the shared database into its
 * own market model, which hands the changes to its live subscribers (it observes {@link
 * ChangeAnnounced}). Only the source's name travels, so a lost or late announcement costs nothing
 * but time: the next one, or the model's periodic tail, reads the same rows in log order.
 *
 * <p>Without a data grid (Payara Micro's {@code --noHazelcast}, or a server without one) or alone
 * in it, nothing is announced and live deltas stay on this instance, which is all a single instance
 * needs.
 */
@ApplicationScoped
public class LiveCluster {

  static final String TOPIC = "tradewatch.live.changes";
  private static final String JNDI_NAME = "payara/Hazelcast";
  private static final Logger LOG = Logger.getLogger(LiveCluster.class.getName());

  @Inject Event<ChangeAnnounced> announced;

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

  /** Announces that one ingest transaction of the source committed, to the other instances. */
  public void announce(IngestResult result, Source source) {
    // Per transaction on the applier thread: alone, an instance builds nothing.
    if (result.changes().isEmpty()) {
      return;
    }
    announce(source);
  }

  /** Announces that the source's log grew. */
  public void announce(Source source) {
    ITopic<String> changes = topic;
    if (changes == null || !shared()) {
      return;
    }
    try {
      changes.publish(source.id());
    } catch (RuntimeException e) {
      // The log has the change; other instances' models catch up at their next tail.
      LOG.log(Level.FINE, "could not announce a change of " + source, e);
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
    if (from != null && from.localMember()) {
      return;
    }
    try {
      announced.fire(new ChangeAnnounced(Source.fromId(message.getMessageObject())));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not catch up with the changes another instance announced", e);
    }
  }
}
