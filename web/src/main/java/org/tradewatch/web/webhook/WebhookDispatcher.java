package org.tradewatch.web.webhook;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tradewatch.core.account.TokenCipher;
import org.tradewatch.core.watch.Alert;
import org.tradewatch.core.watch.Ids;
import org.tradewatch.core.webhook.Attempt;
import org.tradewatch.core.webhook.Delivery;
import org.tradewatch.core.webhook.RetryPolicy;
import org.tradewatch.core.webhook.Webhook;
import org.tradewatch.core.webhook.WebhookSignature;
import org.tradewatch.core.webhook.WebhookStore;
import org.tradewatch.web.watch.AlertsRaised;
import org.tradewatch.web.watch.WatchJson;

/**
 * Delivers alerts to their owners' webhooks, off the ingest's path.
 *
 * <p>The matcher's thread only offers the alerts it raised to a bounded queue (a full queue drops
 * and counts them), so a webhook never holds matching or ingest back. A thread of its own drains
 * the queue, finds which owners have a webhook (in memory: each owner's webhook is read at most
 * once every {@code tradewatch.webhooks.cache-millis}, 1,000, and at once after this instance
 * changed it), makes a pending delivery for each alert, and hands each to its owner's lane at once.
 * Only the instance that raised an alert hears of it, so each is delivered once in a cluster.
 *
 * <p>The deliveries and the log are written by a thread of their own, many in one transaction
 * ({@link WebhookStore#write}), in the order they happened: a delivery is sent without waiting for
 * its row, which is written within moments. That kept the database's commits out of the first
 * attempt's latency, and one transaction per attempt out of the database.
 *
 * <p>A lane sends at most {@code tradewatch.webhooks.max-in-flight} (10) requests at once,
 * asynchronously with the JDK's HTTP client, so a slow receiver ties up no thread and another
 * user's lane is never behind it. The client and the attempts run on {@code
 * tradewatch.webhooks.threads} (2) threads of their own: on the container's shared executor they
 * queued behind the stream's decoding, and a storm of webhook answers could slow the ingest. A lane
 * keeps at most {@code tradewatch.webhooks.max-pending} (1,000) deliveries waiting; past that the
 * oldest is dropped, logged and counted. A failed attempt (no 2xx, a timeout, a refused connection)
 * is tried again with exponential back-off and jitter ({@link RetryPolicy}) for up to an hour, then
 * given up.
 *
 * <p>Deliveries are stored, with a claim the instance renews while it holds them; a sweep at start
 * and every {@value #SWEEP_SECONDS} seconds takes up pending deliveries whose claim ran out, which
 * is what a stopped or restarted instance leaves.
 */
@ApplicationScoped
public class WebhookDispatcher {

  private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
  private static final JsonProvider JSON = JsonProvider.provider();

  static final int SWEEP_SECONDS = 20;

  /** How long a claim lasts past when its holder next means to act; renewed by each sweep. */
  static final Duration CLAIM = Duration.ofSeconds(60);

  private static final int DRAIN = 512;

  /** Rows written per transaction of the log at most. */
  private static final int WRITES = 1_000;

  /** New deliveries and attempts waiting for the writer; beyond it, the caller writes them. */
  private static final int MAX_WRITES = 50_000;

  @Inject
  @ConfigProperty(name = "tradewatch.webhooks.max-in-flight", defaultValue = "10")
  int maxInFlight;

  @Inject
  @ConfigProperty(name = "tradewatch.webhooks.max-pending", defaultValue = "1000")
  int maxPending;

  @Inject
  @ConfigProperty(name = "tradewatch.webhooks.queue-alerts", defaultValue = "10000")
  int queueAlerts;

  @Inject
  @ConfigProperty(name = "tradewatch.webhooks.timeout-millis", defaultValue = "10000")
  long timeoutMillis;

  @Inject
  @ConfigProperty(name = "tradewatch.webhooks.retry.first-delay-millis", defaultValue = "1000")
  long firstDelayMillis;

  @Inject
  @ConfigProperty(name = "tradewatch.webhooks.retry.max-delay-millis", defaultValue = "600000")
  long maxDelayMillis;

  @Inject
  @ConfigProperty(name = "tradewatch.webhooks.retry.give-up-minutes", defaultValue = "60")
  long giveUpMinutes;

  @Inject
  @ConfigProperty(name = "tradewatch.webhooks.cache-millis", defaultValue = "1000")
  long cacheMillis;

  @Inject WebhookStore store;
  @Inject TokenCipher cipher;

