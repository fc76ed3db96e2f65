package org.tradewatch.persistence.webhook;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tradewatch.core.webhook.Attempt;
import org.tradewatch.core.webhook.Delivery;
import org.tradewatch.core.webhook.Webhook;
import org.tradewatch.core.webhook.WebhookStore;
import org.tradewatch.persistence.InClause;
import org.tradewatch.persistence.Transactions;

/** Webhooks, deliveries and the delivery log in JPA. Thread-safe: an entity manager per call. */
public final class JpaWebhookStore implements WebhookStore {

  private static final String PENDING = Delivery.State.PENDING.id();

  private final EntityManagerFactory factory;

  public JpaWebhookStore(EntityManagerFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  @Override
  public Optional<Webhook> find(String owner) {
    Objects.requireNonNull(owner, "owner");
    return Transactions.read(
        factory,
        em ->
            Optional.ofNullable(em.find(WebhookEntity.class, owner)).map(WebhookEntity::toWebhook));
  }

  @Override
  public Map<String, Webhook> findAll(Collection<String> owners) {
    if (owners.isEmpty()) {
      return Map.of();
    }
    return Transactions.read(
        factory,
        em -> {
          Map<String, Webhook> found = new HashMap<>();
          for (List<String> part : InClause.parts(owners)) {
            for (WebhookEntity entity :
                em.createQuery(
                        "SELECT w FROM WebhookEntity w WHERE w.owner IN :owners",
                        WebhookEntity.class)
                    .setParameter("owners", part)
                    .getResultList()) {
              found.put(entity.owner, entity.toWebhook());
            }
          }
          return found;
        });
  }

  @Override
  public void put(Webhook webhook) {
    Objects.requireNonNull(webhook, "webhook");
    Transactions.write(
        factory,
        em -> {
          WebhookEntity held = em.find(WebhookEntity.class, webhook.owner());
          if (held == null) {
            em.persist(new WebhookEntity(webhook));
          } else {
            held.url = webhook.url();
            held.secretCiphertext = webhook.secretCiphertext();
            held.secretHint = webhook.secretHint();
            held.createdAt = webhook.createdAt();
          }
          return null;
        });
  }

  @Override
  public boolean delete(String owner) {
    Objects.requireNonNull(owner, "owner");
    return Transactions.write(
        factory,
        em -> {
          em.createQuery("DELETE FROM DeliveryEntity d WHERE d.owner = :owner AND d.state = :s")
              .setParameter("owner", owner)
              .setParameter("s", PENDING)
              .executeUpdate();
          return em.createQuery("DELETE FROM WebhookEntity w WHERE w.owner = :owner")
                  .setParameter("owner", owner)
                  .executeUpdate()
              == 1;
        });
  }

  /** Deletes everything of an account that goes, in its transaction. */
  public static void forget(EntityManager em, String owner) {
    for (String entity : List.of("AttemptEntity", "DeliveryEntity", "WebhookEntity")) {
      em.createQuery("DELETE FROM " + entity + " e WHERE e.owner = :owner")
          .setParameter("owner", owner)
          .executeUpdate();
    }
  }

  @Override
  public void add(List<Delivery> deliveries) {
    if (deliveries.isEmpty()) {
      return;
    }
    Transactions.write(
        factory,
        em -> {
          for (Delivery delivery : deliveries) {
            em.persist(new DeliveryEntity(delivery));
          }
          return null;
        });
  }

  @Override
  public void record(Delivery delivery, Attempt attempt) {
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(attempt, "attempt");
    Transactions.write(
        factory,
        em -> {
          DeliveryEntity held = em.find(DeliveryEntity.class, delivery.id());
          if (held != null) {
            held.update(delivery);
          }
          em.persist(new AttemptEntity(attempt));
          return null;
        });
  }

  @Override
  public void write(List<Delivery> added, List<Recorded> recorded) {
    if (added.isEmpty() && recorded.isEmpty()) {
      return;
    }
    // A delivery attempted before its row was written goes in as the attempt left it: one insert
    // where an insert and an update were, for most deliveries (their first attempt succeeds).
    Map<String, Delivery> adding = new LinkedHashMap<>();
    added.forEach(delivery -> adding.put(delivery.id(), delivery));
    List<Recorded> updating = new ArrayList<>(recorded.size());
    for (Recorded line : recorded) {
      if (adding.containsKey(line.delivery().id())) {
        adding.put(line.delivery().id(), line.delivery());
      } else {
        updating.add(line);
      }
    }
    Transactions.write(
        factory,
        em -> {
          if (!adding.isEmpty()) {
            Set<String> hooked = new HashSet<>();
            for (List<String> part :
                InClause.parts(adding.values().stream().map(Delivery::owner).toList())) {
              hooked.addAll(
                  em.createQuery(
                          "SELECT w.owner FROM WebhookEntity w WHERE w.owner IN :owners",
                          String.class)
                      .setParameter("owners", part)
                      .getResultList());
            }
            for (Delivery delivery : adding.values()) {
              if (hooked.contains(delivery.owner())) {
                em.persist(new DeliveryEntity(delivery));
              }
            }
          }
          for (Recorded line : updating) {
            DeliveryEntity held = em.find(DeliveryEntity.class, line.delivery().id());
            if (held != null) {
              held.update(line.delivery());
            }
          }
          for (Recorded line : recorded) {
            em.persist(new AttemptEntity(line.attempt()));
          }
          return null;
        });
  }

  @Override
  public List<Delivery> claim(Instant now, Instant until, int limit) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(until, "until");
    List<DeliveryEntity> candidates =
        Transactions.read(
            factory,
            em ->
                em.createQuery(
                        "SELECT d FROM DeliveryEntity d WHERE d.state = :s AND d.claimUntil < :now"
                            + " ORDER BY d.createdAt, d.id",
                        DeliveryEntity.class)
                    .setParameter("s", PENDING)
                    .setParameter("now", now)
                    .setMaxResults(limit)
                    .getResultList());
    List<Delivery> claimed = new ArrayList<>(candidates.size());
    for (DeliveryEntity candidate : candidates) {
      // Conditional on the claim it had: of several instances sweeping at once, one wins each.
      int taken =
          Transactions.write(
              factory,
              em ->
                  em.createQuery(
                          "UPDATE DeliveryEntity d SET d.claimUntil = :until"
                              + " WHERE d.id = :id AND d.state = :s AND d.claimUntil = :was")
                      .setParameter("until", until)
                      .setParameter("id", candidate.id)
                      .setParameter("s", PENDING)
                      .setParameter("was", candidate.claimUntil)
                      .executeUpdate());
      if (taken == 1) {
        candidate.claimUntil = until;
        claimed.add(candidate.toDelivery());
      }
    }
    return claimed;
  }

