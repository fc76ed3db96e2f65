package org.tradewatch.simulator.skinshark.live;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tradewatch.simulator.json.JsonText;
import org.tradewatch.simulator.skinshark.market.MarketChange;
import org.tradewatch.simulator.skinshark.market.MarketListing;
import org.tradewatch.simulator.skinshark.market.MarketModel;

/**
 * The live market: the model, the tickets, the fee tiers and every open socket. Plain Java and
 * serialised by its own monitor, so the REST resources, the socket callbacks and the scheduled
 * ticks never interleave: a socket that is told {@code market.ready} is registered in the same
 * step, so it misses no change and sees none before the ready frame.
 */
public final class LiveMarket {
  private static final Logger LOG = Logger.getLogger(LiveMarket.class.getName());

  public static final int MAX_SOCKETS_PER_SUB_USER = 5;
  public static final int MISSING_OR_INVALID_TOKEN = 4001;
  public static final int READ_ONLY = 4002;
  public static final int MISSING_MARKET_SCOPE = 4003;
  public static final int TOO_MANY_CONNECTIONS = 4008;

  /** The set-up that a restart of the market takes. */
  public record Settings(
      long seed,
      int listings,
      double eventsPerSecond,
      long ticketTtlSeconds,
      int pingSeconds,
      Accounts accounts) {
    public Settings {
      Objects.requireNonNull(accounts, "accounts");
      if (listings < 1 || listings > 1_000_000) {
        throw new IllegalArgumentException("listings must be 1 to 1000000, was " + listings);
      }
      if (!(eventsPerSecond >= 0 && eventsPerSecond <= 100_000)) {
        throw new IllegalArgumentException(
            "eventsPerSecond must be 0 to 100000, was " + eventsPerSecond);
      }
      if (ticketTtlSeconds < 1) {
        throw new IllegalArgumentException("ticketTtlSeconds must be positive");
      }
      if (pingSeconds < 1) {
        throw new IllegalArgumentException("pingSeconds must be positive");
      }
    }
  }

  /** A minted ticket. */
  public record Minted(String token, long ttlSeconds) {
    /** The lifetime as upstream writes it: {@code 1h}, {@code 30m}, {@code 45s}. */
    public String expiresIn() {
      if (ttlSeconds % 3600 == 0) {
        return ttlSeconds / 3600 + "h";
      }
      if (ttlSeconds % 60 == 0) {
        return ttlSeconds / 60 + "m";
      }
      return ttlSeconds + "s";
    }
  }

  /** One page of the feed, already rendered as {@code {"items": [...], "total": N}}. */
  public record FeedPage(String json, int items, int total) {}

  private static final class Socket {
    final LiveConnection connection;
    final String subUser;
    final boolean watchlist;
    final BigDecimal fee;
    final long expiresAtSeconds;

    Socket(
        LiveConnection connection,
        String subUser,
        boolean watchlist,
        BigDecimal fee,
        long expiresAtSeconds) {
      this.connection = connection;
      this.subUser = subUser;
      this.watchlist = watchlist;
      this.fee = fee;
      this.expiresAtSeconds = expiresAtSeconds;
    }
  }

  private final Settings configured;
  private final Tickets tickets;
  private final LongSupplier clockMillis;

  private MarketModel model;
  private double eventsPerSecond;
  private long ticketTtlSeconds;
  private final Map<String, Set<String>> keyScopes = new HashMap<>();
  private final Map<String, String> effectiveTier = new HashMap<>();
  private final Map<String, String> pendingTier = new HashMap<>();
  private final List<Socket> sockets = new ArrayList<>();
  private boolean paused;
  private double owed;
  private long lastTickMillis;
  private long lastPingMillis;
  private long lastTs;
  private long nextTicketSequence;
  private long firstValidSequence;
  private int burstArmed;

  private long ticketsMinted;
  private long connectionsAccepted;
  private final Map<Integer, Long> closes = new TreeMap<>();
  private long framesSent;
  private final Map<String, Long> eventsByType = new LinkedHashMap<>();
  private long marketChanges;
  private long silentChanges;
  private long feedRequests;
  private long burstsDelivered;

