package org.tradewatch.persistence.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.notification.NotificationFolder;
import org.tradewatch.core.notification.NotificationParameters;
import org.tradewatch.core.notification.NotificationQuery;
import org.tradewatch.core.notification.NotificationService;
import org.tradewatch.core.notification.NotificationsUpstream;
import org.tradewatch.core.notification.SearchAnswer;
import org.tradewatch.core.notification.TokenHash;
import org.tradewatch.core.notification.TokenState;
import org.tradewatch.core.notification.UpstreamFailure;
import org.tradewatch.core.notification.UpstreamPage;
import org.tradewatch.core.notification.UpstreamRefusal;
import org.tradewatch.persistence.TestDatabase;

/** The proxy's rules over the real store, with a scripted upstream and a hand-moved clock. */
class JpaNotificationStoreTest {

  private static final String TOKEN = "0123456789abcdef01234567";
  private static final long WINDOW = 30_000;

  private TestDatabase database;
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final ScriptedUpstream upstream = new ScriptedUpstream();
  private NotificationService service;

  @BeforeEach
  void start() {
    database = new TestDatabase();
    service =
        new NotificationService(
            upstream, new JpaNotificationStore(database.factory()), clock::get, WINDOW, 600_000);
  }

  @AfterEach
  void stop() {
    database.close();
  }

  private static String notification(String id, long sent, int type, boolean unread) {
    return "{\"id\":\""
        + id
        + "\",\"sent\":"
        + sent
        + ",\"type\":"
        + type
        + ",\"from\":{\"steamid\":\"1\",\"name\":\"<b>Кирилл</b>\"}"
        + (unread ? ",\"unread\":true" : "")
        + "}";
  }

