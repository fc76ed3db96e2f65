package org.tradewatch.web.live;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tradewatch.core.deal.DealParameters;
import org.tradewatch.core.deal.DealQuery;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.item.ItemParameters;
import org.tradewatch.core.listing.InvalidListingParameterException;
import org.tradewatch.core.listing.ListingParameters;
import org.tradewatch.core.listing.ListingQuery;

/**
 * {@code ws://.../api/listings/live?source=&intent=&quality=&q=&appid=&minValue=&maxValue=&effect=
 * &killstreak=&craftable=&australium=&wear=}: every change to the listings that pass the filters
 * ({@link ListingParameters#FILTERS}, as the REST search takes them), as {@code {"event", "data",
 * "ts"}} messages, starting with {@code ready}. Read-only. To keep a view in sync: open the socket
 * and buffer, load {@code GET /api/listings} pages, then apply the buffered and the live messages.
 * With {@code deals=true} it also sends every deal opened, changed or closed ({@code deal.open},
 * {@code deal.close}) that passes {@code source}, {@code appid}, {@code minProfit} and {@code
 * minDiscount}; with {@code listings=false}, deals alone. With {@code item=<itemKey>} only that
 * item's listings are sent, and {@code item.update} when its best buy or best sell moves; with
 * {@code items=true}, every item's {@code item.update} that passes {@code source} and {@code
 * appid}.
 *
 * <p>The server pings the client as it sends, and sends on only as the client's pongs come back
 * (see {@link LiveSubscriber}); every WebSocket client answers pings by itself.
 */
@ServerEndpoint("/api/listings/live")
public class LiveListingsEndpoint {

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  private static final Logger LOG = Logger.getLogger(LiveListingsEndpoint.class.getName());
  private static final String SUBSCRIBER = "tradewatch.live.subscriber";

  /** The room for a reason in a close frame: 125 bytes of payload less the 2 of the code. */
  static final int MAX_REASON_BYTES = 123;

  private static final String ELLIPSIS = "\u2026";

  @Inject LiveHub hub;

  @Inject
  @ConfigProperty(name = "tradewatch.live.max-pending-messages", defaultValue = "5000")
  int maxPending;

  @Inject
  @ConfigProperty(name = "tradewatch.live.send-window-bytes", defaultValue = "262144")
  long windowBytes;

  /** Closes dropped clients, so that delivery never waits for a socket. */
  @Resource ManagedExecutorService executor;

  @OnOpen
  public void open(Session session) throws IOException {
    Map<String, List<String>> parameters = session.getRequestParameterMap();
    ListingQuery filters;
    boolean listings;
    DealQuery deals;
    ItemKey item;
    boolean items;
    try {
      filters = filters(parameters);
      listings = DealParameters.bool("listings", first(parameters, "listings"), true);
      String itemKey = first(parameters, "item");
      item = itemKey == null ? null : ItemParameters.key("item", itemKey);
      items = DealParameters.bool("items", first(parameters, "items"), false);
      if (item != null && items) {
        throw new InvalidListingParameterException(
            "items", "true sends every item's updates: leave it out with item=");
      }
      deals = deals(parameters, listings || item != null || items);
    } catch (InvalidListingParameterException e) {
      session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, reason(e.getMessage())));
      return;
    }
    LiveSubscriber subscriber =
        new LiveSubscriber(
            session,
            filters,
            listings,
            deals,
            item,
            items,
            maxPending,
            windowBytes,
            executor,
            hub.counts());
    session.getUserProperties().put(SUBSCRIBER, subscriber);
    subscriber.opened();
    subscriber.offer(
        LiveHub.message(
            "ready",
            JSON.createObjectBuilder()
                .add(
                    "filters", JSON.createObjectBuilder(describe(session.getRequestParameterMap())))
                .build(),
            Clock.systemUTC().millis()));
    hub.subscribe(subscriber);
  }

  @OnMessage
  public void message(Session session, String text) throws IOException {
    session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "read-only: send nothing"));
  }

  /** A pong answers one of our pings: the client has read what was sent before it. */
  @OnMessage
  public void pong(Session session, PongMessage pong) {
    ByteBuffer data = pong.getApplicationData();
    if (session.getUserProperties().get(SUBSCRIBER) instanceof LiveSubscriber live) {
      live.acknowledge(data);
    }
  }

  @OnClose
  public void close(Session session) {
    forget(session);
  }

  @OnError
  public void error(Session session, Throwable error) {
    LOG.log(Level.FINE, "Live socket error", error);
    forget(session);
  }

  private void forget(Session session) {
    Object subscriber = session.getUserProperties().get(SUBSCRIBER);
    if (subscriber instanceof LiveSubscriber live) {
      hub.unsubscribe(live);
      live.release();
    }
  }

  private static ListingQuery filters(Map<String, List<String>> parameters) {
    return ListingParameters.filters(name -> first(parameters, name));
  }

  /**
   * A close reason within the 123 bytes of UTF-8 a close frame has room for (CloseReason refuses a
   * longer one): a message that quotes a long bad value is cut, and still names the parameter.
   */
  static String reason(String message) {
    if (message.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
      return message;
    }
    StringBuilder cut = new StringBuilder();
    int bytes = ELLIPSIS.getBytes(StandardCharsets.UTF_8).length;
    for (int i = 0; i < message.length(); ) {
      int codePoint = message.codePointAt(i);
      String next = new String(Character.toChars(codePoint));
      bytes += next.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_REASON_BYTES) {
        break;
      }
      cut.append(next);
      i += next.length();
    }
    return cut.append(ELLIPSIS).toString();
  }

  /**
   * The deal filters with {@code deals=true} ({@code source} and {@code appid} shared with the
   * listings', {@code minProfit} and {@code minDiscount} their own), else null.
   */
  private static DealQuery deals(Map<String, List<String>> parameters, boolean listings) {
    if (!DealParameters.bool("deals", first(parameters, "deals"), false)) {
      for (String name : List.of("minProfit", "minDiscount")) {
        if (first(parameters, name) != null) {
          throw new InvalidListingParameterException(name, "filters deals: add deals=true");
        }
      }
      if (!listings) {
        throw new InvalidListingParameterException(
            "listings",
            "false leaves the socket nothing to send: add deals=true, items=true or item=");
      }
      return null;
    }
    return DealParameters.filters(name -> first(parameters, name));
  }

  private static Map<String, Object> describe(Map<String, List<String>> parameters) {
    java.util.LinkedHashMap<String, Object> described = new java.util.LinkedHashMap<>();
    List<String> names = new java.util.ArrayList<>(ListingParameters.FILTERS);
    names.addAll(List.of("listings", "deals", "minProfit", "minDiscount", "item", "items"));
    for (String name : names) {
      String value = first(parameters, name);
      if (value != null) {
        described.put(name, value);
      }
    }
    return described;
  }

  private static String first(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
