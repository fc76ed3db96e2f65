package org.tradewatch.core.notification;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The notifications proxy: searches answered from the stored copy or upstream as {@link
 * PollingPolicy} rules, mutations that go upstream at once and then update the copy, so the next
 * search agrees. While upstream is unavailable a stored copy answers, marked stale.
 *
 * <p>Thread-safe. A token's upstream calls and writes take turns ({@link TokenTurns}); answers from
 * the copy take none, are kept while the token's state stays the same ({@link AnswerCache}), and
 * stand in while one request reads that state again or searches upstream, or while another request
 * holds the turn. Instances of a cluster share the upstream budgets through claims in the shared
 * store ({@link UpstreamClaims}).
 */
public final class NotificationService {

  /** The most ids upstream takes in one delete. */
  public static final int UPSTREAM_MAX_IDS = 200;

  private final NotificationsUpstream upstream;
  private final NotificationStore store;
  private final LongSupplier clockMillis;
  private final PollingPolicy policy;
  private final UpstreamClaims claims;
  private final AnswerCache cache = new AnswerCache();
  private final TokenTurns turns = new TokenTurns();

  public NotificationService(
      NotificationsUpstream upstream,
      NotificationStore store,
      LongSupplier clockMillis,
      PollingPolicy policy) {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    this.store = Objects.requireNonNull(store, "store");
    this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.claims = new UpstreamClaims(store, policy);
  }