  public LiveMarket(Settings settings, Tickets tickets, LongSupplier clockMillis) {
    this.configured = Objects.requireNonNull(settings, "settings");
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
    restart();
  }

  /** Back to the configured set-up: the market from its seed, keys, tiers, pace; counters kept. */
  public synchronized void restart() {
    dropAll(1012, "service restart");
    model = new MarketModel(configured.seed(), configured.listings());
    eventsPerSecond = configured.eventsPerSecond();
    ticketTtlSeconds = configured.ticketTtlSeconds();
    keyScopes.clear();
    keyScopes.putAll(configured.accounts().keyScopes());
    effectiveTier.clear();
    effectiveTier.putAll(configured.accounts().subUserTiers());
    pendingTier.clear();
    paused = false;
    owed = 0;
    burstArmed = 0;
    for (String event : List.of("market.ready", "market.new", "market.update", "market.remove")) {
      eventsByType.putIfAbsent(event, 0L);
    }
  }

  // ---- upstream REST ----

  /** {@code POST /auth/ws-token}. */
  public synchronized Minted mint(String apiKey, String subUser) {
    Set<String> scopes = authorise(apiKey, subUser);
    long now = clockMillis.getAsLong() / 1000;
    long sequence = nextTicketSequence++;
    ticketsMinted++;
    return new Minted(
        tickets.mint(subUser, now, now + ticketTtlSeconds, sequence, scopes), ticketTtlSeconds);
  }

  /**
   * {@code GET /market}: a page of the curated feed priced for the sub-user. An armed burst is
   * delivered around the first page of the next snapshot load: half before it is read, half after,
   * so the pages that follow have shifted.
   */
  public synchronized FeedPage market(String apiKey, String subUser, int page, int limit) {
    authorise(apiKey, subUser);
    checkPaging(page, limit);
    feedRequests++;
    int burst = page == 1 ? burstArmed : 0;
    if (burst > 0) {
      burstArmed = 0;
      burstsDelivered++;
      changes(burst / 2, true);
    }
    FeedPage answer = feedPage(fee(effectiveTier.get(subUser)), page, limit);
    if (burst > 0) {
      changes(burst - burst / 2, true);
    }
    return answer;
  }

  private Set<String> authorise(String apiKey, String subUser) {
    Set<String> scopes = apiKey == null ? null : keyScopes.get(apiKey);
    if (scopes == null) {
      throw new MarketRequestException(401, "Invalid API key");
    }
    if (subUser == null || subUser.isBlank()) {
      throw new MarketRequestException(400, "On-Behalf-Of header is required");
    }
    if (!effectiveTier.containsKey(subUser)) {
      throw new MarketRequestException(403, "Unknown sub-user");
    }
    return scopes;
  }

  private static void checkPaging(int page, int limit) {
    if (page < 1) {
      throw new MarketRequestException(400, "page must be 1 or more");
    }
    if (limit != -1 && (limit < 1 || limit > 500)) {
      throw new MarketRequestException(400, "limit must be 1 to 500, or -1 for the whole feed");
    }
  }

  private FeedPage feedPage(BigDecimal fee, int page, int limit) {
    List<MarketListing> feed = model.feed();
    int from = limit == -1 ? 0 : (int) Math.min(feed.size(), (long) (page - 1) * limit);
    int to = limit == -1 ? feed.size() : Math.min(feed.size(), from + limit);
    StringBuilder json = new StringBuilder(256 * (to - from) + 32).append("{\"items\":[");
    for (int i = from; i < to; i++) {
      if (i > from) {
        json.append(',');
      }
      feed.get(i).appendJson(json, fee, true);
    }
    json.append("],\"total\":").append(feed.size()).append('}');
    return new FeedPage(json.toString(), to - from, feed.size());
  }

  // ---- the socket ----

