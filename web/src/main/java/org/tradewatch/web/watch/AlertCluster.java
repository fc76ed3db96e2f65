package org.tradewatch.web.watch;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Shares the alerts this instance raised with the other instances of a cluster, over a topic of
 * Payara's data grid, so that an alert reaches its owner's sockets on whichever instance they are
 * connected to. Only the instance holding a source's ingest stores its alerts; the others deliver
 * what it shares. A lost message costs a live push only: the alert is stored, and {@code GET
 * /api/alerts} has it. Without a data grid, or alone in it, nothing is shared.
 */
@ApplicationScoped
public class AlertCluster {

  static final String TOPIC = "tradewatch.alerts";
  private static final String JNDI_NAME = "payara/Hazelcast";
  private static final Logger LOG = Logger.getLogger(AlertCluster.class.getName());
  private static final JsonProvider JSON = JsonProvider.provider();

  /** A provider: the sockets observe the raised alerts and share them through this bean. */
  @Inject Provider<AlertSockets> sockets;

  private volatile HazelcastInstance grid;
  private volatile ITopic<String> topic;
  private UUID registration;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    HazelcastInstance found = lookUp();
    if (found == null) {
      return;
    }
    ITopic<String> alerts = found.getTopic(TOPIC);
    registration = alerts.addMessageListener(this::onMessage);
    grid = found;
    topic = alerts;
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
    ITopic<String> alerts = topic;
    topic = null;
    if (alerts != null && registration != null) {
      try {
        alerts.removeMessageListener(registration);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "the data grid stopped first", e);
      }
    }
  }

  /** Whether there are other instances to share alerts with. */
  boolean sharing() {
    HazelcastInstance current = grid;
    try {
      return topic != null && current != null && current.getCluster().getMembers().size() > 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Shares raised alerts ({@code [{"owner", "data"}, ...]}) with the other instances. */
  void share(String alerts) {
    ITopic<String> shared = topic;
    HazelcastInstance current = grid;
    if (shared == null || current == null || current.getCluster().getMembers().size() < 2) {
      return;
    }
    try {
      shared.publish(alerts);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "could not share alerts with the other instances", e);
    }
  }

  private void onMessage(Message<String> message) {
    Member from = message.getPublishingMember();
    if (from != null && from.localMember()) {
      return;
    }
    try (var reader = JSON.createReader(new StringReader(message.getMessageObject()))) {
      JsonArray alerts = reader.readArray();
      sockets.get().onShared(alerts.stream().map(JsonValue::asJsonObject).toList());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not deliver the alerts another instance shared", e);
    }
  }
}