  private static String page(int folderCount, String... notifications) {
    return "{\"folder_count\":"
        + folderCount
        + ",\"page_size\":60,\"skip\":0,\"notifications\":["
        + String.join(",", notifications)
        + "]}";
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private static String id(int n) {
    return String.format("%024x", n);
  }

  @Test
  void oneUpstreamSearchPerWindowThenTheCopyAnswersAndAgreesWithMutations() {
    String first =
        page(
            3,
            notification(id(3), 300, 11, true),
            notification(id(2), 200, 0, true),
            notification(id(1), 100, 5, false));
    upstream.searchAnswers.add(first);
    SearchAnswer answer =
        service.search(TOKEN, NotificationParameters.query(null, null, null, null));
    assertEquals(SearchAnswer.Source.UPSTREAM, answer.source());
    assertEquals(first, answer.json(), "passed through unchanged");
    assertTrue(answer.complete());

    clock.addAndGet(1_000);
    SearchAnswer stored = service.search(TOKEN, NotificationParameters.query("0", "4", null, null));
    assertEquals(SearchAnswer.Source.STORE, stored.source());
    assertEquals(1, upstream.searches.size(), "no second upstream search within the window");
    JsonObject subscriptions = json(stored.json());
    assertEquals(3, subscriptions.getInt("folder_count"));
    assertEquals(2, subscriptions.getJsonArray("notifications").size());
    assertEquals(
        json(notification(id(3), 300, 11, true)),
        subscriptions.getJsonArray("notifications").getJsonObject(0));

    upstream.mutationAnswers.add("{\"modified\":2}");
    service.markFolderRead(TOKEN, org.tradewatch.core.notification.NotificationFolder.INBOX);
    String afterRead =
        service.search(TOKEN, NotificationParameters.query(null, null, null, null)).json();
    assertFalse(afterRead.contains("unread"), afterRead);

    upstream.mutationAnswers.add("{\"modified\":1}");
    service.delete(TOKEN, List.of(id(2)));
    JsonObject afterDelete =
        json(service.search(TOKEN, NotificationParameters.query(null, null, null, null)).json());
    assertEquals(2, afterDelete.getInt("folder_count"));
    assertEquals(2, afterDelete.getJsonArray("notifications").size());

    clock.addAndGet(WINDOW);
    upstream.searchAnswers.add(page(3, notification(id(4), 400, 7, true)));
    SearchAnswer refreshed =
        service.search(TOKEN, NotificationParameters.query(null, null, null, null));
    assertEquals(SearchAnswer.Source.REFRESHED, refreshed.source());
    assertEquals("folder=0 since=300", upstream.searches.get(1), "refreshed with since");
    assertEquals(3, json(refreshed.json()).getJsonArray("notifications").size());
  }

  @Test
  void whileOneRequestRefreshesUpstreamTheOthersAreAnsweredFromTheCopyAtOnce() throws Exception {
    upstream.searchAnswers.add(page(1, notification(id(1), 100, 11, true)));
    NotificationQuery inbox = NotificationParameters.query(null, null, null, null);
    service.search(TOKEN, inbox);
    clock.addAndGet(1_000);
    assertEquals(SearchAnswer.Source.STORE, service.search(TOKEN, inbox).source(), "kept");

    clock.addAndGet(WINDOW);
    upstream.searchAnswers.add(page(2, notification(id(2), 200, 11, true)));
    upstream.searching = new CountDownLatch(1);
    upstream.proceed = new CountDownLatch(1);
    ExecutorService refresher = Executors.newSingleThreadExecutor();
    try {
      Future<SearchAnswer> refresh = refresher.submit(() -> service.search(TOKEN, inbox));
      assertTrue(upstream.searching.await(10, TimeUnit.SECONDS), "the refresh went upstream");

      SearchAnswer meanwhile = service.search(TOKEN, inbox);
      assertEquals(SearchAnswer.Source.STORE, meanwhile.source());
      assertEquals(1, json(meanwhile.json()).getInt("folder_count"), "the copy before the refresh");
      assertFalse(meanwhile.stale(), "upstream is being asked");
      assertEquals(2, upstream.searches.size(), "no second upstream search beside the refresh");

      upstream.proceed.countDown();
      assertEquals(SearchAnswer.Source.REFRESHED, refresh.get(10, TimeUnit.SECONDS).source());
    } finally {
      upstream.proceed.countDown();
      refresher.shutdownNow();
    }
    JsonObject after = json(service.search(TOKEN, inbox).json());
    assertEquals(2, after.getInt("folder_count"), "the refreshed copy from then on");
    assertEquals(2, after.getJsonArray("notifications").size());
    assertEquals(2, upstream.searches.size());
  }

  @Test
  void pastTheWindowWhileAWriteHoldsTheTurnTheKeptAnswerStandsInAndTheWriteShowsAfter()
      throws Exception {
    upstream.searchAnswers.add(page(1, notification(id(1), 100, 11, true)));
    NotificationQuery inbox = NotificationParameters.query(null, null, null, null);
    service.search(TOKEN, inbox);
    clock.addAndGet(1_000);
    service.search(TOKEN, inbox);

    clock.addAndGet(WINDOW);
    upstream.mutationAnswers.add("{\"modified\":1}");
    upstream.searching = new CountDownLatch(1);
    upstream.proceed = new CountDownLatch(1);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<String> markRead =
          writer.submit(() -> service.markFolderRead(TOKEN, NotificationFolder.INBOX));
      assertTrue(upstream.searching.await(10, TimeUnit.SECONDS), "the write went upstream");

      SearchAnswer meanwhile = service.search(TOKEN, inbox);
      assertEquals(SearchAnswer.Source.STORE, meanwhile.source());
      assertTrue(meanwhile.json().contains("\"unread\":true"), "as before the write");
      assertEquals(1, upstream.searches.size(), "no search while the write holds the turn");

      upstream.proceed.countDown();
      assertEquals("{\"modified\":1}", markRead.get(10, TimeUnit.SECONDS));
    } finally {
      upstream.proceed.countDown();
      writer.shutdownNow();
    }
    upstream.searching = null;
    upstream.searchAnswers.add(page(1, notification(id(1), 100, 11, false)));
    String after = service.search(TOKEN, inbox).json();
    assertFalse(after.contains("unread"), "the write dropped the kept answer: " + after);
  }