  /**
   * Answers a search.
   *
   * @throws UpstreamFailure when upstream refused or failed and nothing stored could stand in, or
   *     429 when a budget does not allow asking upstream yet
   */
  public SearchAnswer search(String token, NotificationQuery query) {
    TokenHash hash = TokenHash.of(token);
    AnswerCache.Kept kept = cache.get(hash);
    SearchAnswer keptAnswer = kept == null ? null : kept.answer(query);
    if (keptAnswer != null) {
      if (AnswerCache.trusted(kept, clockMillis.getAsLong(), policy.windowOf(hash))) {
        return keptAnswer;
      }
      // Time to read the token's state again (and, past the window, to search upstream): one
      // request does, and the kept answer stands in for the others meanwhile, rather than queue
      // them for the database's connections and behind the upstream call.
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

  private SearchAnswer searchChecked(String token, TokenHash hash, NotificationQuery query) {
    // While the window is open the copy answers, and reading it takes no turn: turns only keep a
    // token's upstream calls and writes to one at a time.
    Lookup found = withinWindow(hash, query);
    if (found.answer() != null) {
      return found.answer();
    }
    if (found.withinWindow()) {
      return loadPage(token, hash, query);
    }
    ReentrantLock turn = turns.of(hash);
    if (!turn.tryLock()) {
      // Another request holds the turn (a write to this token's copy, or a search for a token of
      // the same stripe): rather than wait for it, an answer kept from the window that just closed
      // stands in, as it would have a moment before.
      SearchAnswer meanwhile = cache.anyAge(hash, query);
      if (meanwhile != null) {
        return meanwhile;
      }
      turn.lock();
    }
    try {
      // The request that held the turn before this one may just have searched upstream.
      found = withinWindow(hash, query);
      if (found.answer() != null) {
        return found.answer();
      }
      if (found.withinWindow()) {
        return loadPage(token, hash, query);
      }
      long now = clockMillis.getAsLong();
      Optional<FolderCopy> copy = store.folder(hash, query.folderOrInbox());
      if (!claims.claimPoll(hash, now)) {
        // Another instance sharing the database is searching for this token right now.
        SearchAnswer held = fromCopy(hash, query, copy, SearchAnswer.Source.STORE, false);
        if (held != null) {
          return held;
        }
        throw UpstreamClaims.searchingElsewhere();
      }
      try {
        return poll(token, hash, query, copy.orElse(null), now);
      } catch (UpstreamUnavailable e) {
        // Nothing was stored: the next request may try again, here or on another instance.
        claims.releasePoll(hash, now);
        SearchAnswer held = fromCopy(hash, query, copy, SearchAnswer.Source.STORE, true);
        if (held != null) {
          return held;
        }
        throw e;
      }
    } finally {
      turn.unlock();
    }
  }

  /**
   * What the copy says within the token's polling window: its answer, or that it does not hold the
   * page asked for ({@code withinWindow} true, no answer), or that the window has passed (false).
   */
  private record Lookup(SearchAnswer answer, boolean withinWindow) {
    static final Lookup PAST_WINDOW = new Lookup(null, false);
    static final Lookup NOT_HELD = new Lookup(null, true);
  }

  /**
   * The copy's answer while the token's polling window is open. Answers computed from the store are
   * kept (see {@link AnswerCache}).
   */
  private Lookup withinWindow(TokenHash hash, NotificationQuery query) {
    long writesBefore = cache.writesBefore(hash);
    long now = clockMillis.getAsLong();
    long window = policy.windowOf(hash);
    AnswerCache.Kept kept = cache.get(hash);
    if (kept != null && AnswerCache.trusted(kept, now, window)) {
      SearchAnswer answer = kept.answer(query);
      if (answer != null) {
        return new Lookup(answer, true);
      }
    }
    Optional<TokenState> state = store.tokenState(hash);
    if (!policy.withinWindow(hash, state.orElse(null), now)) {
      return Lookup.PAST_WINDOW;
    }
    TokenState current = state.get();
    if (kept != null && kept.state().equals(current)) {
      kept.checked(now);
      SearchAnswer answer = kept.answer(query);
      if (answer != null) {
        return new Lookup(answer, true);
      }
    }
    // The state was read before the copy, so the answer is at least as new as the state it is
    // kept under: a write in between changes the version and the next poll computes it again.
    SearchAnswer answer =
        fromCopy(
            hash,
            query,
            store.folder(hash, query.folderOrInbox()),
            SearchAnswer.Source.STORE,
            false);
    if (answer == null) {
      return Lookup.NOT_HELD;
    }
    cache.keep(hash, current, query, answer, now, writesBefore, policy.windowMillis());
    return new Lookup(answer, true);
  }

  /**
   * The copy's answer to the query, or null when the copy does not hold that page: a complete copy
   * answers anything; an incomplete one the pages upstream gave, and what its newest page decides
   * alone (whichever upstream gave later, when both can).
   */
  private SearchAnswer fromCopy(
      TokenHash hash,
      NotificationQuery query,
      Optional<FolderCopy> copy,
      SearchAnswer.Source source,
      boolean stale) {
    if (copy.isEmpty()) {
      return null;
    }
    FolderCopy folder = copy.get();
    if (folder.complete()) {
      List<StoredNotification> notifications =
          store.page(
              hash,
              query.folderOrInbox(),
              query.filterOrAll().types(),
              query.since(),
              query.skip(),
              PollingPolicy.PAGE_SIZE);
      return answer(folder, query, notifications, folder.syncedAtMillis(), source, stale);
    }
    NotificationQuery key = query.normalized();
    Optional<HeldPage> exact = store.heldPage(hash, key);
    if (!key.isNewestPageOfFolder()) {
      Optional<HeldPage> newest = store.heldPage(hash, NotificationQuery.newestPage(key.folder()));
      Optional<List<StoredNotification>> decided =
          newest.flatMap(page -> policy.fromNewestPage(page.notifications(), key));
      if (decided.isPresent()
          && (exact.isEmpty() || newest.get().fetchedAtMillis() > exact.get().fetchedAtMillis())) {
        return answer(folder, query, decided.get(), newest.get().fetchedAtMillis(), source, stale);
      }
    }
    return exact
        .map(
            page ->
                answer(folder, query, page.notifications(), page.fetchedAtMillis(), source, stale))
        .orElse(null);
  }

  private static SearchAnswer answer(
      FolderCopy folder,
      NotificationQuery query,
      List<StoredNotification> notifications,
      long syncedAtMillis,
      SearchAnswer.Source source,
      boolean stale) {
    return new SearchAnswer(
        new NotificationPage(
            folder.folderCount(), PollingPolicy.PAGE_SIZE, query.skip(), notifications),
        source,
        syncedAtMillis,
        stale,
        folder.complete());
  }

  /** Past the window, with the poll claimed: brings the copy up to date and answers. */
  private SearchAnswer poll(
      String token, TokenHash hash, NotificationQuery query, FolderCopy copy, long now) {
    NotificationFolder folder = query.folderOrInbox();
    switch (policy.refresh(copy, query, now)) {
      case PASS_THROUGH -> {
        return passThrough(token, hash, query, now);
      }
      case SINCE -> {
        NotificationPage page =
            UpstreamDecoder.page(
                upstream.search(token, folder.code(), null, copy.newestSent(), null));
        if (policy.isFull(page)) {
          saveNewestPage(hash, folder, page, now);
        } else {
          store.saveRefresh(hash, folder, page, now);
        }
      }
      case WHOLE ->
          saveNewestPage(
              hash,
              folder,
              UpstreamDecoder.page(upstream.search(token, folder.code(), null, null, null)),
              now);
    }
    cache.dropKept(hash);
    // Answered as a poll within the new window is, which also keeps the answer for the polls that
    // follow: left to them, each would read the store until one of them had kept it.
    Lookup found = withinWindow(hash, query);
    if (found.answer() != null) {
      return found.answer().from(SearchAnswer.Source.REFRESHED);
    }
    if (!found.withinWindow()) {
      // A window of no length, or a clock that jumped past it: nothing to keep.
      SearchAnswer answer =
          fromCopy(hash, query, store.folder(hash, folder), SearchAnswer.Source.REFRESHED, false);
      if (answer != null) {
        return answer;
      }
    }
    // The refresh found the folder grown past one page: the copy no longer holds this one.
    return loadPage(token, hash, query);
  }

  private void saveNewestPage(
      TokenHash hash, NotificationFolder folder, NotificationPage page, long now) {
    NotificationQuery newest = NotificationQuery.newestPage(folder);
    if (policy.isWholeFolder(newest, page)) {
      store.saveWholeFolder(hash, folder, page, now);
    } else {
      store.saveHeldPage(hash, newest, page, now);
    }
  }

  /**
   * A page the copy does not hold, loaded from upstream at once if the page-load budget allows, or
   * refused with 429 saying when it will.
   */
  private SearchAnswer loadPage(String token, TokenHash hash, NotificationQuery query) {
    return turns.inTurn(
        hash,
        () -> {
          // Another request for the same page may have loaded it while this one waited its turn.
          Lookup found = withinWindow(hash, query);
          if (found.answer() != null) {
            return found.answer();
          }
          long now = clockMillis.getAsLong();
          if (!claims.claimPageLoad(hash, now)) {
            throw claims.pageLoadRefused();
          }
          return passThrough(token, hash, query, now);
        });
  }

  /**
   * Sends the client's own query upstream and answers with upstream's page, which the copy holds
   * from then on (the whole folder, when it is all on the page).
   */
  private SearchAnswer passThrough(
      String token, TokenHash hash, NotificationQuery query, long now) {
    NotificationPage page =
        UpstreamDecoder.page(
            upstream.search(
                token,
                query.folder() == null ? null : query.folder().code(),
                query.filter() == null ? null : query.filter().code(),
                query.since(),
                query.skip() == 0 ? null : query.skip()));
    NotificationQuery key = query.normalized();
    boolean whole = policy.isWholeFolder(key, page);
    if (whole) {
      store.saveWholeFolder(hash, key.folder(), page, now);
    } else {
      store.saveHeldPage(hash, key, page, now);
    }
    cache.dropKept(hash);
    return new SearchAnswer(page, SearchAnswer.Source.UPSTREAM, now, false, whole);
  }

  /**
   * The folder's size as last known, from the stored copy only (never upstream): what a page shows
   * on the tab of the folder it is not showing. Empty when the folder was never stored.
   */
  public OptionalInt folderCount(String token, NotificationFolder folder) {
    Optional<FolderCopy> copy = store.folder(TokenHash.of(token), folder);
    return copy.isPresent() ? OptionalInt.of(copy.get().folderCount()) : OptionalInt.empty();
  }

  /** Marks the folder read upstream, then in the copy; answers upstream's {@code modified}. */
  public long markFolderRead(String token, NotificationFolder folder) {
    TokenHash hash = TokenHash.of(token);
    return turns.inTurn(
        hash,
        () -> {
          long modified = UpstreamDecoder.modified(upstream.markFolderRead(token, folder.code()));
          store.markedRead(hash, folder);
          cache.dropKept(hash);
          return modified;
        });
  }

  /** Empties the folder upstream, then in the copy; answers upstream's {@code modified}. */
  public long emptyFolder(String token, NotificationFolder folder) {
    TokenHash hash = TokenHash.of(token);
    return turns.inTurn(
        hash,
        () -> {
          long modified = UpstreamDecoder.modified(upstream.emptyFolder(token, folder.code()));
          store.emptied(hash, folder);
          cache.dropKept(hash);
          return modified;
        });
  }

  /**
   * Deletes the ids upstream in calls of at most {@link #UPSTREAM_MAX_IDS}, updating the copy after
   * each; answers the sum of upstream's {@code modified}. A failure stops the rest; what was
   * deleted before it stays deleted in the copy too.
   */
  public long delete(String token, List<String> ids) {
    TokenHash hash = TokenHash.of(token);
    return turns.inTurn(
        hash,
        () -> {
          long total = 0;
          for (List<String> chunk : NotificationParameters.chunks(ids, UPSTREAM_MAX_IDS)) {
            long modified = UpstreamDecoder.modified(upstream.delete(token, chunk));
            store.deleted(hash, chunk, modified);
            cache.dropKept(hash);
            total += modified;
          }
          return total;
        });
  }

  /**
   * Forgets what the copy holds for the token, as when the account that stored it is deleted: the
   * next search for it loads from upstream, within the same budgets as before. Takes the token's
   * turn, so a search or a mutation in progress writes before, not after, the copy is forgotten.
   */
  public void forget(String token) {
    TokenHash hash = TokenHash.of(token);
    turns.inTurn(
        hash,
        () -> {
          store.forget(hash);
          cache.dropKept(hash);
          return null;
        });
  }
}
