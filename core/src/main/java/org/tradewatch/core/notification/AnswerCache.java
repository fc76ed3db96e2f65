package org.tradewatch.core.notification;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Answers kept per token and query while the token's state (window and copy version) stays the
 * same, so that a poll within the window costs no database read. The state is read again at most
 * every {@link #RECHECK_MILLIS}: any write to the copy, by this instance or another sharing the
 * database, changes the version, and this instance's own writes also drop what it kept.
 *
 * <p>Thread-safe.
 */
final class AnswerCache {

  /**
   * How long kept answers are trusted without reading the token's state again. This instance's own
   * writes drop them at once; a change made by another instance sharing the database shows within
   * this long (and the time the read takes).
   */
  static final long RECHECK_MILLIS = 1_000;

  /**
   * Bounds on the kept answers: tokens (answers of tokens whose window closed are dropped first)
   * and distinct queries per token (since and skip are the client's to choose).
   */
  private static final int MAX_KEPT_TOKENS = 10_000;

  private static final int MAX_KEPT_QUERIES_PER_TOKEN = 32;

  private final Map<TokenHash, Kept> answers = new ConcurrentHashMap<>();

  /**
   * This instance's own writes, counted by stripe, so that a poll racing a write to its token never
   * keeps what it read. By stripe, not one count: when every token's window turns at once, a single
   * count changes so often that hardly any poll could keep its answer.
   */
  private final AtomicLongArray ownWrites = new AtomicLongArray(TokenTurns.STRIPES);

  /** What is kept for the token, or null. */
  Kept get(TokenHash hash) {
    return answers.get(hash);
  }

  /** The answer kept for the query whatever its age, or null. */
  SearchAnswer anyAge(TokenHash hash, NotificationQuery query) {
    Kept kept = answers.get(hash);
    return kept == null ? null : kept.byQuery.get(query);
  }

  /**
   * Whether kept answers may be used without reading the token's state: checked less than {@link
   * #RECHECK_MILLIS} ago, and the token's window ({@code windowMillis}) still open.
   */
  static boolean trusted(Kept kept, long nowMillis, long windowMillis) {
    return nowMillis - kept.checkedAtMillis < RECHECK_MILLIS
        && nowMillis - kept.state.lastSearchAtMillis() < windowMillis;
  }

  /** To be read before the token's state, and handed to {@link #keep} with what was read. */
  long writesBefore(TokenHash hash) {
    return ownWrites.get(TokenTurns.stripe(hash));
  }

  /**
   * Keeps an answer computed from the copy under the state read before it, unless one of this
   * instance's writes happened since {@code writesBefore}: that write's {@link #dropKept} may
   * already have run, and the answer may predate it.
   *
   * @param windowMillis answers of tokens whose window this old are dropped first when full
   */
  void keep(
      TokenHash hash,
      TokenState state,
      NotificationQuery query,
      SearchAnswer answer,
      long nowMillis,
      long writesBefore,
      long windowMillis) {
    if (answers.size() >= MAX_KEPT_TOKENS) {
      answers
          .values()
          .removeIf(kept -> nowMillis - kept.state.lastSearchAtMillis() >= windowMillis);
      if (answers.size() >= MAX_KEPT_TOKENS) {
        return;
      }
    }
    // Checked and stored under the key's lock, which dropKept's remove also takes: a write counted
    // after the check removes what was stored here.
    answers.compute(
        hash,
        (key, old) -> {
          if (ownWrites.get(TokenTurns.stripe(hash)) != writesBefore) {
            return old;
          }
          Kept kept = old != null && old.state.equals(state) ? old : new Kept(state, nowMillis);
          if (kept.byQuery.size() < MAX_KEPT_QUERIES_PER_TOKEN) {
            kept.byQuery.putIfAbsent(query, answer);
          }
          return kept;
        });
  }

  /** After this instance wrote the token's copy: what it kept for the token is gone. */
  void dropKept(TokenHash hash) {
    ownWrites.incrementAndGet(TokenTurns.stripe(hash));
    answers.remove(hash);
  }

  /**
   * Answers kept for one token, valid while its state is {@code state}, which was last found
   * unchanged in the store at {@code checkedAtMillis}.
   */
  static final class Kept {
    private final TokenState state;
    private final Map<NotificationQuery, SearchAnswer> byQuery = new ConcurrentHashMap<>();
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile long checkedAtMillis;

    Kept(TokenState state, long checkedAtMillis) {
      this.state = state;
      this.checkedAtMillis = checkedAtMillis;
    }

    TokenState state() {
      return state;
    }

    SearchAnswer answer(NotificationQuery query) {
      return byQuery.get(query);
    }

    /** The state was found unchanged in the store at {@code atMillis}. */
    void checked(long atMillis) {
      checkedAtMillis = atMillis;
    }

    /** True for the one request that is to check these answers; it must call {@link #endCheck}. */
    boolean startCheck() {
      return checking.compareAndSet(false, true);
    }

    void endCheck() {
      checking.set(false);
    }
  }
}
