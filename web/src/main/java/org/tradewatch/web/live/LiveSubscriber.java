package org.tradewatch.web.live;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.tradewatch.core.listing.ListingQuery;

/**
 * One socket's view of the hub: its filters and its queue of unsent messages.
 *
 * <p>A listing that passes the filters is sent as {@code listing.upsert}; one that is deleted, or
 * changed so that it no longer passes them, is sent as {@code listing.remove}, so a client's view
 * stays equal to the store's for its filters. Sends are asynchronous; when more than {@code
 * maxPending} messages wait, the client is too slow for the stream and is closed with 1008 and a
 * reason that says so, rather than holding memory or slowing everyone else.
 */
public final class LiveSubscriber {

  private final Session session;
  private final ListingQuery filters;
  private final int maxPending;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean dropped = new AtomicBoolean();

  public LiveSubscriber(Session session, ListingQuery filters, int maxPending) {
    this.session = session;
    this.filters = filters;
    this.maxPending = maxPending;
  }

  void offer(List<LiveHub.Delta> deltas) {
    for (LiveHub.Delta delta : deltas) {
      if (dropped.get()) {
        return;
      }
      if (delta.listing() == null) {
        if (passesKeyFilters(delta)) {
          send(delta.removeJson());
        }
      } else if (filters.matches(delta.listing())) {
        send(delta.upsertJson() != null ? delta.upsertJson() : delta.removeJson());
      } else if (passesKeyFilters(delta)) {
        send(delta.removeJson());
      }
    }
  }

  /** A tombstone names only the listing: the source is the one filter it can be checked against. */
  private boolean passesKeyFilters(LiveHub.Delta delta) {
    return filters.source() == null || filters.source() == delta.key().source();
  }

  /** Sends a message now, on the caller's thread; used for the first {@code ready} message. */
  public void sendNow(String message) throws IOException {
    session.getBasicRemote().sendText(message);
  }

  private void send(String message) {
    if (pending.incrementAndGet() > maxPending) {
      drop();
      return;
    }
    session
        .getAsyncRemote()
        .sendText(
            message,
            result -> {
              pending.decrementAndGet();
              if (!result.isOK()) {
                dropped.set(true);
              }
            });
  }

  private void drop() {
    if (dropped.compareAndSet(false, true)) {
      try {
        session.close(
            new CloseReason(
                CloseReason.CloseCodes.VIOLATED_POLICY,
                "too slow: more than " + maxPending + " messages waiting; reconnect and resync"));
      } catch (IOException | RuntimeException e) {
        // Already closing; the hub forgets it either way.
      }
    }
  }

  public boolean dropped() {
    return dropped.get();
  }
}