  @Inject
  @ConfigProperty(name = "tradewatch.webhooks.threads", defaultValue = "2")
  int threadCount;

  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedThreadFactory threads;

  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final Map<Attempt.Outcome, AtomicLong> outcomes = new EnumMap<>(Attempt.Outcome.class);
  private final AtomicLong alertsDropped = new AtomicLong();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong writesLost = new AtomicLong();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Map<String, Known> known = new ConcurrentHashMap<>();
  private final BlockingQueue<Object> writes = new ArrayBlockingQueue<>(MAX_WRITES);

  private ExecutorService executor;
  private BlockingQueue<Alert> queue;
  private RetryPolicy policy;
  private HttpClient client;
  private volatile boolean running;
  private Thread thread;
  private Thread writer;
  private ScheduledFuture<?> sweeper;

  public WebhookDispatcher() {
    for (Attempt.Outcome outcome : Attempt.Outcome.values()) {
      outcomes.put(outcome, new AtomicLong());
    }
  }

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    start();
  }

  private synchronized void start() {
    if (running) {
      return;
    }
    if (maxInFlight < 1
        || maxPending < 1
        || queueAlerts < 1
        || threadCount < 1
        || timeoutMillis < 100) {
      throw new IllegalArgumentException(
          "tradewatch.webhooks.max-in-flight, max-pending, queue-alerts and threads are 1 or more,"
              + " and timeout-millis 100 or more");
    }
    executor = Executors.newFixedThreadPool(threadCount, threads);
    policy =
        new RetryPolicy(
            Duration.ofMillis(firstDelayMillis),
            Duration.ofMillis(maxDelayMillis),
            Duration.ofMinutes(giveUpMinutes));
    queue = new ArrayBlockingQueue<>(queueAlerts);
    // Redirects are not followed: a redirect could lead to an address the URL rules refuse.
    client =
        HttpClient.newBuilder()
            .executor(executor)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofMillis(Math.min(timeoutMillis, 5_000)))
            .build();
    running = true;
    thread = threads.newThread(this::drainUntilStopped);
    thread.setName("tradewatch-webhooks");
    thread.setDaemon(true);
    thread.start();
    writer = threads.newThread(this::writeUntilStopped);
    writer.setName("tradewatch-webhook-log");
    writer.setDaemon(true);
    writer.start();
    sweeper = scheduler.scheduleWithFixedDelay(this::sweep, 0, SWEEP_SECONDS, TimeUnit.SECONDS);
  }

  /** Alerts the matcher raised: one queue insert each, on the matcher's thread. */
  void onRaised(@Observes AlertsRaised raised) {
    if (!running) {
      return;
    }
    for (Alert alert : raised.alerts()) {
      if (!queue.offer(alert)) {
        alertsDropped.incrementAndGet();
      }
    }
  }

  /**
   * Sends a test body to the owner's webhook, through the same lane, retries and log as alerts.
   *
   * @return the delivery's id, or empty when the owner has no webhook
   */
  public Optional<String> test(String owner) {
    forget(owner);
    if (webhook(owner).isEmpty()) {
      return Optional.empty();
    }
    String id = Ids.random();
    Instant now = Instant.now();
    String body =
        JSON.createObjectBuilder()
            .add("event", "test")
            .add("delivery", id)
            .add("at", now.toString())
            .add("message", "A test from Tradewatch: this webhook receives alerts.")
            .build()
            .toString();
    Delivery delivery = Delivery.pending(id, owner, null, body, now, now.plus(CLAIM));
    store.add(List.of(delivery));
    enqueue(delivery, now);
    return Optional.of(id);
  }

  private void drainUntilStopped() {
    List<Alert> batch = new ArrayList<>(DRAIN);
    while (running) {
      try {
        Alert first = queue.poll(500, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, DRAIN - 1);
        deliver(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Handing " + batch.size() + " alerts to webhooks failed", e);
      } finally {
        batch.clear();
      }
    }
  }

  /** Forgets what this instance knew of the owner's webhook: it was just changed here. */
  public void forget(String owner) {
    known.remove(owner);
  }

  /** The owner's webhook, read from the store at most once every {@code cacheMillis}. */
  private Optional<Webhook> webhook(String owner) {
    long now = System.nanoTime();
    Known held = known.get(owner);
    if (held != null && held.fresh(now, cacheMillis)) {
      return held.webhook();
    }
    Optional<Webhook> read = store.find(owner);
    known.put(owner, new Known(read, now));
    return read;
  }

  /** The webhooks of those of {@code owners} that have one; one query for those not known. */
  private Map<String, Webhook> webhooks(Set<String> owners) {
    long now = System.nanoTime();
    Map<String, Webhook> found = new HashMap<>();
    Set<String> unknown = new HashSet<>();
    for (String owner : owners) {
      Known held = known.get(owner);
      if (held != null && held.fresh(now, cacheMillis)) {
        held.webhook().ifPresent(webhook -> found.put(owner, webhook));
      } else {
        unknown.add(owner);
      }
    }
    if (!unknown.isEmpty()) {
      Map<String, Webhook> read = store.findAll(unknown);
      for (String owner : unknown) {
        Optional<Webhook> webhook = Optional.ofNullable(read.get(owner));
        known.put(owner, new Known(webhook, now));
        webhook.ifPresent(w -> found.put(owner, w));
      }
    }
    return found;
  }

  private void deliver(List<Alert> alerts) {
    Set<String> owners = new HashSet<>();
    alerts.forEach(alert -> owners.add(alert.owner()));
    Map<String, Webhook> webhooks = webhooks(owners);
    if (webhooks.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    List<Delivery> deliveries = new ArrayList<>();
    for (Alert alert : alerts) {
      if (webhooks.containsKey(alert.owner())) {
        String id = Ids.random();
        String body =
            JSON.createObjectBuilder()
                .add("event", "alert")
                .add("delivery", id)
                .add("alert", WatchJson.alert(alert))
                .build()
                .toString();
        deliveries.add(Delivery.pending(id, alert.owner(), alert.id(), body, now, now.plus(CLAIM)));
      }
    }
    for (Delivery delivery : deliveries) {
      write(delivery);
      enqueue(delivery, now);
    }
  }

  /**
   * Puts a delivery in its owner's lane, due at {@code due}, dropping the oldest over the bound.
   */
  private void enqueue(Delivery delivery, Instant due) {
    Lane lane = lanes.computeIfAbsent(delivery.owner(), Lane::new);
    List<Delivery> dropped = new ArrayList<>(0);
    synchronized (lane) {
      lane.waiting.put(
          new Order(delivery.createdAt(), sequence.incrementAndGet()), new Waiting(delivery, due));
      while (lane.waiting.size() > maxPending) {
        dropped.add(lane.waiting.pollFirstEntry().getValue().delivery());
      }
    }
    for (Delivery gone : dropped) {
      Instant now = Instant.now();
      outcomes.get(Attempt.Outcome.DROPPED).incrementAndGet();
      record(
          gone.dropped(),
          new Attempt(
              Ids.random(),
              gone.owner(),
              gone.id(),
              gone.alertId(),
              gone.attempts(),
              now,
              null,
              "dropped unsent: more than " + maxPending + " deliveries were waiting",
              Attempt.Outcome.DROPPED,
              null));
    }
    pump(lane);
  }

  /** Starts what is due in the lane, up to the in-flight bound. */
  private void pump(Lane lane) {
    List<Delivery> start = new ArrayList<>();
    synchronized (lane) {
      Instant now = Instant.now();
      var entries = lane.waiting.entrySet().iterator();
      while (lane.inFlight < maxInFlight && entries.hasNext()) {
        Waiting waiting = entries.next().getValue();
        if (!waiting.due().isAfter(now)) {
          entries.remove();
          lane.inFlight++;
          lane.flying.add(waiting.delivery().id());
          start.add(waiting.delivery());
        }
      }
    }
    for (Delivery delivery : start) {
      try {
        executor.execute(() -> attempt(lane, delivery));
      } catch (RuntimeException e) {
        // The executor refused (shutting down): the claim runs out and a sweep takes it up.
        synchronized (lane) {
          lane.inFlight--;
          lane.flying.remove(delivery.id());
        }
      }
    }
  }

  private void attempt(Lane lane, Delivery delivery) {
    Optional<Webhook> webhook;
    try {
      webhook = webhook(delivery.owner());
    } catch (RuntimeException e) {
      // Not an attempt: the database is away. Try again shortly, without counting it.
      LOG.log(Level.FINE, "reading a webhook failed", e);
      finish(lane, delivery);
      enqueue(delivery, Instant.now().plusSeconds(5));
      return;
    }
    if (webhook.isEmpty()) {
      // Removed meanwhile: its pending deliveries went with it.
      finish(lane, delivery);
      return;
    }
    HttpRequest request;
    try {
      String secret =
          cipher.decrypt(
              webhook.get().secretCiphertext(), Webhook.associatedData(delivery.owner()));
      long timestamp = Instant.now().getEpochSecond();
      request =
          HttpRequest.newBuilder(URI.create(webhook.get().url()))
              .timeout(Duration.ofMillis(timeoutMillis))
              .header("Content-Type", "application/json")
              .header("User-Agent", "Tradewatch-Webhook/1")
              .header("X-Tradewatch-Event", delivery.alertId() == null ? "test" : "alert")
              .header("X-Tradewatch-Delivery", delivery.id())
              .header("X-Tradewatch-Attempt", Integer.toString(delivery.attempts() + 1))
              .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
              .header(
                  WebhookSignature.SIGNATURE_HEADER,
                  WebhookSignature.sign(secret, timestamp, delivery.body()))
              .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
              .build();
    } catch (RuntimeException e) {
      // A secret that no longer decrypts (another key) cannot sign: fail the attempt, say why.
      completed(lane, delivery, null, "cannot sign: " + e.getClass().getSimpleName());
      return;
    }
    try {
      client
          .sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, failure) ->
                  completed(
                      lane,
                      delivery,
                      response == null ? null : response.statusCode(),
                      failure == null ? null : describe(failure)));
    } catch (RuntimeException e) {
      completed(lane, delivery, null, describe(e));
    }
  }

  private void completed(Lane lane, Delivery delivery, Integer status, String error) {
    try {
      Instant now = Instant.now();
      int attempt = delivery.attempts() + 1;
      Attempt.Outcome outcome;
      Delivery after;
      Instant next = null;
      if (status != null && status >= 200 && status < 300) {
        outcome = Attempt.Outcome.DELIVERED;
        after = delivery.attempted(now, Delivery.State.DELIVERED, null, now);
      } else {
        Instant first = delivery.firstAttemptAt() == null ? now : delivery.firstAttemptAt();
        next = policy.next(attempt, first, now, ThreadLocalRandom.current()).orElse(null);
        if (next == null) {
          outcome = Attempt.Outcome.FAILED;
          after = delivery.attempted(now, Delivery.State.FAILED, null, now);
        } else {
          outcome = Attempt.Outcome.RETRY;
          after = delivery.attempted(now, Delivery.State.PENDING, next, next.plus(CLAIM));
        }
      }
      outcomes.get(outcome).incrementAndGet();
      record(
          after,
          new Attempt(
              Ids.random(),
              delivery.owner(),
              delivery.id(),
              delivery.alertId(),
              attempt,
              now,
              status,
              status == null ? error : null,
              outcome,
              next));
      finish(lane, delivery);
      if (next != null) {
        enqueue(after, next);
        scheduler.schedule(
            () -> pump(lane),
            Math.max(1, Duration.between(now, next).toMillis()),
            TimeUnit.MILLISECONDS);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Recording a webhook delivery failed", e);
      finish(lane, delivery);
    }
  }

  private void finish(Lane lane, Delivery delivery) {
    synchronized (lane) {
      lane.inFlight--;
      lane.flying.remove(delivery.id());
    }
    pump(lane);
  }

  private void record(Delivery delivery, Attempt attempt) {
    write(new WebhookStore.Recorded(delivery, attempt));
  }

  /**
   * Hands a new delivery or a recorded attempt to the writer, waiting while it is {@value
   * #MAX_WRITES} behind (a row written past the queue could overtake its delivery's).
   */
  private void write(Object row) {
    try {
      writes.put(row);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      writeBatch(List.of(row));
    }
  }

  private void writeUntilStopped() {
    List<Object> batch = new ArrayList<>(WRITES);
    while (running || !writes.isEmpty()) {
      try {
        Object first = writes.poll(500, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        writes.drainTo(batch, WRITES - 1);
        writeBatch(batch);
      } catch (InterruptedException e) {
        // Stopping: what is queued is written before the thread ends.
        List<Object> rest = new ArrayList<>();
        writes.drainTo(rest);
        writeBatch(rest);
        return;
      } finally {
        batch.clear();
      }
    }
  }

  /** Writes in one transaction, trying a few times before the rows are given up (and counted). */
  private void writeBatch(List<Object> rows) {
    if (rows.isEmpty()) {
      return;
    }
    List<Delivery> added = new ArrayList<>();
    List<WebhookStore.Recorded> recorded = new ArrayList<>();
    for (Object row : rows) {
      if (row instanceof Delivery delivery) {
        added.add(delivery);
      } else {
        recorded.add((WebhookStore.Recorded) row);
      }
    }
    for (int attempt = 1; ; attempt++) {
      try {
        store.write(added, recorded);
        return;
      } catch (RuntimeException e) {
        if (attempt == 3) {
          writesLost.addAndGet(rows.size());
          LOG.log(
              Level.WARNING,
              "Storing " + rows.size() + " webhook deliveries and log lines failed; given up",
              e);
          return;
        }
        LOG.log(Level.FINE, "Storing webhook deliveries failed; trying again", e);
        // A stop cuts the pause short, not the attempts: what is stopping still gets written.
        try {
          stopped.await(200L * attempt, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Why an attempt failed, in words fit for the user's log (no secret is ever in them). */
  static String describe(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return "connection timed out";
    }
    if (cause instanceof HttpTimeoutException) {
      return "timed out waiting for an answer";
    }
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /**
   * Renews the claims of the deliveries this instance holds, then takes up those whose claim ran
   * out: what a stopped instance, or this one before a restart, left pending.
   */
  void sweep() {
    try {
      Instant now = Instant.now();
      Map<String, Instant> held = new HashMap<>();
      for (Lane lane : lanes.values()) {
        synchronized (lane) {
          for (Waiting waiting : lane.waiting.values()) {
            Instant due = waiting.due().isAfter(now) ? waiting.due() : now;
            held.put(waiting.delivery().id(), due);
          }
          for (String id : lane.flying) {
            held.put(id, now.plusMillis(timeoutMillis));
          }
        }
      }
      // One renewal for all: long enough for the latest due, plus a claim's length.
      Instant latest = held.values().stream().max(Instant::compareTo).orElse(now);
      store.extend(held.keySet(), latest.plus(CLAIM));
      List<Delivery> taken = store.claim(now, now.plus(CLAIM), 1_000);
      for (Delivery delivery : taken) {
        if (!held.containsKey(delivery.id())) {
          Instant due = delivery.nextAt() == null ? now : delivery.nextAt();
          enqueue(delivery, due);
          if (due.isAfter(now)) {
            Lane lane = lanes.get(delivery.owner());
            scheduler.schedule(
                () -> pump(lane),
                Math.max(1, Duration.between(now, due).toMillis()),
                TimeUnit.MILLISECONDS);
          }
        }
      }
      if (!taken.isEmpty()) {
        LOG.info(() -> "Took up " + taken.size() + " pending webhook deliveries");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The sweep of pending webhook deliveries failed; trying again", e);
    }
  }

  /** Attempts (or drops) that ended so, on this instance since it started. */
  public long outcomes(Attempt.Outcome outcome) {
    return outcomes.get(outcome).get();
  }

  /** Deliveries and log lines not stored because the database refused them three times. */
  public long writesLost() {
    return writesLost.get();
  }

  /** Alerts not handed to webhooks because the queue was full. */
  public long alertsDropped() {
    return alertsDropped.get();
  }

  /** Deliveries waiting or in flight on this instance. */
  public long pending() {
    long count = 0;
    for (Lane lane : lanes.values()) {
      synchronized (lane) {
        count += lane.waiting.size() + lane.inFlight;
      }
    }
    return count;
  }

  @PreDestroy
  synchronized void stop() {
    running = false;
    stopped.countDown();
    if (thread != null) {
      thread.interrupt();
    }
    if (writer != null) {
      writer.interrupt();
    }
    if (executor != null) {
      executor.shutdown();
    }
    if (sweeper != null) {
      sweeper.cancel(false);
    }
  }

  /** One user's deliveries not in flight, in the order they came (so the oldest drops first). */
  private static final class Lane {
    final String owner;
    final TreeMap<Order, Waiting> waiting = new TreeMap<>();
    final Set<String> flying = new HashSet<>();
    int inFlight;

    Lane(String owner) {
      this.owner = owner;
    }

    @Override
    public String toString() {
      return "Lane[" + owner + "]";
    }
  }

  private record Waiting(Delivery delivery, Instant due) {}

  /** An owner's webhook (or that they have none) as read at {@code readAt} (nanos). */
  private record Known(Optional<Webhook> webhook, long readAt) {
    boolean fresh(long now, long cacheMillis) {
      return now - readAt < TimeUnit.MILLISECONDS.toNanos(cacheMillis);
    }
  }

  /** By when a delivery was made, so one waiting for a retry stays older than those after it. */
  private record Order(Instant createdAt, long sequence) implements Comparable<Order> {
    @Override
    public int compareTo(Order other) {
      int byTime = createdAt.compareTo(other.createdAt);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }
}