  /**
   * A socket was upgraded. Checks its ticket and the sub-user's socket count, closing it with the
   * documented code when one fails; otherwise sends {@code market.ready} and registers it.
   *
   * @param token the ticket from the subprotocol or the query, or null
   * @param scope {@code all} (the default) or {@code watchlist}
   * @return whether it was accepted
   */
  public synchronized boolean open(LiveConnection connection, String token, String scope) {
    if (token == null || token.isEmpty()) {
      return refuse(connection, MISSING_OR_INVALID_TOKEN, "Missing token");
    }
    Tickets.Claims claims = tickets.verify(token, clockMillis.getAsLong() / 1000);
    if (claims == null
        || claims.sequence() < firstValidSequence
        || !effectiveTier.containsKey(claims.subUser())) {
      return refuse(connection, MISSING_OR_INVALID_TOKEN, "Invalid token");
    }
    if (!claims.scopes().contains("market")) {
      return refuse(connection, MISSING_MARKET_SCOPE, "Missing market scope");
    }
    String scopeName = scope == null || scope.isEmpty() ? "all" : scope;
    if (!scopeName.equals("all") && !scopeName.equals("watchlist")) {
      return refuse(connection, 1008, "Unknown scope");
    }
    long open = sockets.stream().filter(s -> s.subUser.equals(claims.subUser())).count();
    if (open >= MAX_SOCKETS_PER_SUB_USER) {
      return refuse(connection, TOO_MANY_CONNECTIONS, "Too many connections");
    }
    // Prices are fixed per socket at connect time; a changed tier starts applying now.
    String pending = pendingTier.remove(claims.subUser());
    if (pending != null) {
      effectiveTier.put(claims.subUser(), pending);
    }
    Socket socket =
        new Socket(
            connection,
            claims.subUser(),
            scopeName.equals("watchlist"),
            fee(effectiveTier.get(claims.subUser())),
            claims.expiresAt());
    String ready =
        "{\"event\":\"market.ready\",\"data\":{\"scope\":\""
            + scopeName
            + "\"},\"ts\":"
            + timestamp()
            + "}";
    try {
      connection.send(ready);
    } catch (IOException e) {
      connection.close(1011, "write failed");
      return false;
    }
    framesSent++;
    eventsByType.merge("market.ready", 1L, Long::sum);
    connectionsAccepted++;
    sockets.add(socket);
    return true;
  }

  /** The client sent a frame: upstream's socket is read-only. */
  public synchronized void clientSent(LiveConnection connection) {
    if (forget(connection)) {
      countClose(READ_ONLY);
      connection.close(READ_ONLY, "Read-only");
    }
  }

  /** The socket closed or failed. */
  public synchronized void closed(LiveConnection connection) {
    forget(connection);
  }

  private boolean refuse(LiveConnection connection, int code, String reason) {
    countClose(code);
    connection.close(code, reason);
    return false;
  }

  private boolean forget(LiveConnection connection) {
    return sockets.removeIf(s -> s.connection == connection);
  }

  private void countClose(int code) {
    closes.merge(code, 1L, Long::sum);
  }

  // ---- time ----

  /**
   * Generates the changes owed at the configured pace, closes sockets whose ticket has expired
   * (4001) and pings the rest. Called by the scheduler; nothing is generated while no socket is
   * open or the market is paused.
   */
  public synchronized void tick() {
    long now = clockMillis.getAsLong();
    long elapsed = lastTickMillis == 0 ? 0 : Math.max(0, now - lastTickMillis);
    lastTickMillis = now;
    for (Socket socket : List.copyOf(sockets)) {
      if (socket.expiresAtSeconds * 1000 <= now) {
        forget(socket.connection);
        countClose(MISSING_OR_INVALID_TOKEN);
        socket.connection.close(MISSING_OR_INVALID_TOKEN, "Invalid token");
      }
    }
    if (paused || sockets.isEmpty()) {
      owed = 0;
    } else {
      owed += eventsPerSecond * Math.min(elapsed, 1000) / 1000.0;
      int due = (int) owed;
      owed -= due;
      changes(due, true);
    }
    if (now - lastPingMillis >= configured.pingSeconds() * 1000L) {
      lastPingMillis = now;
      for (Socket socket : List.copyOf(sockets)) {
        try {
          socket.connection.ping();
        } catch (IOException e) {
          drop(socket);
        }
      }
    }
  }

