package org.tradewatch.core.webhook;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where webhooks, their pending deliveries and the delivery log are kept. Every call that names an
 * owner is limited to that owner's. Implementations are thread-safe.
 */
public interface WebhookStore {

  /** The owner's webhook. */
  Optional<Webhook> find(String owner);

  /** The webhooks of those of {@code owners} that have one, by owner. */
  Map<String, Webhook> findAll(Collection<String> owners);

  /** Keeps the owner's webhook, replacing the one they had. */
  void put(Webhook webhook);

  /**
   * Deletes the owner's webhook and the deliveries still pending for it; the log stays until it
   * ages out.
   *
   * @return whether they had one
   */
  boolean delete(String owner);

  /** Stores new deliveries, in one transaction. */
  void add(List<Delivery> deliveries);

  /**
   * Stores a delivery as it is now and, in the same transaction, its line in the log; a delivery
   * that is no longer stored (its webhook was removed) stays gone.
   */
  void record(Delivery delivery, Attempt attempt);

  /** A delivery as it is after an attempt, and the attempt's line in the log. */
  record Recorded(Delivery delivery, Attempt attempt) {
    public Recorded {
      Objects.requireNonNull(delivery, "delivery");
      Objects.requireNonNull(attempt, "attempt");
    }
  }

  /**
   * Stores new deliveries, then what attempts made of deliveries, in that order and in one
   * transaction: what {@link #add} and {@link #record} do one by one, for many at once. A new
   * delivery whose owner no longer has a webhook (it was removed meanwhile) is not stored.
   */
  void write(List<Delivery> added, List<Recorded> recorded);

  /**
   * Takes up to {@code limit} pending deliveries that no instance holds (their claim ran out before
   * {@code now}), holding them until {@code until}: those a stopped or restarted instance left.
   * Each is taken by one caller only, however many ask at once.
   */
  List<Delivery> claim(Instant now, Instant until, int limit);

  /**
   * Holds these pending deliveries until {@code until}: the instance that has them in hand says so
   * before their claim runs out, so no other instance takes them up meanwhile.
   */
  void extend(Collection<String> ids, Instant until);

  /** The owner's last {@code limit} log lines, newest first. */
  List<Attempt> log(String owner, int limit);

  /** How many of the owner's deliveries are pending. */
  long pending(String owner);

  /**
   * Deletes log lines, and deliveries no longer pending, older than {@code before}.
   *
   * @return how many rows went
   */
  int purge(Instant before);
}
