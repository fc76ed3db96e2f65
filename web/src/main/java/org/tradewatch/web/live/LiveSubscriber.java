package org.tradewatch.web.live;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tradewatch.core.deal.DealChange;
import org.tradewatch.core.deal.DealQuery;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingState;

/**
 * One socket's view of the hub: its filters, and its own queue of the messages not yet handed to
 * the socket.
 *
 * <p>A listing that passes the filters is sent as {@code listing.upsert}; one that is deleted, or
 * changed so that it no longer passes them, is sent as {@code listing.remove}, so a client's view
 * stays equal to the store's for its filters. A client of deals gets {@code deal.open} and {@code
 * deal.close} the same way, after the listing message of the change that caused them, and a client
 * of items ({@code item=} one, or {@code items=true}) {@code item.update} after the deals.
 *
 * <p>The container cannot be trusted to push back: Payara reports a send as complete once its own
 * write queue has taken the bytes, and that queue takes megabytes per socket (at several times
 * their size in heap) before it refuses any. So the subscriber hands the socket one message at a
 * time, and no more than {@code windowChars} characters beyond what the client has confirmed
 * reading: after every quarter of the window it sends a ping carrying how much it has handed over,
 * and the client's pong (which every WebSocket client sends back once it has read up to the ping,
 * as RFC 6455 requires) moves the window on. On a client that stops reading, the window fits in the
 * operating system's socket buffers, so the container's queue stays empty.
 *
 * <p>What the window holds back waits here, as references to the JSON the hub built once for every
 * subscriber. When more than {@code maxPending} messages wait, the client is too slow for the
 * stream: the queue is freed at once and the socket is closed with 1008 and a reason, on {@code
 * closer}, never on the thread that offered the message.
 */
public final class LiveSubscriber {

  private static final Logger LOG = Logger.getLogger(LiveSubscriber.class.getName());

  private final Session session;
  private final ListingQuery filters;
  private final boolean listings;
  private final DealQuery deals;
  private final ItemKey item;
  private final boolean items;
  private final int maxPending;
  private final long windowChars;
  private final long pingEvery;
  private final Executor closer;
  private final LiveCounts counts;

  // guarded by this
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private boolean inFlight;
  private boolean pumping;
  private long handedChars;
  private long acknowledgedChars;
  private long pingedChars;
  private boolean counted;
  private boolean released;

  private volatile boolean dropped;

  /**
   * @param maxPending how many messages may wait for the socket before the client is dropped
   * @param windowChars how many characters may be handed to the socket beyond what the client has
   *     acknowledged
   * @param closer runs the close of a dropped client, off the thread that delivers to it
   * @param counts where the socket is counted while open, and when dropped
   */
  public LiveSubscriber(
      Session session,
      ListingQuery filters,
      int maxPending,
      long windowChars,
      Executor closer,
      LiveCounts counts) {
    this(session, filters, true, null, maxPending, windowChars, closer, counts);
  }

  /**
   * @param listings whether listing messages are sent
   * @param deals the filters of the deal messages sent, or null for none
   */
  public LiveSubscriber(
      Session session,
      ListingQuery filters,
      boolean listings,
      DealQuery deals,
      int maxPending,
      long windowChars,
      Executor closer,
      LiveCounts counts) {
    this(session, filters, listings, deals, null, false, maxPending, windowChars, closer, counts);
  }