  private void changes(int count, boolean broadcast) {
    for (int i = 0; i < count; i++) {
      MarketChange change = model.next();
      if (broadcast) {
        marketChanges++;
        broadcast(change);
      } else {
        silentChanges++;
      }
    }
  }

  private void broadcast(MarketChange change) {
    long ts = timestamp();
    for (Socket socket : List.copyOf(sockets)) {
      if (socket.watchlist && !change.listing().featured()) {
        continue;
      }
      StringBuilder frame = new StringBuilder(512).append("{\"event\":\"");
      frame.append(change.kind().event()).append("\",\"data\":");
      if (change.kind() == MarketChange.Kind.REMOVE) {
        frame.append("{\"listingId\":");
        JsonText.appendString(frame, change.listing().id());
        frame.append(",\"itemId\":");
        JsonText.appendString(frame, change.listing().itemId());
        frame.append('}');
      } else {
        change.listing().appendJson(frame, socket.fee, socket.watchlist);
      }
      frame.append(",\"ts\":").append(ts).append('}');
      try {
        socket.connection.send(frame.toString());
        framesSent++;
        eventsByType.merge(change.kind().event(), 1L, Long::sum);
      } catch (IOException e) {
        LOG.log(Level.FINE, "a live-market write failed; dropping the socket", e);
        drop(socket);
      }
    }
  }

  private void drop(Socket socket) {
    forget(socket.connection);
    socket.connection.close(1011, "write failed");
  }

  /** Epoch milliseconds that never go back, so frames are ordered by their {@code ts}. */
  private long timestamp() {
    lastTs = Math.max(lastTs, clockMillis.getAsLong());
    return lastTs;
  }

  private BigDecimal fee(String tier) {
    return configured.accounts().tierFees().get(tier);
  }

  // ---- control ----

  /** The curated feed as the sub-user would get it now, with no auth and no burst. */
  public synchronized FeedPage feedFor(String subUser, int page, int limit) {
    if (!effectiveTier.containsKey(subUser)) {
      throw new MarketRequestException(400, "unknown sub-user '" + subUser + "'");
    }
    checkPaging(page, limit);
    return feedPage(fee(effectiveTier.get(subUser)), page, limit);
  }

  public synchronized void pause() {
    paused = true;
  }

  public synchronized void resume() {
    paused = false;
  }

  public synchronized void eventsPerSecond(double value) {
    if (!(value >= 0 && value <= 100_000)) {
      throw new MarketRequestException(400, "eventsPerSecond must be 0 to 100000");
    }
    eventsPerSecond = value;
  }

  public synchronized void ticketTtlSeconds(long value) {
    if (value < 1) {
      throw new MarketRequestException(400, "ticketTtlSeconds must be 1 or more");
    }
    ticketTtlSeconds = value;
  }

  /**
   * Closes every socket with {@code code}, then changes the market {@code silentChanges} times with
   * nobody listening: what a client misses while it is away.
   */
  public synchronized int dropAll(int code, String reason) {
    return drop(code, reason, 0);
  }

  public synchronized int drop(int code, String reason, int silent) {
    List<Socket> closing = List.copyOf(sockets);
    sockets.clear();
    for (Socket socket : closing) {
      socket.connection.close(code, reason);
    }
    changes(silent, false);
    return closing.size();
  }

  /**
   * Revokes every ticket minted so far and closes their sockets with 4001, as if they had all
   * expired now.
   */
  public synchronized int expireTickets() {
    firstValidSequence = nextTicketSequence;
    List<Socket> closing = List.copyOf(sockets);
    sockets.clear();
    for (Socket socket : closing) {
      countClose(MISSING_OR_INVALID_TOKEN);
      socket.connection.close(MISSING_OR_INVALID_TOKEN, "Invalid token");
    }
    return closing.size();
  }

