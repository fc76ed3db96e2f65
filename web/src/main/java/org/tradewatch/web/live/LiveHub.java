package org.tradewatch.web.live;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.websocket.CloseReason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tradewatch.core.deal.DealChange;
import org.tradewatch.core.ingest.IngestResult;
import org.tradewatch.core.item.ItemSummary;
import org.tradewatch.core.item.KeyPrice;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.market.MarketChange;
import org.tradewatch.web.deal.DealJson;
import org.tradewatch.web.item.ItemJson;
import org.tradewatch.web.listing.ListingJson;
import org.tradewatch.web.market.Market;

/**
 * Turns every applied ingest result into deltas and hands each subscriber those that concern it:
 * each listing's change, then the deal changes that came with it.
 *
 * <p>Publishing runs on a stream's applier thread, so it must cost ingest nothing per subscriber:
 * it only queues what changed for the hub's delivery thread, which builds each delta's JSON once,
 * evaluates every subscriber's filters and hands the socket what its window allows (see {@link
 * LiveSubscriber}); a subscriber that falls too far behind is dropped by its own queue. Should the
 * delivery thread itself fall behind by more than {@code tradewatch.live.max-pending-messages}
 * deltas, every subscriber is closed with 1013 rather than ingest waiting or deltas going missing.
 */
@ApplicationScoped
public class LiveHub {

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  private static final Logger LOG = Logger.getLogger(LiveHub.class.getName());

  private final Set<LiveSubscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final Clock clock = Clock.systemUTC();
  // Deltas published and not yet delivered.
  private final AtomicInteger queued = new AtomicInteger();
  private final LiveCounts counts = new LiveCounts();

  @Resource ManagedThreadFactory threadFactory;

  // Looked up, not injected as a field of its type: the market injects this hub.
  @Inject Instance<Market> market;

  @Inject
  @ConfigProperty(name = "tradewatch.live.max-pending-messages", defaultValue = "5000")
  int maxQueued;

  private ExecutorService deliveryThread;
  // Until the container starts the delivery thread (and in unit tests), delivery is the caller's.
  private volatile Executor delivery = Runnable::run;

  public LiveHub() {
    this.maxQueued = Integer.MAX_VALUE;
  }

  /** A hub that delivers on {@code delivery} and gives up over {@code maxQueued} deltas. */
  LiveHub(Executor delivery, int maxQueued) {
    this.delivery = delivery;
    this.maxQueued = maxQueued;
  }