  /**
   * @param item the one item whose listings and {@code item.update}s are sent, or null for any
   *     listing that passes the filters
   * @param items whether every item's {@code item.update} that passes the filters' source and appid
   *     is sent
   */
  public LiveSubscriber(
      Session session,
      ListingQuery filters,
      boolean listings,
      DealQuery deals,
      ItemKey item,
      boolean items,
      int maxPending,
      long windowChars,
      Executor closer,
      LiveCounts counts) {
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending must be 1 or more, was " + maxPending);
    }
    if (windowChars < 1) {
      throw new IllegalArgumentException("windowChars must be 1 or more, was " + windowChars);
    }
    this.session = session;
    this.filters = filters;
    this.listings = listings;
    this.deals = deals;
    this.item = item;
    this.items = items;
    this.maxPending = maxPending;
    this.windowChars = windowChars;
    this.pingEvery = Math.max(1, windowChars / 4);
    this.closer = closer;
    this.counts = counts;
  }

  /** Counts the socket as open, until {@link #release}. */
  public void opened() {
    synchronized (this) {
      if (counted || released) {
        return;
      }
      counted = true;
    }
    counts.opened(filters.source());
  }

  /** Queues the messages of {@code deltas} that concern this client; never waits for the socket. */
  void offer(List<LiveHub.Delta> deltas) {
    if (dropped) {
      return;
    }
    boolean tooMany = false;
    synchronized (this) {
      if (dropped) {
        return;
      }
      deltas:
      for (LiveHub.Delta delta : deltas) {
        String message = listings ? messageFor(delta) : null;
        if (message != null && !enqueue(message)) {
          tooMany = true;
          break;
        }
        if (deals != null) {
          for (LiveHub.DealDelta deal : delta.deals()) {
            String dealMessage = messageFor(deal);
            if (dealMessage != null && !enqueue(dealMessage)) {
              tooMany = true;
              break deltas;
            }
          }
        }
        if (takesItems()) {
          for (LiveHub.ItemDelta update : delta.items()) {
            if (wants(update.item().key()) && !enqueue(update.updateJson())) {
              tooMany = true;
              break deltas;
            }
          }
        }
      }
    }
    afterEnqueue(tooMany);
  }

  /** Queues one message ahead of any delta: the first {@code ready}. */
  public void offer(String message) {
    boolean tooMany;
    synchronized (this) {
      if (dropped) {
        return;
      }
      tooMany = !enqueue(message);
    }
    afterEnqueue(tooMany);
  }

  private void afterEnqueue(boolean tooMany) {
    if (tooMany) {
      counts.dropped(filters.source(), LiveCounts.DropReason.TOO_SLOW);
      closeLater(
          new CloseReason(
              CloseReason.CloseCodes.VIOLATED_POLICY,
              "too slow: more than " + maxPending + " messages waiting; reconnect and resync"));
    } else {
      pump();
    }
  }

  /**
   * An upsert for a listing that passes the filters now; a remove for one that passed them before
   * and no longer does (or was deleted); nothing for one this client never had.
   */
  private String messageFor(LiveHub.Delta delta) {
    if (passes(delta.after()) && delta.upsertJson() != null) {
      return delta.upsertJson();
    }
    boolean had = delta.before() != null && passes(delta.before());
    return had ? delta.removeJson() : null;
  }

  private boolean passes(ListingState state) {
    return filters.matches(state) && (item == null || item.equals(state.item()));
  }

  /** Whether this client takes the item's {@code item.update}s. */
  private boolean wants(ItemKey updated) {
    if (item != null) {
      return item.equals(updated);
    }
    return (filters.source() == null || filters.source() == updated.source())
        && (filters.appid() == null || filters.appid().equals(updated.appid()));
  }

  /**
   * An open for a deal that passes the deal filters now (just opened, or changed); a close for one
   * that passed them before and no longer does (or closed); nothing for one this client never had.
   */
  private String messageFor(LiveHub.DealDelta deal) {
    DealChange change = deal.change();
    if (change.after() != null && deals.matches(change.after())) {
      return deal.openJson();
    }
    boolean had = change.before() != null && deals.matches(change.before());
    return had ? deal.closeJson() : null;
  }

  /**
   * Holds this. Returns false when the message is one too many: the client is dropped and its queue
   * freed, and the caller closes the socket once it has let go of the lock.
   */
  private boolean enqueue(String message) {
    if (queue.size() >= maxPending) {
      dropped = true;
      queue.clear();
      return false;
    }
    queue.add(message);
    return true;
  }

  /**
   * Hands queued messages to the socket while the window allows, one send at a time. Whoever finds
   * nobody else pumping does it, on their own thread: the hub's delivery thread, or the container's
   * thread that completed the previous send. The container is only ever called outside this
   * object's lock, as it calls back into it with its own locks held.
   */
  private void pump() {
    synchronized (this) {
      if (pumping) {
        return;
      }
      pumping = true;
    }
    while (true) {
      String message;
      long ping = -1;
      synchronized (this) {
        if (dropped
            || inFlight
            || queue.isEmpty()
            || handedChars - acknowledgedChars >= windowChars) {
          pumping = false;
          return;
        }
        message = queue.poll();
        inFlight = true;
        handedChars += message.length();
        if (handedChars - pingedChars >= pingEvery) {
          pingedChars = handedChars;
          ping = handedChars;
        }
      }
      try {
        session.getAsyncRemote().sendText(message, this::sent);
        if (ping >= 0) {
          session.getAsyncRemote().sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, ping));
        }
      } catch (IOException | RuntimeException e) {
        synchronized (this) {
          pumping = false;
        }
        fail(e);
        return;
      }
    }
  }

  private void sent(SendResult result) {
    if (!result.isOK()) {
      fail(result.getException());
      return;
    }
    synchronized (this) {
      inFlight = false;
    }
    pump();
  }

  /** A send failed or was refused: the socket is broken or closing, so let go and close it. */
  private void fail(Throwable why) {
    LOG.log(Level.FINE, "a live socket failed to send", why);
    drop(
        LiveCounts.DropReason.FAILED,
        new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "send failed"));
  }

  /**
   * The client's pong: it has read everything handed over before the ping that carried {@code
   * data}. A pong that answers no ping of ours (clients may send them unasked) changes nothing.
   */
  public void acknowledge(ByteBuffer data) {
    if (data == null || data.remaining() != Long.BYTES) {
      return;
    }
    long read = data.getLong(data.position());
    synchronized (this) {
      if (read <= acknowledgedChars || read > pingedChars) {
        return;
      }
      acknowledgedChars = read;
    }
    pump();
  }

  /**
   * Lets go of the client at once, counted as dropped for {@code why}, and closes its socket with
   * {@code reason} on the closer. A client already let go, or whose socket closed, is left as it
   * is.
   */
  void drop(LiveCounts.DropReason why, CloseReason reason) {
    synchronized (this) {
      if (dropped) {
        return;
      }
      dropped = true;
      queue.clear();
    }
    counts.dropped(filters.source(), why);
    closeLater(reason);
  }

  /** Closes the socket on the closer: the container may block its caller, never the delivery. */
  private void closeLater(CloseReason reason) {
    try {
      closer.execute(() -> close(reason));
    } catch (RejectedExecutionException e) {
      // The application is stopping: the container closes every socket itself.
      LOG.log(Level.FINE, "no thread to close a dropped live socket", e);
    }
  }

  private void close(CloseReason reason) {
    try {
      session.close(reason);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "a dropped live socket was already closing", e);
    }
  }

  /**
   * The socket closed or failed: nothing more is queued, what waited is let go, and the socket no
   * longer counts as open. The container may tell of one socket's end twice (an error, then the
   * close); only the first counts.
   */
  public void release() {
    boolean wasCounted;
    synchronized (this) {
      dropped = true;
      queue.clear();
      if (released) {
        return;
      }
      released = true;
      wasCounted = counted;
    }
    if (wasCounted) {
      counts.closed(filters.source());
    }
  }

  /** Whether this client asked for item messages (of one item, or of all). */
  boolean takesItems() {
    return item != null || items;
  }

  /** Whether this client asked for deal messages. */
  boolean takesDeals() {
    return deals != null;
  }

  public boolean dropped() {
    return dropped;
  }

  /** Messages queued and not yet handed to the socket. */
  synchronized int waiting() {
    return queue.size();
  }
}
