package org.tradewatch.core.notification;

/**
 * The two upstream budgets of a token, claimed in the shared store before upstream is asked, so
 * that the instances of a cluster keep to them between them: the polling search of each window, and
 * the page loads. A claim that fails is answered with a 429 that says when to retry.
 */
final class UpstreamClaims {

  private final NotificationStore store;
  private final PollingPolicy policy;

  UpstreamClaims(NotificationStore store, PollingPolicy policy) {
    this.store = store;
    this.policy = policy;
  }

  /** Claims the window's polling search; false when it was searched or claimed within it. */
  boolean claimPoll(TokenHash hash, long nowMillis) {
    return store.claimSearch(hash, nowMillis, policy.windowOf(hash));
  }

  /** Gives back a polling claim whose search failed, so the next request may try again. */
  void releasePoll(TokenHash hash, long claimedAtMillis) {
    store.releaseClaim(hash, claimedAtMillis);
  }

  /** Claims a page load; false when one was claimed within the page-load interval. */
  boolean claimPageLoad(TokenHash hash, long nowMillis) {
    return store.claimPageLoad(hash, nowMillis, policy.pageLoadIntervalMillis());
  }

  /** The answer to a page load the budget does not allow yet. */
  UpstreamRefusal pageLoadRefused() {
    long seconds = PollingPolicy.retryAfterSeconds(policy.pageLoadIntervalMillis());
    return new UpstreamRefusal(
        429,
        "this page is not in Tradewatch's copy, and backpack.tf is asked for such pages at most"
            + " once every "
            + seconds
            + " s per token; retry after "
            + seconds
            + " s",
        seconds);
  }

  /** The answer while another request searches upstream for the token and nothing is held. */
  static UpstreamRefusal searchingElsewhere() {
    return new UpstreamRefusal(
        429,
        "another request is searching backpack.tf for this token right now, and this page is not"
            + " stored yet; retry after 1 s",
        1L);
  }
}
