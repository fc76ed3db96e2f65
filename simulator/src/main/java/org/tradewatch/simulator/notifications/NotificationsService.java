package org.tradewatch.simulator.notifications;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tradewatch.simulator.json.JsonText;

/**
 * Owns the inboxes, the faults in force and the request counters; serves each request on the
 * container's scheduler when a fault makes it slow, so no request thread sleeps.
 */
@ApplicationScoped
public class NotificationsService {
  private static final Logger LOG = Logger.getLogger(NotificationsService.class.getName());

  /** The counter key for requests that carried no token. */
  static final String NO_TOKEN = "";

  /** The fault key that applies to every token without a fault of its own. */
  static final String EVERY_TOKEN = "*";

  @Resource private ManagedScheduledExecutorService executor;

  @Inject
  @ConfigProperty(name = "simulator.notifications.seed", defaultValue = "1")
  long seed;

  @Inject
  @ConfigProperty(name = "simulator.notifications.tokens", defaultValue = "2")
  int tokens;

  @Inject
  @ConfigProperty(name = "simulator.notifications.per-token", defaultValue = "150")
  int perToken;

  @Inject
  @ConfigProperty(name = "simulator.notifications.arrival-seconds", defaultValue = "30")
  int arrivalSeconds;

  private volatile Inboxes inboxes;
  private final Map<String, Fault> faults = new ConcurrentHashMap<>();
  private final Map<String, Map<String, AtomicLong>> requests = new ConcurrentHashMap<>();
  private ScheduledFuture<?> arrivals;

  @PostConstruct
  void start() {
    reset();
    if (arrivalSeconds > 0) {
      arrivals =
          executor.scheduleAtFixedRate(
              () -> inboxes.arrive(now()), arrivalSeconds, arrivalSeconds, TimeUnit.SECONDS);
    }
    LOG.info(
        () ->
            "backpack.tf notifications simulator ready: "
                + inboxes.tokens().size()
                + " tokens, a new notification every "
                + arrivalSeconds
                + " s");
  }

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    inboxes();
  }

  @PreDestroy
  void stop() {
    if (arrivals != null) {
      arrivals.cancel(false);
    }
  }

  /** Seeds the inboxes again and clears faults and counters. */
  void reset() {
    Inboxes fresh = new Inboxes(seed);
    fresh.seed(tokens, perToken, now());
    inboxes = fresh;
    faults.clear();
    requests.clear();
  }

  Inboxes inboxes() {
    return inboxes;
  }

  static long now() {
    return System.currentTimeMillis() / 1000;
  }

  /**
   * Counts the request, then answers it as the fault in force for its token says: now, later, or
   * with an error instead of {@code work}.
   */
  void serve(String endpoint, String token, AsyncResponse async, Supplier<Response> work) {
    String key = token == null ? NO_TOKEN : token;
    requests
        .computeIfAbsent(key, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(endpoint, e -> new AtomicLong())
        .incrementAndGet();
    Fault fault = takeFault(key);
    if (fault == null) {
      async.resume(work.get());
      return;
    }
    switch (fault.mode()) {
      case "slow" ->
          executor.schedule(
              () -> async.resume(work.get()), fault.delayMillis(), TimeUnit.MILLISECONDS);
      case "error" -> async.resume(error(fault.status(), "Internal server error"));
      default ->
          async.resume(
              Response.fromResponse(error(429, "Too many requests; slow down"))
                  .header("Retry-After", fault.retryAfterSeconds())
                  .build());
    }
  }

  private Fault takeFault(String token) {
    for (String key : new String[] {token, EVERY_TOKEN}) {
      Fault[] taken = new Fault[1];
      faults.computeIfPresent(
          key,
          (k, fault) -> {
            taken[0] = fault;
            return fault.used();
          });
      if (taken[0] != null) {
        return taken[0];
      }
    }
    return null;
  }

  /** Sets the fault for a token, or for every token when {@code token} is null; null clears. */
  void fault(String token, Fault fault) {
    String key = token == null ? EVERY_TOKEN : token;
    if (fault == null) {
      faults.remove(key);
    } else {
      faults.put(key, fault);
    }
  }

  Map<String, Fault> faults() {
    return new TreeMap<>(faults);
  }

  /** Requests received per token (empty for none) and endpoint. */
  Map<String, Map<String, Long>> requests() {
    Map<String, Map<String, Long>> copy = new TreeMap<>();
    requests.forEach(
        (token, byEndpoint) -> {
          Map<String, Long> counts = new TreeMap<>();
          byEndpoint.forEach((endpoint, count) -> counts.put(endpoint, count.get()));
          copy.put(token, counts);
        });
    return copy;
  }

  static Response error(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity("{\"message\":" + JsonText.quote(message) + "}")
        .build();
  }

  static Response json(String body) {
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
  }
}