  @Test
  void withASpreadATokenIsSearchedAgainNoSoonerThanTheWindowAndWithinItsShareOfTheSpread() {
    NotificationService spread =
        new NotificationService(
            upstream,
            new JpaNotificationStore(database.factory()),
            clock::get,
            WINDOW,
            3_000,
            600_000);
    NotificationQuery inbox = NotificationParameters.query(null, null, null, null);
    upstream.searchAnswers.add(page(1, notification(id(1), 100, 11, true)));
    assertEquals(SearchAnswer.Source.UPSTREAM, spread.search(TOKEN, inbox).source());

    clock.addAndGet(WINDOW - 1);
    assertEquals(SearchAnswer.Source.STORE, spread.search(TOKEN, inbox).source());
    assertEquals(1, upstream.searches.size(), "never sooner than the window");

    clock.addAndGet(1 + 3_000);
    upstream.searchAnswers.add(page(2, notification(id(2), 200, 11, true)));
    assertEquals(SearchAnswer.Source.REFRESHED, spread.search(TOKEN, inbox).source());
    assertEquals(2, upstream.searches.size(), "by the end of the spread");
  }

  @Test
  void answersKeptWithinTheWindowFollowChangesMadeByAnotherInstanceSharingTheDatabase() {
    // Two instances of a cluster: each keeps answers, both write the one database.
    NotificationService other =
        new NotificationService(
            upstream, new JpaNotificationStore(database.factory()), clock::get, WINDOW, 600_000);
    upstream.searchAnswers.add(
        page(
            3,
            notification(id(3), 300, 11, true),
            notification(id(2), 200, 0, true),
            notification(id(1), 100, 5, false)));
    service.search(TOKEN, NotificationParameters.query(null, null, null, null));
    NotificationQuery inbox = NotificationParameters.query("0", null, null, null);
    SearchAnswer kept = service.search(TOKEN, inbox);
    assertEquals(SearchAnswer.Source.STORE, kept.source());
    assertSame(kept, service.search(TOKEN, inbox), "the same poll is answered from what was kept");
    assertTrue(kept.json().contains("\"unread\":true"), kept.json());

    // Another instance's change shows once the kept answers are checked again (within 1 s).
    upstream.mutationAnswers.add("{\"modified\":2}");
    other.markFolderRead(TOKEN, NotificationFolder.INBOX);
    clock.addAndGet(1_000);
    String afterRead = service.search(TOKEN, inbox).json();
    assertFalse(afterRead.contains("unread"), "the other instance's change shows: " + afterRead);

    upstream.mutationAnswers.add("{\"modified\":1}");
    other.delete(TOKEN, List.of(id(2)));
    clock.addAndGet(1_000);
    JsonObject afterDelete = json(service.search(TOKEN, inbox).json());
    assertEquals(2, afterDelete.getInt("folder_count"));
    assertEquals(2, afterDelete.getJsonArray("notifications").size());

    // This instance's own change shows at once.
    upstream.mutationAnswers.add("{\"modified\":2}");
    service.emptyFolder(TOKEN, NotificationFolder.INBOX);
    assertEquals(0, json(service.search(TOKEN, inbox).json()).getInt("folder_count"));
    assertEquals(1, upstream.searches.size(), "all within one window, one upstream search");
  }

