package org.tradewatch.web.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.tradewatch.core.account.AccountStore;
import org.tradewatch.core.notification.TokenHash;
import org.tradewatch.web.notification.UpstreamAnswered;

/**
 * Records when backpack.tf last answered a call made with an account's stored token, for Settings.
 *
 * <p>The proxy knows tokens, not accounts: {@link Accounts#token} tells this which account's stored
 * token (by its hash) it just handed out, and each {@link UpstreamAnswered} for that hash is a use
 * of it. Polls come every few seconds, so a use is written at most once per {@link
 * #INTERVAL_MILLIS} per account on each instance, never once per poll; Settings may therefore show
 * a use up to that much late. A write that finds the account storing another token or none
 * (replaced, removed, deleted) records nothing.
 */
@ApplicationScoped
public class TokenUses {

  /** At most one write per account this often. */
  static final long INTERVAL_MILLIS = 60_000;

  /**
   * Tokens followed at once; past this the map starts over (those still in use are handed out again
   * at their next request), so that accounts that come and go cannot grow it without bound.
   */
  static final int MAX_TOKENS = 100_000;

  private static final Logger LOG = Logger.getLogger(TokenUses.class.getName());

  @Inject AccountStore store;

  /** An account's stored token as handed out, and when its use was last written here. */
  private record Holder(String accountKey, String ciphertext, AtomicLong writtenAtMillis) {
    boolean is(String key, String stored) {
      return accountKey.equals(key) && ciphertext.equals(stored);
    }
  }

  private final ConcurrentMap<TokenHash, Holder> holders = new ConcurrentHashMap<>();

  /**
   * The account {@code accountKey} handed out its stored {@code token}, stored as {@code
   * ciphertext}: from now on backpack.tf answering a call made with it is a use of it. When two
   * accounts store one token, the last to hand it out is the one credited.
   */
  void holding(String token, String accountKey, String ciphertext) {
    Objects.requireNonNull(accountKey, "accountKey");
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (holders.size() >= MAX_TOKENS) {
      holders.clear();
    }
    holders.compute(
        TokenHash.of(token),
        (hash, old) ->
            old != null && old.is(accountKey, ciphertext)
                ? old
                : new Holder(accountKey, ciphertext, new AtomicLong(Long.MIN_VALUE)));
  }

  /**
   * backpack.tf answered a call made with the token: recorded for the account that handed it out,
   * unless that account's use was written less than {@link #INTERVAL_MILLIS} ago. Never throws: the
   * call it follows has succeeded, and a failed record must not turn it into an error.
   */
  void answered(@Observes UpstreamAnswered answer) {
    Holder holder = holders.get(answer.token());
    if (holder == null) {
      return;
    }
    long now = answer.atMillis();
    long written = holder.writtenAtMillis().get();
    if (written != Long.MIN_VALUE && now - written < INTERVAL_MILLIS) {
      return;
    }
    if (!holder.writtenAtMillis().compareAndSet(written, now)) {
      // Another answer for the same token is being recorded right now.
      return;
    }
    try {
      // False when the account stores another token now, or a later use is recorded (another
      // instance): either way nothing to do, and the interval still holds for the next answer.
      store.tokenUsed(holder.accountKey(), holder.ciphertext(), Instant.ofEpochMilli(now));
    } catch (RuntimeException e) {
      // Tried again at the next answer.
      holder.writtenAtMillis().compareAndSet(now, written);
      LOG.warning(
          () ->
              "Could not record the use of the stored token of "
                  + holder.accountKey()
                  + ": "
                  + e.getClass().getName());
    }
  }
}
