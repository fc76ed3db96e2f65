package org.tradewatch.core.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy's rules through the service, over the store's contract in memory and an upstream that
 * answers as the documented API does, with a hand-moved clock.
 */
class NotificationServiceTest {

  private static final String TOKEN = "0123456789abcdef01234567";
  private static final long WINDOW = 30_000;
  private static final long PAGE_LOAD = 1_000;
  private static final long FULL_SYNC = 600_000;

  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final FakeUpstream upstream = new FakeUpstream();
  private final InMemoryNotificationStore store = new InMemoryNotificationStore();
  private final NotificationService service =
      new NotificationService(
          upstream, store, clock::get, new PollingPolicy(WINDOW, 0, FULL_SYNC, PAGE_LOAD));
  private final ExecutorService background = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    background.shutdownNow();
  }

  private SearchAnswer search(String folder, String filter, String since, String skip) {
    return service.search(TOKEN, NotificationParameters.query(folder, filter, since, skip));
  }

  private SearchAnswer inbox() {
    return search("0", null, null, null);
  }

  private static List<String> ids(SearchAnswer answer) {
    return answer.page().notifications().stream().map(StoredNotification::id).toList();
  }

  @Test
  void pollsWithinTheWindowAreAnsweredFromWhatWasKeptWithoutReadingTheStore() {
    upstream.add(5, 0, 11, 100);
    assertEquals(SearchAnswer.Source.UPSTREAM, inbox().source());
    clock.addAndGet(100);
    SearchAnswer kept = inbox();
    assertEquals(SearchAnswer.Source.STORE, kept.source());
    int reads = store.reads;
    for (int i = 0; i < 20; i++) {
      clock.addAndGet(10);
      assertSame(kept, inbox());
    }
    assertEquals(reads, store.reads, "no store read within a second of the last check");
    clock.addAndGet(AnswerCache.RECHECK_MILLIS);
    assertSame(kept, inbox());
    assertEquals(reads + 1, store.reads, "one read of the token's state, then kept again");
    assertEquals(1, upstream.searchCount());
  }

  @Test
  void aForgottenTokenIsNoLongerAnsweredFromTheCopyYetStaysWithinItsBudgets() {
    upstream.add(3, 0, 11, 100);
    assertEquals(SearchAnswer.Source.UPSTREAM, inbox().source());
    clock.addAndGet(100);
    assertEquals(SearchAnswer.Source.STORE, inbox().source(), "kept, and stored");

    service.forget(TOKEN);
    assertEquals(0, store.stored(TokenHash.of(TOKEN)), "nothing of the token is stored");
    assertTrue(service.folderCount(TOKEN, NotificationFolder.INBOX).isEmpty());
    // Within the window the page loads again, as a page the copy does not hold: within the
    // page-load budget, never as a second polling search.
    clock.addAndGet(PAGE_LOAD);
    SearchAnswer reloaded = inbox();
    assertEquals(SearchAnswer.Source.UPSTREAM, reloaded.source(), "not what was kept before");
    assertEquals(upstream.ids(0), ids(reloaded));
    clock.addAndGet(100);
    assertThrows(
        UpstreamRefusal.class, () -> search("1", null, null, null), "the page-load budget holds");
    assertEquals(2, upstream.searchCount());
  }

  @Test
  void pastTheWindowOneSearchRefreshesACompleteCopyWithSince() {
    upstream.add(3, 0, 11, 100);
    SearchAnswer first = inbox();
    assertTrue(first.complete());
    upstream.add(2, 0, 11, 200);
    clock.addAndGet(WINDOW - 1);
    assertEquals(3, inbox().page().notifications().size(), "the copy until the window has passed");
    clock.addAndGet(1);
    SearchAnswer refreshed = inbox();
    assertEquals(SearchAnswer.Source.REFRESHED, refreshed.source());
    assertEquals(upstream.ids(0), ids(refreshed));
    assertEquals(List.of("0 - - -", "0 - 100 -"), upstream.searches);
  }

  @Test
  void aPageTheCopyDoesNotHoldLoadsAtOnceAndIsThenAnsweredAsUpstreamGaveIt() {
    upstream.add(130, 0, 11, 100);
    List<String> before = upstream.ids(0);
    SearchAnswer first = inbox();
    assertEquals(before.subList(0, 60), ids(first));
    assertFalse(first.complete());

    clock.addAndGet(500);
    SearchAnswer older = search("0", null, null, "60");
    assertEquals(SearchAnswer.Source.UPSTREAM, older.source(), "not an empty page from the copy");
    assertEquals(before.subList(60, 120), ids(older));
    assertEquals(130, older.page().folderCount());

    // Upstream's pages move as notifications arrive; the same query within the window does not.
    upstream.add(5, 0, 11, 200);
    clock.addAndGet(100);
    SearchAnswer again = search("0", null, null, "60");
    assertEquals(SearchAnswer.Source.STORE, again.source());
    assertEquals(ids(older), ids(again));
    assertEquals(2, upstream.searchCount());

    // Another page within the page-load interval: refused, saying when.
    clock.addAndGet(100);
    UpstreamRefusal refused =
        assertThrows(UpstreamRefusal.class, () -> search("0", null, null, "120"));
    assertEquals(429, refused.clientStatus());
    assertEquals(1L, refused.retryAfterSeconds());
    assertTrue(refused.getMessage().contains("retry after 1 s"), refused.getMessage());
    assertEquals(2, upstream.searchCount());

    clock.addAndGet(PAGE_LOAD);
    SearchAnswer third = search("0", null, null, "120");
    assertEquals(SearchAnswer.Source.UPSTREAM, third.source());
    assertEquals(upstream.ids(0).subList(120, 135), ids(third));
  }

  @Test
  void anotherFolderLoadsAtOnceAndBothFoldersAreAnsweredFromTheCopyAfter() {
    upstream.add(5, 0, 11, 100);
    upstream.add(3, 1, 11, 100);
    assertEquals(SearchAnswer.Source.UPSTREAM, inbox().source());
    SearchAnswer archive = search("1", null, null, null);
    assertEquals(SearchAnswer.Source.UPSTREAM, archive.source(), "not refused for the window");
    assertEquals(upstream.ids(1), ids(archive));
    for (int i = 0; i < 10; i++) {
      clock.addAndGet(1_000);
      assertEquals(SearchAnswer.Source.STORE, inbox().source());
      assertEquals(SearchAnswer.Source.STORE, search("1", null, null, null).source());
    }
    assertEquals(2, upstream.searchCount());
    assertEquals(5, service.folderCount(TOKEN, NotificationFolder.INBOX).getAsInt());
    assertEquals(3, service.folderCount(TOKEN, NotificationFolder.ARCHIVE).getAsInt());
  }

  @Test
  void pollingAnOlderPageTooStaysAtOneSearchPerTokenPerWindow() {
    upstream.add(130, 0, 11, 100);
    inbox();
    clock.addAndGet(PAGE_LOAD);
    search("0", null, null, "60");
    long start = clock.get();
    for (int second = 0; second < 95; second++) {
      clock.addAndGet(1_000);
      assertEquals(60, search("0", null, null, "60").page().notifications().size());
      assertEquals(60, inbox().page().notifications().size());
    }
    long windows = (clock.get() - start) / WINDOW;
    assertEquals(2 + windows, upstream.searchCount(), "both first loads, then one per window");
  }

  @Test
  void sinceAndFilteredQueriesOfAnIncompleteCopyAreAnsweredByItsNewestPageWhenItDecides() {
    upstream.add(100, 0, 11, 1_000);
    upstream.add(10, 0, 11, 2_000);
    inbox();
    SearchAnswer since = search("0", null, "1500", null);
    assertEquals(SearchAnswer.Source.STORE, since.source());
    assertEquals(upstream.ids(0).subList(0, 10), ids(since));
    SearchAnswer subscriptions = search("0", "4", null, null);
    assertEquals(SearchAnswer.Source.STORE, subscriptions.source());
    assertEquals(upstream.ids(0).subList(0, 60), ids(subscriptions));
    assertEquals(1, upstream.searchCount());

    SearchAnswer older = search("0", null, "1000", "60");
    assertEquals(SearchAnswer.Source.UPSTREAM, older.source(), "notifications older than the page");
    assertEquals(2, upstream.searchCount());
  }

  @Test
  void aRefreshThatFillsItsPageHoldsTheNewestPageAndLoadsTheRestOnDemand() {
    upstream.add(10, 0, 11, 100);
    assertTrue(inbox().complete());
    upstream.add(70, 0, 11, 200);
    clock.addAndGet(WINDOW);
    SearchAnswer refreshed = inbox();
    assertEquals(SearchAnswer.Source.REFRESHED, refreshed.source());
    assertFalse(refreshed.complete(), "80 notifications: more than one page");
    assertEquals(upstream.ids(0).subList(0, 60), ids(refreshed));
    assertEquals(80, refreshed.page().folderCount());

    SearchAnswer older = search("0", null, null, "60");
    assertEquals(SearchAnswer.Source.UPSTREAM, older.source());
    assertEquals(upstream.ids(0).subList(60, 80), ids(older));
  }

  @Test
  void whileAnotherInstanceSearchesATokenAPageNothingHoldsIsRefusedForASecond() {
    assertTrue(store.claimSearch(TokenHash.of(TOKEN), clock.get(), WINDOW));
    UpstreamRefusal refused = assertThrows(UpstreamRefusal.class, this::inbox);
    assertEquals(429, refused.clientStatus());
    assertEquals(1L, refused.retryAfterSeconds());
    assertEquals(0, upstream.searchCount(), "no second search while the first is under way");

    store.releaseClaim(TokenHash.of(TOKEN), clock.get());
    upstream.add(1, 0, 11, 100);
    assertEquals(SearchAnswer.Source.UPSTREAM, inbox().source());
  }

  @Test
  void whileOneRequestRefreshesUpstreamTheOthersAreAnsweredFromTheCopyAtOnce() throws Exception {
    upstream.add(1, 0, 11, 100);
    inbox();
    clock.addAndGet(1_000);
    assertEquals(SearchAnswer.Source.STORE, inbox().source(), "kept");
    clock.addAndGet(WINDOW);
    upstream.add(1, 0, 11, 200);
    upstream.searching = new CountDownLatch(1);
    upstream.proceed = new CountDownLatch(1);
    try {
      Future<SearchAnswer> refresh = background.submit(this::inbox);
      assertTrue(upstream.searching.await(10, TimeUnit.SECONDS), "the refresh went upstream");
      SearchAnswer meanwhile = inbox();
      assertEquals(SearchAnswer.Source.STORE, meanwhile.source());
      assertEquals(1, meanwhile.page().folderCount(), "the copy before the refresh");
      assertFalse(meanwhile.stale(), "upstream is being asked");
      upstream.proceed.countDown();
      assertEquals(SearchAnswer.Source.REFRESHED, refresh.get(10, TimeUnit.SECONDS).source());
    } finally {
      upstream.proceed.countDown();
    }
    upstream.searching = null;
    assertEquals(2, inbox().page().folderCount(), "the refreshed copy from then on");
    assertEquals(2, upstream.searchCount());
  }

  @Test
  void pastTheWindowWhileAWriteHoldsTheTurnTheKeptAnswerStandsInAndTheWriteShowsAfter()
      throws Exception {
    upstream.add(1, 0, 11, 100);
    inbox();
    clock.addAndGet(1_000);
    inbox();
    clock.addAndGet(WINDOW);
    upstream.searching = new CountDownLatch(1);
    upstream.proceed = new CountDownLatch(1);
    try {
      Future<Long> markRead =
          background.submit(() -> service.markFolderRead(TOKEN, NotificationFolder.INBOX));
      assertTrue(upstream.searching.await(10, TimeUnit.SECONDS), "the write went upstream");
      SearchAnswer meanwhile = inbox();
      assertEquals(SearchAnswer.Source.STORE, meanwhile.source());
      assertTrue(meanwhile.page().notifications().get(0).unread(), "as before the write");
      assertEquals(1, upstream.searchCount(), "no search while the write holds the turn");
      upstream.proceed.countDown();
      assertEquals(1L, markRead.get(10, TimeUnit.SECONDS));
    } finally {
      upstream.proceed.countDown();
    }
    upstream.searching = null;
    assertFalse(inbox().page().notifications().get(0).unread(), "the write dropped the kept one");
  }

  @Test
  void aStoredCopyStandsInWhileUpstreamIsDownAndNothingStoredMeansTheFailure() {
    upstream.add(1, 0, 11, 100);
    inbox();
    clock.addAndGet(WINDOW);
    upstream.failure = UpstreamFailure.timeout(10_000);
    SearchAnswer stale = inbox();
    assertTrue(stale.stale());
    assertEquals(SearchAnswer.Source.STORE, stale.source());
    assertEquals(1, stale.page().notifications().size());
    UpstreamFailure failure =
        assertThrows(UpstreamFailure.class, () -> search("1", null, null, null));
    assertEquals(504, failure.clientStatus());
  }

  @Test
  void mutationsGoUpstreamAtOnceAndTheNextSearchAgreesWithoutAnotherSearch() {
    List<String> ids = upstream.add(5, 0, 11, 100);
    inbox();
    assertEquals(5, service.markFolderRead(TOKEN, NotificationFolder.INBOX));
    assertTrue(inbox().page().notifications().stream().noneMatch(StoredNotification::unread));
    assertEquals(1, service.delete(TOKEN, List.of(ids.get(0))));
    SearchAnswer afterDelete = inbox();
    assertEquals(4, afterDelete.page().folderCount());
    assertEquals(upstream.ids(0), ids(afterDelete));
    assertEquals(4, service.emptyFolder(TOKEN, NotificationFolder.INBOX));
    assertEquals(0, inbox().page().folderCount());
    assertEquals(1, upstream.searchCount());
  }

  @Test
  void deletesGoUpstreamInChunksOfTwoHundredAndSumModified() {
    List<String> ids = new ArrayList<>(upstream.add(449, 0, 11, 100));
    ids.add(String.format("%024x", 999_999));
    assertEquals(449, service.delete(TOKEN, ids));
    assertEquals(List.of(200, 200, 50), upstream.deleteSizes);
  }
}