  @Override
  public void extend(Collection<String> ids, Instant until) {
    Objects.requireNonNull(until, "until");
    if (ids.isEmpty()) {
      return;
    }
    Transactions.write(
        factory,
        em -> {
          for (List<String> part : InClause.parts(ids)) {
            em.createQuery(
                    "UPDATE DeliveryEntity d SET d.claimUntil = :until"
                        + " WHERE d.id IN :ids AND d.state = :s")
                .setParameter("until", until)
                .setParameter("ids", part)
                .setParameter("s", PENDING)
                .executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<Attempt> log(String owner, int limit) {
    Objects.requireNonNull(owner, "owner");
    if (limit < 1) {
      throw new IllegalArgumentException("limit is positive, was " + limit);
    }
    return Transactions.read(
        factory,
        em ->
            em
                .createQuery(
                    "SELECT a FROM AttemptEntity a WHERE a.owner = :owner"
                        + " ORDER BY a.at DESC, a.attempt DESC, a.id DESC",
                    AttemptEntity.class)
                .setParameter("owner", owner)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(AttemptEntity::toAttempt)
                .toList());
  }

  @Override
  public long pending(String owner) {
    Objects.requireNonNull(owner, "owner");
    return Transactions.read(
        factory,
        em ->
            em.createQuery(
                    "SELECT COUNT(d) FROM DeliveryEntity d WHERE d.owner = :owner AND d.state = :s",
                    Long.class)
                .setParameter("owner", owner)
                .setParameter("s", PENDING)
                .getSingleResult());
  }

  @Override
  public int purge(Instant before) {
    Objects.requireNonNull(before, "before");
    return Transactions.write(
        factory,
        em ->
            em.createQuery("DELETE FROM AttemptEntity a WHERE a.at < :before")
                    .setParameter("before", before)
                    .executeUpdate()
                + em.createQuery(
                        "DELETE FROM DeliveryEntity d WHERE d.createdAt < :before AND d.state <> :s")
                    .setParameter("before", before)
                    .setParameter("s", PENDING)
                    .executeUpdate());
  }
}