  @Test
  void instancesSharingTheDatabaseSearchUpstreamOncePerWindowBetweenThem() {
    JpaNotificationStore shared = new JpaNotificationStore(database.factory());
    NotificationService other =
        new NotificationService(upstream, shared, clock::get, WINDOW, 600_000);
    NotificationQuery inbox = NotificationParameters.query(null, null, null, null);
    TokenHash hash = TokenHash.of(TOKEN);

    // Another instance claimed the window's search and is still waiting for backpack.tf.
    assertTrue(shared.claimSearch(hash, clock.get(), WINDOW));
    UpstreamRefusal refused =
        assertThrows(UpstreamRefusal.class, () -> service.search(TOKEN, inbox));
    assertEquals(429, refused.clientStatus());
    assertEquals(1L, refused.retryAfterSeconds());
    assertEquals(0, upstream.searches.size(), "no second search while the first is under way");

    // Its search failed: the claim is given back and the next request searches.
    shared.releaseClaim(hash, clock.get());
    upstream.searchAnswers.add(page(1, notification(id(1), 100, 5, true)));
    assertEquals(SearchAnswer.Source.UPSTREAM, service.search(TOKEN, inbox).source());
    assertEquals(1, upstream.searches.size());

    // Within the window neither instance searches again, nor may it claim.
    clock.addAndGet(WINDOW - 1);
    assertEquals(SearchAnswer.Source.STORE, other.search(TOKEN, inbox).source());
    assertFalse(shared.claimSearch(hash, clock.get(), WINDOW));

    // Past it, the first to claim searches; the other answers from the copy meanwhile.
    clock.addAndGet(1);
    assertTrue(shared.claimSearch(hash, clock.get(), WINDOW));
    assertEquals(SearchAnswer.Source.STORE, service.search(TOKEN, inbox).source());
    assertEquals(1, upstream.searches.size(), "one search per window between both instances");
  }

  @Test
  void everyWriteForATokenChangesItsVersion() {
    JpaNotificationStore store = new JpaNotificationStore(database.factory());
    TokenHash hash = TokenHash.of(TOKEN);
    assertTrue(store.tokenState(hash).isEmpty(), "never searched");
    store.saveSearch(
        hash,
        NotificationFolder.INBOX,
        UpstreamPage.parse(
            page(2, notification(id(1), 100, 5, true), notification(id(2), 90, 5, true))),
        true,
        5_000);
    TokenState saved = store.tokenState(hash).orElseThrow();
    assertEquals(5_000, saved.lastSearchAtMillis());
    store.markedRead(hash, NotificationFolder.INBOX);
    TokenState read = store.tokenState(hash).orElseThrow();
    store.deleted(hash, List.of(id(1)), 1);
    TokenState deleted = store.tokenState(hash).orElseThrow();
    store.emptied(hash, NotificationFolder.INBOX);
    TokenState emptied = store.tokenState(hash).orElseThrow();
    assertEquals(
        4,
        java.util.stream.Stream.of(saved, read, deleted, emptied)
            .map(TokenState::version)
            .distinct()
            .count(),
        "four writes, four versions");
    assertEquals(5_000, emptied.lastSearchAtMillis(), "mutations keep the window");
  }

  @Test
  void aStoredCopyStandsInWhileUpstreamIsDownAndNothingStoredMeansTheFailure() {
    upstream.searchAnswers.add(page(1, notification(id(1), 100, 5, false)));
    service.search(TOKEN, NotificationParameters.query(null, null, null, null));
    clock.addAndGet(WINDOW);
    upstream.failure = UpstreamFailure.timeout(10_000);
    SearchAnswer stale =
        service.search(TOKEN, NotificationParameters.query(null, null, null, null));
    assertTrue(stale.stale());
    assertEquals(1, json(stale.json()).getJsonArray("notifications").size());

    UpstreamFailure failure =
        assertThrows(
            UpstreamFailure.class,
            () ->
                service.search(
                    "ffffffffffffffffffffffff",
                    NotificationParameters.query("1", null, null, null)));
    assertEquals(504, failure.clientStatus());
  }