  /**
   * Starts the delivery thread with the application, before anything else observes its start. The
   * hub must be created here, on a thread of the container: created on a thread of the data grid
   * (by the first announcement {@link LiveCluster} hears), it would find no thread factory.
   */
  void startDelivery(
      @Observes
          @Priority(Interceptor.Priority.PLATFORM_BEFORE)
          @Initialized(ApplicationScoped.class)
          Object ignored) {
    Objects.requireNonNull(threadFactory, "no ManagedThreadFactory for the live hub");
    deliveryThread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = threadFactory.newThread(task);
              thread.setName("tradewatch-live-delivery");
              return thread;
            });
    delivery = deliveryThread;
  }

  @PreDestroy
  void stopDelivery() {
    if (deliveryThread != null) {
      deliveryThread.shutdownNow();
    }
  }

  /** The key price item.update writes prices at: the market's, once there is one. */
  private KeyPrice keyPrice() {
    if (market == null || market.isUnsatisfied()) {
      return KeyPrice.DEFAULT;
    }
    return market.get().model().keyPrice();
  }

  public void subscribe(LiveSubscriber subscriber) {
    subscribers.add(subscriber);
  }

  public void unsubscribe(LiveSubscriber subscriber) {
    subscribers.remove(subscriber);
  }

  public int subscriberCount() {
    return subscribers.size();
  }

  /** The live sockets open and the clients dropped, which the metrics read. */
  public LiveCounts counts() {
    return counts;
  }

  /**
   * One listing's change, with its JSON built once for every subscriber: the state the market model
   * held before (null for a listing new to it) and the one it holds now, which the subscribers'
   * filters are matched against, and the whole listing for an upsert (null when only its deletion
   * is known).
   */
  record Delta(
      ListingKey key,
      ListingState before,
      ListingState after,
      Listing listing,
      String upsertJson,
      String removeJson,
      List<DealDelta> deals,
      List<ItemDelta> items) {}

  /**
   * An item whose best prices a listing's change moved, with its {@code item.update} built once.
   */
  record ItemDelta(ItemSummary item, String updateJson) {}

  /**
   * One listing's deal change that came with a listing's change, with its JSON built once: {@code
   * openJson} for the deal as it is open now (null once closed), {@code closeJson} for a client
   * that had it (null for a deal that just opened).
   */
  record DealDelta(DealChange change, String openJson, String closeJson) {}

  /** Publishes what one ingest transaction changed in the market model. */
  public void publish(IngestResult result) {
    if (subscribers.isEmpty() || result.changes().isEmpty()) {
      return;
    }
    Map<ListingKey, Listing> written = new HashMap<>(result.writes().size() * 2);
    for (Listing listing : result.writes()) {
      written.put(listing.key(), listing);
    }
    publish(result.changes(), change -> written.get(change.after().key()));
  }

  /**
   * Publishes changes of the market model, in order: an ingest's, a sweep's, or those another
   * instance of the cluster applied (read back from the log, see {@link LiveCluster}).
   *
   * @param listings the whole listing after each change, or null where only the change's states are
   *     known (a deletion)
   */
  public void publish(List<MarketChange> changes, Function<MarketChange, Listing> listings) {
    if (subscribers.isEmpty() || changes.isEmpty()) {
      return;
    }
    long ts = clock.millis();
    List<MarketChange> applied = List.copyOf(changes);
    List<Listing> whole = new ArrayList<>(applied.size());
    for (MarketChange change : applied) {
      whole.add(listings.apply(change));
    }
    hand(
        applied.size(),
        () -> {
          // Deal messages are built only when a subscriber takes them.
          boolean deals = subscribers.stream().anyMatch(LiveSubscriber::takesDeals);
          boolean items = subscribers.stream().anyMatch(LiveSubscriber::takesItems);
          KeyPrice key = items ? keyPrice() : KeyPrice.DEFAULT;
          List<Delta> deltas = new ArrayList<>(applied.size());
          for (int i = 0; i < applied.size(); i++) {
            deltas.add(delta(applied.get(i), whole.get(i), ts, deals, items, key));
          }
          return deltas;
        });
  }

  private static Delta delta(
      MarketChange change,
      Listing listing,
      long ts,
      boolean withDeals,
      boolean withItems,
      KeyPrice key) {
    ListingState after = change.after();
    var removal =
        JSON.createObjectBuilder()
            .add("source", after.key().source().id())
            .add("id", after.key().id());
    if (after.deleted()) {
      removal.add("deletedAt", after.deletedAt().toString());
    } else {
      removal.addNull("deletedAt");
    }
    String upsert =
        listing == null || after.deleted()
            ? null
            : message("listing.upsert", ListingJson.summary(listing).build(), ts);
    List<DealDelta> deals = List.of();
    if (withDeals && !change.deals().isEmpty()) {
      deals = new ArrayList<>(change.deals().size());
      for (DealChange deal : change.deals()) {
        deals.add(
            new DealDelta(
                deal,
                deal.closed()
                    ? null
                    : message("deal.open", DealJson.deal(deal.after()).build(), ts),
                deal.opened() ? null : message("deal.close", DealJson.closed(deal).build(), ts)));
      }
    }
    List<ItemDelta> items = List.of();
    if (withItems && !change.items().isEmpty()) {
      items = new ArrayList<>(change.items().size());
      for (ItemSummary item : change.items()) {
        items.add(
            new ItemDelta(item, message("item.update", ItemJson.item(item, key).build(), ts)));
      }
    }
    return new Delta(
        after.key(),
        change.before(),
        after,
        listing,
        upsert,
        message("listing.remove", removal.build(), ts),
        deals,
        items);
  }

  /**
   * Queues {@code count} deltas for the delivery thread, in publishing order. Over the bound, the
   * delivery thread is too far behind for any subscriber to be served in time: all are let go.
   */
  private void hand(int count, Supplier<List<Delta>> deltas) {
    if (queued.addAndGet(count) > maxQueued) {
      queued.addAndGet(-count);
      dropEveryone();
      return;
    }
    try {
      delivery.execute(
          () -> {
            try {
              deliver(deltas.get());
            } finally {
              queued.addAndGet(-count);
            }
          });
    } catch (RejectedExecutionException e) {
      queued.addAndGet(-count);
      LOG.log(Level.FINE, "the live hub is stopping; deltas not delivered", e);
    }
  }

  private void dropEveryone() {
    LOG.warning(
        () ->
            "Live delivery is more than "
                + maxQueued
                + " deltas behind; closing its "
                + subscribers.size()
                + " subscribers");
    CloseReason busy =
        new CloseReason(
            CloseReason.CloseCodes.TRY_AGAIN_LATER,
            "server too busy: more than " + maxQueued + " changes waiting; reconnect and resync");
    for (LiveSubscriber subscriber : subscribers) {
      subscribers.remove(subscriber);
      subscriber.drop(LiveCounts.DropReason.SERVER_BUSY, busy);
    }
  }

  /** Runs on the delivery thread. */
  private void deliver(List<Delta> deltas) {
    for (LiveSubscriber subscriber : subscribers) {
      try {
        subscriber.offer(deltas);
        if (subscriber.dropped()) {
          subscribers.remove(subscriber);
        }
      } catch (RuntimeException e) {
        // Left open, the socket would stay silent for good: the client must know to reconnect.
        LOG.log(Level.WARNING, "Dropping a live subscriber that failed", e);
        subscribers.remove(subscriber);
        subscriber.drop(
            LiveCounts.DropReason.FAILED,
            new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "server error"));
      }
    }
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
