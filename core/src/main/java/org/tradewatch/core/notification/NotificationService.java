package org.tradewatch.core.notification;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The notifications proxy's rules. At most one upstream search per token per polling window,
 * however many clients ask: requests for one token take turns, and within the window they are
 * answered from the stored copy. When the window opens, a complete copy is refreshed with {@code
 * since}; an incomplete one (or none) sends the client's own query upstream and passes the answer
 * through unchanged. Mutations go upstream at once and update the copy, so the next search agrees.
 * While upstream is unavailable a stored copy answers, marked stale.
 *
 * <p>Thread-safe. Turns are per token (by lock stripe), so a slow upstream call for one token
 * delays only requests that share its stripe, and only those with no kept answer: answers from the
 * copy take no turn, are kept while the token's state stays the same (see {@link #withinWindow}),
 * and stand in while one request reads that state again or searches upstream, or while another
 * request holds the turn. Instances of a cluster share the budget: each window's upstream search is
 * claimed in the shared store first ({@link NotificationStore#claimSearch}), so between them they
 * search at most once per token per window.
 */
public final class NotificationService {

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  /** Notifications per search page, as upstream. */
  public static final int PAGE_SIZE = 60;

  /** The most ids upstream takes in one delete. */
  public static final int UPSTREAM_MAX_IDS = 200;

  private static final int STRIPES = 256;

  /**
   * Bounds on the kept answers: tokens (answers of tokens whose window closed are dropped first)
   * and distinct queries per token (since and skip are the client's to choose).
   */
  private static final int MAX_KEPT_TOKENS = 10_000;

  private static final int MAX_KEPT_QUERIES_PER_TOKEN = 32;

  /**
   * How long kept answers are trusted without reading the token's state again. This instance's own
   * mutations drop them at once; a change made by another instance sharing the database shows
   * within this long (and the time the read takes).
   */
  static final long RECHECK_MILLIS = 1_000;

  private final NotificationsUpstream upstream;
  private final NotificationStore store;
  private final LongSupplier clockMillis;
  private final long windowMillis;
  private final long spreadMillis;
  private final long fullSyncMillis;
  private final ReentrantLock[] turns = new ReentrantLock[STRIPES];
  private final Map<TokenHash, KeptAnswers> answers = new ConcurrentHashMap<>();

  /**
   * Counts this instance's own writes by stripe, so that a poll racing a write to its token never
   * keeps what it read. By stripe, not one count: when every token's window turns at once, a single
   * count changed so often that hardly any poll could keep its answer, and each read the store.
   */
  private final AtomicLongArray ownWrites = new AtomicLongArray(STRIPES);

  /** A service whose tokens' windows all last {@code windowMillis}: no spread. */
  public NotificationService(
      NotificationsUpstream upstream,
      NotificationStore store,
      LongSupplier clockMillis,
      long windowMillis,
      long fullSyncMillis) {
    this(upstream, store, clockMillis, windowMillis, 0, fullSyncMillis);
  }

  /**
   * @param windowMillis at most one upstream search per token this often (upstream asks for 30 s)
   * @param spreadMillis each token's window lasts longer by its own share of this (0 to this, from
   *     its hash, the same on every instance), so that tokens first searched together (every client
   *     polling again after a restart) are not refreshed together ever after: a window's turn costs
   *     a refresh per token, and a hundred at once held up every other poll
   * @param fullSyncMillis how often a complete copy is fetched whole instead of refreshed with
   *     {@code since}, so that changes made elsewhere (read or deleted on the site) show up
   */
  public NotificationService(
      NotificationsUpstream upstream,
      NotificationStore store,
      LongSupplier clockMillis,
      long windowMillis,
      long spreadMillis,
      long fullSyncMillis) {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    this.store = Objects.requireNonNull(store, "store");
    this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
    if (windowMillis < 0 || spreadMillis < 0 || fullSyncMillis < 0) {
      throw new IllegalArgumentException(
          "the window, its spread and the full sync period must not be negative");
    }
    this.windowMillis = windowMillis;
    this.spreadMillis = spreadMillis;
    this.fullSyncMillis = fullSyncMillis;
    for (int i = 0; i < STRIPES; i++) {
      turns[i] = new ReentrantLock();
    }
  }

  public SearchAnswer search(String token, NotificationQuery query) {
    TokenHash hash = TokenHash.of(token);
    KeptAnswers kept = answers.get(hash);
    SearchAnswer keptAnswer = kept == null ? null : kept.byQuery().get(query);
    if (keptAnswer != null) {
      long now = clockMillis.getAsLong();
      if (trusted(hash, kept, now)) {
        return keptAnswer;
      }
      // Time to read the token's state again (and, past the window, to search upstream): one
      // request does, and the kept answer stands in for the others meanwhile. When each of them
      // asked the store, every window's turn queued a token's polls for the database's connections
      // behind each other, and behind the upstream call (the proxy benchmark's slowest 2 %).
      if (!kept.startCheck()) {
        return keptAnswer;
      }
      try {
        return searchChecked(token, hash, query);
      } finally {
        kept.endCheck();
      }
    }
    return searchChecked(token, hash, query);
  }

  private boolean trusted(TokenHash hash, KeptAnswers kept, long now) {
    return now - kept.checkedAtMillis() < RECHECK_MILLIS
        && now - kept.state().lastSearchAtMillis() < windowOf(hash);
  }

  private long windowOf(TokenHash hash) {
    return windowOf(hash, windowMillis, spreadMillis);
  }

  /** A token's polling window: the window and the token's share of the spread, from its hash. */
  static long windowOf(TokenHash hash, long windowMillis, long spreadMillis) {
    if (spreadMillis == 0) {
      return windowMillis;
    }
    long bits = Long.parseUnsignedLong(hash.hex().substring(0, 12), 16);
    return windowMillis + bits % (spreadMillis + 1);
  }

  private SearchAnswer searchChecked(String token, TokenHash hash, NotificationQuery query) {
    ReentrantLock turn = turns[stripe(hash)];
    // While the window is open the stored copy answers, and reading it needs no turn: turns only
    // keep a token's upstream calls to one at a time.
    SearchAnswer fromCopy = withinWindow(hash, query);
    if (fromCopy != null) {
      return fromCopy;
    }
    if (!turn.tryLock()) {
      // Another request holds the turn (a mutation of this token's copy, or a search for a token
      // of the same stripe): rather than wait for it, an answer kept from the window that just
      // closed stands in, as it would have a moment before.
      SearchAnswer meanwhile = keptAnswer(hash, query);
      if (meanwhile != null) {
        return meanwhile;
      }
      turn.lock();
    }
    try {
      // The request that held the turn before this one may just have searched upstream.
      fromCopy = withinWindow(hash, query);
      if (fromCopy != null) {
        return fromCopy;
      }
      long now = clockMillis.getAsLong();
      Optional<FolderCopy> copy = store.folder(hash, query.folderOrInbox());
      if (!store.claimSearch(hash, now, windowOf(hash))) {
        return searchedElsewhere(hash, query, copy);
      }
      try {
        return fromUpstream(token, hash, query, copy, now);
      } catch (UpstreamUnavailable e) {
        // Nothing was stored: the next request may try again, here or on another instance.
        store.releaseClaim(hash, now);
        if (copy.isPresent()) {
          return local(hash, query, copy.get(), SearchAnswer.Source.STORE, true);
        }
        throw e;
      }
    } finally {
      turn.unlock();
    }
  }

  /**
   * The stored copy's answer while the token's polling window is open, or null when it is not (or
   * never was). Answers are kept per token and query for as long as the token's state (window and
   * copy version) stays the same, and the state is read again at most every {@link
   * #RECHECK_MILLIS}: any write to the copy, by this instance or another sharing the database,
   * changes the version, and this instance's own writes also drop what it kept.
   *
   * @throws UpstreamRefusal 429 when the window is open but this folder was never stored
   */
  private SearchAnswer withinWindow(TokenHash hash, NotificationQuery query) {
    long writesBefore = ownWrites.get(stripe(hash));
    long now = clockMillis.getAsLong();
    KeptAnswers kept = answers.get(hash);
    if (kept != null && trusted(hash, kept, now)) {
      SearchAnswer answer = kept.byQuery().get(query);
      if (answer != null) {
        return answer;
      }
    }
    Optional<TokenState> state = store.tokenState(hash);
    long window = windowOf(hash);
    if (state.isEmpty() || now - state.get().lastSearchAtMillis() >= window) {
      return null;
    }
    TokenState current = state.get();
    if (kept != null && kept.state().equals(current)) {
      kept.checkedAtMillis(now);
      SearchAnswer answer = kept.byQuery().get(query);
      if (answer != null) {
        return answer;
      }
    }
    Optional<FolderCopy> copy = store.folder(hash, query.folderOrInbox());
    if (copy.isEmpty()) {
      long waitMillis = current.lastSearchAtMillis() + window - now;
      throw new UpstreamRefusal(
          429,
          "at most one backpack.tf search per token every "
              + windowMillis / 1000
              + " s, and this folder is not stored yet; retry after "
              + ceilSeconds(waitMillis)
              + " s",
          ceilSeconds(waitMillis));
    }
    // The state was read before the copy, so the answer is at least as new as the state it is
    // kept under: a write in between changes the version and the next poll computes it again.
    SearchAnswer answer = local(hash, query, copy.get(), SearchAnswer.Source.STORE, false);
    keep(hash, current, query, answer, now, writesBefore);
    return answer;
  }

  /**
   * The answer kept for this query whether or not its window is still open, or null. Only while
   * another request holds the token's turn, or is checking the token's state: a search's refresh
   * and a write both drop what was kept before they release the turn, so what this finds predates
   * them only as a read that came a moment earlier would.
   */
  private SearchAnswer keptAnswer(TokenHash hash, NotificationQuery query) {
    KeptAnswers kept = answers.get(hash);
    return kept == null ? null : kept.byQuery().get(query);
  }

  /**
   * Answers kept for one token, valid while its state is {@code state}, which was last found
   * unchanged in the store at {@code checkedAtMillis}.
   */
  private static final class KeptAnswers {
    private final TokenState state;
    private final Map<NotificationQuery, SearchAnswer> byQuery = new ConcurrentHashMap<>();
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile long checkedAtMillis;

    KeptAnswers(TokenState state, long checkedAtMillis) {
      this.state = state;
      this.checkedAtMillis = checkedAtMillis;
    }

    TokenState state() {
      return state;
    }

    Map<NotificationQuery, SearchAnswer> byQuery() {
      return byQuery;
    }

    long checkedAtMillis() {
      return checkedAtMillis;
    }

    void checkedAtMillis(long at) {
      checkedAtMillis = at;
    }

    /** True for the one request that is to check these answers; it must call {@link #endCheck}. */
    boolean startCheck() {
      return checking.compareAndSet(false, true);
    }

    void endCheck() {
      checking.set(false);
    }
  }

  /**
   * Keeps an answer unless one of this instance's writes happened since its state was read: that
   * write's {@link #dropKept} may already have run, and the answer may predate it.
   */
  private void keep(
      TokenHash hash,
      TokenState state,
      NotificationQuery query,
      SearchAnswer answer,
      long now,
      long writesBefore) {
    if (answers.size() >= MAX_KEPT_TOKENS) {
      answers.values().removeIf(kept -> now - kept.state().lastSearchAtMillis() >= windowMillis);
      if (answers.size() >= MAX_KEPT_TOKENS) {
        return;
      }
    }
    // Checked and stored under the key's lock, which dropKept's remove also takes: a write counted
    // after the check removes what was stored here.
    answers.compute(
        hash,
        (key, old) -> {
          if (ownWrites.get(stripe(hash)) != writesBefore) {
            return old;
          }
          KeptAnswers kept =
              old != null && old.state().equals(state) ? old : new KeptAnswers(state, now);
          if (kept.byQuery().size() < MAX_KEPT_QUERIES_PER_TOKEN) {
            kept.byQuery().putIfAbsent(query, answer);
          }
          return kept;
        });
  }

  /** After this instance wrote the token's copy: what it kept for the token is gone. */
  private void dropKept(TokenHash hash) {
    ownWrites.incrementAndGet(stripe(hash));
    answers.remove(hash);
  }

  /**
   * Another instance sharing the database claimed this window's upstream search: the stored copy
   * answers, or, when this folder was never stored, 429 until that search is stored.
   */
  private SearchAnswer searchedElsewhere(
      TokenHash hash, NotificationQuery query, Optional<FolderCopy> copy) {
    if (copy.isPresent()) {
      return local(hash, query, copy.get(), SearchAnswer.Source.STORE, false);
    }
    throw new UpstreamRefusal(
        429,
        "another request is searching backpack.tf for this token right now, and this folder is not"
            + " stored yet; retry after 1 s",
        1L);
  }

  private SearchAnswer fromUpstream(
      String token, TokenHash hash, NotificationQuery query, Optional<FolderCopy> copy, long now) {
    NotificationFolder folder = query.folderOrInbox();
    boolean refresh =
        copy.isPresent()
            && copy.get().complete()
            && copy.get().newestSent() != null
            && now - copy.get().fullSyncAtMillis() < fullSyncMillis;
    if (refresh || (copy.isPresent() && copy.get().complete() && !query.isNewestPageOfFolder())) {
      // The copy answers every query once it is current: refresh it, with since when that is
      // enough, whole (the newest page, unfiltered) otherwise.
      String body =
          upstream.search(
              token, folder.code(), null, refresh ? copy.get().newestSent() : null, null);
      store.saveSearch(hash, folder, page(body), !refresh, now);
      dropKept(hash);
      // Answered as a poll within the new window is, which also keeps the answer for the polls
      // that follow: left to them, each would read the store until one of them had kept it, and
      // when every token's window turns at once those reads queue for the database's connections
      // behind each other (the proxy benchmark's slowest 2 %).
      SearchAnswer kept = withinWindow(hash, query);
      if (kept != null) {
        return kept.from(SearchAnswer.Source.REFRESHED);
      }
      // A window of no length, or a clock that jumped past it: nothing to keep.
      FolderCopy current = store.folder(hash, folder).orElseThrow();
      return local(hash, query, current, SearchAnswer.Source.REFRESHED, false);
    }
    String body =
        upstream.search(
            token,
            query.folder() == null ? null : query.folder().code(),
            query.filter() == null ? null : query.filter().code(),
            query.since(),
            query.skip() == 0 ? null : query.skip());
    store.saveSearch(hash, folder, page(body), query.isNewestPageOfFolder(), now);
    dropKept(hash);
    boolean complete = store.folder(hash, folder).map(FolderCopy::complete).orElse(false);
    return new SearchAnswer(body, SearchAnswer.Source.UPSTREAM, now, false, complete);
  }

  private SearchAnswer local(
      TokenHash hash,
      NotificationQuery query,
      FolderCopy copy,
      SearchAnswer.Source source,
      boolean stale) {
    List<StoredNotification> notifications =
        store.page(
            hash,
            query.folderOrInbox(),
            query.filterOrAll().types(),
            query.since(),
            query.skip(),
            PAGE_SIZE);
    StringBuilder json = new StringBuilder(128 + notifications.size() * 400);
    json.append("{\"folder_count\":").append(copy.folderCount());
    json.append(",\"page_size\":").append(PAGE_SIZE);
    json.append(",\"skip\":").append(query.skip()).append(",\"notifications\":[");
    for (int i = 0; i < notifications.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      notifications.get(i).appendJson(json);
    }
    json.append("]}");
    return new SearchAnswer(json.toString(), source, copy.syncedAtMillis(), stale, copy.complete());
  }

  /**
   * The folder's size as last known, from the stored copy only (never upstream): what a page shows
   * on the tab of the folder it is not showing. Empty when the folder was never stored.
   */
  public java.util.OptionalInt storedCount(String token, NotificationFolder folder) {
    Optional<FolderCopy> copy = store.folder(TokenHash.of(token), folder);
    return copy.isPresent()
        ? java.util.OptionalInt.of(copy.get().folderCount())
        : java.util.OptionalInt.empty();
  }

  /** Marks the folder read upstream, then in the copy; answers upstream's body. */
  public String markFolderRead(String token, NotificationFolder folder) {
    TokenHash hash = TokenHash.of(token);
    return inTurn(
        hash,
        () -> {
          String body = upstream.markFolderRead(token, folder.code());
          modified(body);
          store.markedRead(hash, folder);
          dropKept(hash);
          return body;
        });
  }

  /** Empties the folder upstream, then in the copy; answers upstream's body. */
  public String emptyFolder(String token, NotificationFolder folder) {
    TokenHash hash = TokenHash.of(token);
    return inTurn(
        hash,
        () -> {
          String body = upstream.emptyFolder(token, folder.code());
          modified(body);
          store.emptied(hash, folder);
          dropKept(hash);
          return body;
        });
  }

  /**
   * Deletes the ids upstream in calls of at most {@link #UPSTREAM_MAX_IDS}, updating the copy after
   * each; answers upstream's body for one call, the sum of {@code modified} for several. A failure
   * stops the rest; what was deleted before it stays deleted in the copy too.
   */
  public String delete(String token, List<String> ids) {
    TokenHash hash = TokenHash.of(token);
    return inTurn(
        hash,
        () -> {
          List<List<String>> chunks = NotificationParameters.chunks(ids, UPSTREAM_MAX_IDS);
          long total = 0;
          String last = null;
          for (List<String> chunk : chunks) {
            last = upstream.delete(token, chunk);
            long modified = modified(last);
            store.deleted(hash, chunk, modified);
            dropKept(hash);
            total += modified;
          }
          return chunks.size() == 1 ? last : "{\"modified\":" + total + "}";
        });
  }

  private <T> T inTurn(TokenHash hash, java.util.function.Supplier<T> work) {
    ReentrantLock turn = turns[stripe(hash)];
    turn.lock();
    try {
      return work.get();
    } finally {
      turn.unlock();
    }
  }

  private static int stripe(TokenHash hash) {
    return Math.floorMod(hash.hex().hashCode(), STRIPES);
  }

  private static UpstreamPage page(String body) {
    try {
      return UpstreamPage.parse(body);
    } catch (IllegalArgumentException e) {
      throw UpstreamFailure.unreachable("answered a search with " + e.getMessage());
    }
  }

  /** Upstream's {@code modified} count. */
  static long modified(String body) {
    try (JsonReader reader = JSON.createReader(new StringReader(body))) {
      JsonObject json = reader.readObject();
      if (json.get("modified") instanceof JsonNumber modified) {
        return modified.longValue();
      }
    } catch (JsonException | IllegalStateException | ClassCastException e) {
      // not JSON: reported below like JSON without the count
    }
    throw UpstreamFailure.unreachable("answered without the documented modified count");
  }

  private static long ceilSeconds(long millis) {
    return Math.max(1, (millis + 999) / 1000);
  }
}