  /** Moves the sub-user to another fee tier from their next socket on. */
  public synchronized void feeTier(String subUser, String tier) {
    if (!effectiveTier.containsKey(subUser)) {
      throw new MarketRequestException(400, "unknown sub-user '" + subUser + "'");
    }
    if (!configured.accounts().tierFees().containsKey(tier)) {
      throw new MarketRequestException(
          400,
          "unknown tier '"
              + tier
              + "'; known: "
              + String.join(", ", configured.accounts().tierFees().keySet()));
    }
    pendingTier.put(subUser, tier);
  }

  /** Delivers {@code count} changes around the first page of the next snapshot load. */
  public synchronized void armBurst(int count) {
    if (count < 1 || count > 100_000) {
      throw new MarketRequestException(400, "events must be 1 to 100000");
    }
    burstArmed = count;
  }

  /**
   * Gives tickets minted from now on these scopes: for one key, or for every key when {@code key}
   * is null. Tickets already minted keep theirs.
   */
  public synchronized int scopes(String key, Set<String> scopes) {
    if (key != null && !keyScopes.containsKey(key)) {
      throw new MarketRequestException(400, "unknown key");
    }
    int changed = 0;
    for (String name : List.copyOf(keyScopes.keySet())) {
      if (key == null || key.equals(name)) {
        keyScopes.put(name, Set.copyOf(scopes));
        changed++;
      }
    }
    return changed;
  }

  /** Counters and the set-up in force, as JSON. Keys are never shown, only their count. */
  public synchronized String statsJson() {
    StringBuilder json = new StringBuilder(1024);
    json.append("{\"listings\":").append(model.size());
    json.append(",\"feedSize\":").append(model.feed().size());
    json.append(",\"eventsPerSecond\":").append(eventsPerSecond);
    json.append(",\"ticketTtlSeconds\":").append(ticketTtlSeconds);
    json.append(",\"paused\":").append(paused);
    json.append(",\"burstArmed\":").append(burstArmed);
    json.append(",\"burstsDelivered\":").append(burstsDelivered);
    json.append(",\"openConnections\":").append(sockets.size());
    json.append(",\"connectionsAccepted\":").append(connectionsAccepted);
    json.append(",\"closes\":{");
    boolean first = true;
    for (int code : List.of(MISSING_OR_INVALID_TOKEN, READ_ONLY, MISSING_MARKET_SCOPE, 4008)) {
      json.append(first ? "" : ",").append('"').append(code).append("\":");
      json.append(closes.getOrDefault(code, 0L));
      first = false;
    }
    json.append("},\"ticketsMinted\":").append(ticketsMinted);
    json.append(",\"feedRequests\":").append(feedRequests);
    json.append(",\"framesSent\":").append(framesSent);
    json.append(",\"eventsByType\":{");
    first = true;
    for (Map.Entry<String, Long> entry : eventsByType.entrySet()) {
      json.append(first ? "" : ",").append('"').append(entry.getKey()).append("\":");
      json.append(entry.getValue());
      first = false;
    }
    json.append("},\"marketChanges\":").append(marketChanges);
    json.append(",\"silentChanges\":").append(silentChanges);
    json.append(",\"subUsers\":{");
    first = true;
    for (String subUser : new TreeMap<>(effectiveTier).keySet()) {
      json.append(first ? "" : ",");
      JsonText.appendString(json, subUser);
      json.append(":{\"tier\":");
      JsonText.appendString(json, effectiveTier.get(subUser));
      json.append(",\"pendingTier\":");
      JsonText.appendString(json, pendingTier.get(subUser));
      json.append(",\"feePercent\":").append(fee(effectiveTier.get(subUser)).toPlainString());
      json.append(",\"openConnections\":");
      json.append(sockets.stream().filter(s -> s.subUser.equals(subUser)).count());
      json.append('}');
      first = false;
    }
    json.append("},\"keys\":").append(keyScopes.size());
    json.append(",\"keysWithMarketScope\":");
    json.append(keyScopes.values().stream().filter(s -> s.contains("market")).count());
    return json.append('}').toString();
  }

  /** Closes every socket as the application stops. */
  public synchronized void shutdown() {
    dropAll(1001, "going away");
  }
}