  @Test
  void deletesGoUpstreamInChunksOfTwoHundredAndSumModified() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 450; i++) {
      ids.add(id(i));
    }
    upstream.mutationAnswers.addAll(
        List.of("{\"modified\":200}", "{\"modified\":199}", "{\"modified\":50}"));
    assertEquals("{\"modified\":449}", service.delete(TOKEN, ids));
    assertEquals(List.of(200, 200, 50), upstream.deleteSizes);
  }

  @Test
  void theDatabaseHoldsTheTokensHashNeverTheToken() throws Exception {
    upstream.searchAnswers.add(page(1, notification(id(1), 100, 5, true)));
    service.search(TOKEN, NotificationParameters.query(null, null, null, null));
    String dump = everyValueStored();
    assertTrue(dump.contains("BPTF_NOTIFICATION"), "the dump covers the tables");
    assertFalse(dump.contains(TOKEN), "no token in the database");
  }

  /** Every table of the database with every value of every row, as text. */
  private String everyValueStored() throws SQLException {
    StringBuilder dump = new StringBuilder();
    try (Connection c = database.connect()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet found =
          c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
        while (found.next()) {
          tables.add(found.getString("TABLE_NAME"));
        }
      }
      for (String table : tables) {
        dump.append(table.toUpperCase(Locale.ROOT)).append('\n');
        try (Statement s = c.createStatement();
            ResultSet rows = s.executeQuery("SELECT * FROM " + table)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int i = 1; i <= columns; i++) {
              dump.append(rows.getString(i)).append('\t');
            }
            dump.append('\n');
          }
        }
      }
    }
    return dump.toString();
  }

  @Test
  void aFolderNeverStoredWithinTheWindowIsRefusedWithRetryAfter() {
    upstream.searchAnswers.add(page(0));
    service.search(TOKEN, NotificationParameters.query("0", null, null, null));
    clock.addAndGet(5_000);
    UpstreamFailure refused =
        assertThrows(
            UpstreamFailure.class,
            () -> service.search(TOKEN, NotificationParameters.query("1", null, null, null)));
    assertEquals(429, refused.clientStatus());
    assertEquals(25L, refused.retryAfterSeconds());
    assertNull(upstream.failure);
  }

  @Test
  void theStoredCountIsTheCopysFolderCountWithoutAskingUpstream() {
    assertTrue(service.storedCount(TOKEN, NotificationFolder.ARCHIVE).isEmpty(), "never stored");
    upstream.searchAnswers.add(
        page(2, notification(id(1), 100, 5, true), notification(id(2), 90, 5, false)));
    service.search(TOKEN, NotificationParameters.query("1", null, null, null));
    int searches = upstream.searches.size();
    assertEquals(2, service.storedCount(TOKEN, NotificationFolder.ARCHIVE).getAsInt());
    upstream.mutationAnswers.add("{\"modified\":1}");
    service.delete(TOKEN, List.of(id(1)));
    assertEquals(1, service.storedCount(TOKEN, NotificationFolder.ARCHIVE).getAsInt());
    assertTrue(service.storedCount(TOKEN, NotificationFolder.INBOX).isEmpty());
    assertEquals(searches, upstream.searches.size(), "the count never goes upstream");
  }

  /** Answers from queues, records what it was asked. */
  static final class ScriptedUpstream implements NotificationsUpstream {
    final List<String> searchAnswers = new ArrayList<>();
    final List<String> mutationAnswers = new ArrayList<>();
    final List<String> searches = new ArrayList<>();
    final List<Integer> deleteSizes = new ArrayList<>();
    UpstreamFailure failure;

    /** When set, a search or a mark-read counts this down and then waits for {@link #proceed}. */
    volatile CountDownLatch searching;

    volatile CountDownLatch proceed;

    @Override
    public String search(String token, Integer folder, Integer filter, Long since, Integer skip) {
      if (failure != null) {
        throw failure;
      }
      searches.add(
          "folder="
              + folder
              + (filter == null ? "" : " filter=" + filter)
              + (since == null ? "" : " since=" + since));
      String answer = searchAnswers.remove(0);
      awaitProceed();
      return answer;
    }

    private void awaitProceed() {
      if (searching != null) {
        searching.countDown();
        try {
          proceed.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public String emptyFolder(String token, int folder) {
      return mutationAnswers.remove(0);
    }

    @Override
    public String markFolderRead(String token, int folder) {
      String answer = mutationAnswers.remove(0);
      awaitProceed();
      return answer;
    }

    @Override
    public String delete(String token, List<String> ids) {
      deleteSizes.add(ids.size());
      return mutationAnswers.remove(0);
    }
  }
}
