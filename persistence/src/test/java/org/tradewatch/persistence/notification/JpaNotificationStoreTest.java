package org.tradewatch.persistence.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.notification.FolderCopy;
import org.tradewatch.core.notification.HeldPage;
import org.tradewatch.core.notification.NotificationFolder;
import org.tradewatch.core.notification.NotificationPage;
import org.tradewatch.core.notification.NotificationParameters;
import org.tradewatch.core.notification.NotificationQuery;
import org.tradewatch.core.notification.NotificationService;
import org.tradewatch.core.notification.NotificationsUpstream;
import org.tradewatch.core.notification.PollingPolicy;
import org.tradewatch.core.notification.SearchAnswer;
import org.tradewatch.core.notification.StoredNotification;
import org.tradewatch.core.notification.TokenHash;
import org.tradewatch.core.notification.TokenState;
import org.tradewatch.core.notification.UpstreamRefusal;
import org.tradewatch.persistence.TestDatabase;

/**
 * The store's contract over JPA, and the proxy's rules where they rest on the shared database:
 * several instances, each with its own service, on one store. The rules themselves are tested in
 * core (NotificationServiceTest), over the same contract in memory.
 */
class JpaNotificationStoreTest {

  private static final String TOKEN = "0123456789abcdef01234567";
  private static final TokenHash HASH = TokenHash.of(TOKEN);
  private static final long WINDOW = 30_000;
  private static final PollingPolicy POLICY = new PollingPolicy(WINDOW, 0, 600_000, 1_000);
  private static final NotificationQuery INBOX =
      NotificationQuery.newestPage(NotificationFolder.INBOX);

  private TestDatabase database;
  private JpaNotificationStore store;
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final ScriptedUpstream upstream = new ScriptedUpstream();

  @BeforeEach
  void start() {
    database = new TestDatabase();
    store = new JpaNotificationStore(database.factory());
  }

  @AfterEach
  void stop() {
    database.close();
  }

  /** An instance of the proxy on the shared database. */
  private NotificationService instance() {
    return new NotificationService(
        upstream, new JpaNotificationStore(database.factory()), clock::get, POLICY);
  }

  private static StoredNotification notification(int n, long sent, boolean unread) {
    return new StoredNotification(
        id(n),
        sent,
        11,
        unread ? "true" : null,
        "{\"id\":\"" + id(n) + "\",\"sent\":" + sent + ",\"type\":11,\"from\":{\"name\":\"<b>\"}}");
  }

  /** {@code count} notifications numbered from {@code first}, newest first. */
  private static List<StoredNotification> notifications(int first, int count) {
    List<StoredNotification> list = new ArrayList<>();
    for (int n = first + count - 1; n >= first; n--) {
      list.add(notification(n, 1_000 + n, true));
    }
    return list;
  }

  private static NotificationPage page(int folderCount, List<StoredNotification> notifications) {
    return new NotificationPage(folderCount, 60, 0, notifications);
  }

  private static String json(int folderCount, List<StoredNotification> notifications) {
    StringBuilder json =
        new StringBuilder("{\"folder_count\":" + folderCount + ",\"notifications\":[");
    for (int i = 0; i < notifications.size(); i++) {
      StoredNotification n = notifications.get(i);
      String body = n.body();
      json.append(i == 0 ? "" : ",")
          .append(n.unread() ? body.substring(0, body.length() - 1) + ",\"unread\":true}" : body);
    }
    return json.append("]}").toString();
  }

  private static String id(int n) {
    return String.format("%024x", n);
  }

  private static List<String> ids(List<StoredNotification> notifications) {
    return notifications.stream().map(StoredNotification::id).toList();
  }

  @Test
  void aWholeFolderAnswersEveryQueryAndRefreshesKeepItCompleteWhileTheCountsAgree() {
    store.saveWholeFolder(HASH, NotificationFolder.INBOX, page(3, notifications(1, 3)), 5_000);
    FolderCopy copy = store.folder(HASH, NotificationFolder.INBOX).orElseThrow();
    assertTrue(copy.complete());
    assertEquals(3, copy.folderCount());
    assertEquals(1_003L, copy.newestSent());
    assertEquals(
        List.of(id(2), id(1)),
        ids(store.page(HASH, NotificationFolder.INBOX, null, null, 1, 60)),
        "newest first, after the skip");

    store.saveRefresh(HASH, NotificationFolder.INBOX, page(4, notifications(4, 1)), 6_000);
    assertTrue(store.folder(HASH, NotificationFolder.INBOX).orElseThrow().complete());
    store.saveRefresh(HASH, NotificationFolder.INBOX, page(9, notifications(5, 1)), 7_000);
    FolderCopy behind = store.folder(HASH, NotificationFolder.INBOX).orElseThrow();
    assertFalse(behind.complete(), "upstream counts more than the copy holds");
    assertEquals(9, behind.folderCount());
  }

  @Test
  void aHeldPageIsReadInUpstreamsOrderWithTheCopysChangesAndTheRestIsForgotten() {
    store.saveWholeFolder(HASH, NotificationFolder.INBOX, page(3, notifications(1, 3)), 1_000);
    // The folder grew: its newest page is held, and an older one besides.
    store.saveHeldPage(HASH, INBOX, page(130, notifications(71, 60)), 2_000);
    NotificationQuery older = NotificationParameters.query("0", null, null, "60");
    store.saveHeldPage(
        HASH, older, new NotificationPage(130, 60, 60, notifications(11, 60)), 3_000);
    FolderCopy copy = store.folder(HASH, NotificationFolder.INBOX).orElseThrow();
    assertFalse(copy.complete());
    assertEquals(130, copy.folderCount());
    HeldPage held = store.heldPage(HASH, older).orElseThrow();
    assertEquals(3_000, held.fetchedAtMillis());
    assertEquals(ids(notifications(11, 60)), ids(held.notifications()));
    assertTrue(
        store.heldPage(HASH, NotificationParameters.query(null, "0", null, "60")).isPresent(),
        "the same query however it is spelled");
    assertTrue(store.heldPage(HASH, NotificationParameters.query("1", null, null, "60")).isEmpty());

    store.markedRead(HASH, NotificationFolder.INBOX);
    store.deleted(HASH, List.of(id(70)), 1);
    HeldPage after = store.heldPage(HASH, older).orElseThrow();
    assertEquals(59, after.notifications().size(), "the deleted one is gone");
    assertFalse(after.notifications().contains(notification(70, 1_070, true)));
    assertTrue(after.notifications().stream().noneMatch(StoredNotification::unread));
    List<String> stored = ids(store.page(HASH, NotificationFolder.INBOX, null, null, 0, 500));
    assertEquals(119, stored.size(), "both pages, less the deleted one");
    assertFalse(stored.contains(id(1)), "what no held page shows any more is forgotten");
  }

  @Test
  void heldPagesAreBoundedPerFolderAndTheNewestIsKept() {
    store.saveHeldPage(HASH, INBOX, page(500, notifications(441, 60)), 1_000);
    for (int i = 0; i < JpaNotificationStore.MAX_HELD_PAGES + 5; i++) {
      NotificationQuery since = NotificationParameters.query("0", null, Integer.toString(i), null);
      store.saveHeldPage(HASH, since, page(500, notifications(i * 10, 10)), 2_000 + i);
    }
    NotificationQuery first = NotificationParameters.query("0", null, "0", null);
    NotificationQuery last =
        NotificationParameters.query(
            "0", null, Integer.toString(JpaNotificationStore.MAX_HELD_PAGES + 4), null);
    assertTrue(store.heldPage(HASH, first).isEmpty(), "the oldest fetched went first");
    assertTrue(store.heldPage(HASH, last).isPresent());
    assertEquals(60, store.heldPage(HASH, INBOX).orElseThrow().notifications().size());
    assertFalse(
        ids(store.page(HASH, NotificationFolder.INBOX, null, null, 0, 1_000)).contains(id(0)),
        "with its notifications");
  }

  @Test
  void everyWriteForATokenChangesItsVersion() {
    assertTrue(store.tokenState(HASH).isEmpty(), "never searched");
    List<TokenState> states = new ArrayList<>();
    store.saveWholeFolder(HASH, NotificationFolder.INBOX, page(2, notifications(1, 2)), 5_000);
    states.add(store.tokenState(HASH).orElseThrow());
    store.saveHeldPage(HASH, INBOX, page(70, notifications(1, 60)), 6_000);
    states.add(store.tokenState(HASH).orElseThrow());
    store.saveRefresh(HASH, NotificationFolder.INBOX, page(70, notifications(61, 1)), 7_000);
    states.add(store.tokenState(HASH).orElseThrow());
    store.markedRead(HASH, NotificationFolder.INBOX);
    states.add(store.tokenState(HASH).orElseThrow());
    store.deleted(HASH, List.of(id(1)), 1);
    states.add(store.tokenState(HASH).orElseThrow());
    store.emptied(HASH, NotificationFolder.INBOX);
    states.add(store.tokenState(HASH).orElseThrow());
    assertEquals(
        6, states.stream().map(TokenState::version).distinct().count(), "six writes, six versions");
    assertEquals(7_000, states.get(5).lastSearchAtMillis(), "mutations keep the window");
  }

  @Test
  void pageLoadsAreClaimedOncePerIntervalBetweenInstances() {
    JpaNotificationStore other = new JpaNotificationStore(database.factory());
    assertTrue(store.claimPageLoad(HASH, 1_010_000, 1_000), "a token never seen");
    assertFalse(other.claimPageLoad(HASH, 1_010_999, 1_000));
    assertTrue(other.claimPageLoad(HASH, 1_011_000, 1_000));
    assertFalse(store.claimPageLoad(HASH, 1_011_500, 1_000));
    assertTrue(store.claimSearch(HASH, 1_011_500, WINDOW), "the polling budget is a budget apart");
  }

  @Test
  void instancesSharingTheDatabaseSearchUpstreamOncePerWindowBetweenThem() {
    NotificationService one = instance();
    NotificationService other = instance();
    // Another instance claimed the window's search and is still waiting for backpack.tf.
    assertTrue(store.claimSearch(HASH, clock.get(), WINDOW));
    UpstreamRefusal refused = assertThrows(UpstreamRefusal.class, () -> one.search(TOKEN, INBOX));
    assertEquals(429, refused.clientStatus());
    assertEquals(1L, refused.retryAfterSeconds());
    assertEquals(0, upstream.searches.size(), "no second search while the first is under way");

    // Its search failed: the claim is given back and the next request searches.
    store.releaseClaim(HASH, clock.get());
    upstream.searchAnswers.add(json(1, notifications(1, 1)));
    assertEquals(SearchAnswer.Source.UPSTREAM, one.search(TOKEN, INBOX).source());

    // Within the window neither instance searches again, nor may it claim.
    clock.addAndGet(WINDOW - 1);
    assertEquals(SearchAnswer.Source.STORE, other.search(TOKEN, INBOX).source());
    assertFalse(store.claimSearch(HASH, clock.get(), WINDOW));

    // Past it, the first to claim searches; the other answers from the copy meanwhile.
    clock.addAndGet(1);
    assertTrue(store.claimSearch(HASH, clock.get(), WINDOW));
    assertEquals(SearchAnswer.Source.STORE, one.search(TOKEN, INBOX).source());
    assertEquals(1, upstream.searches.size(), "one search per window between both instances");
  }

  @Test
  void aPageLoadedByOneInstanceIsAnsweredByTheOtherFromTheDatabase() {
    NotificationService one = instance();
    NotificationService other = instance();
    upstream.searchAnswers.add(json(130, notifications(71, 60)));
    one.search(TOKEN, INBOX);
    NotificationQuery older = NotificationParameters.query("0", null, null, "60");
    upstream.searchAnswers.add(json(130, notifications(11, 60)));
    SearchAnswer loaded = one.search(TOKEN, older);
    assertEquals(SearchAnswer.Source.UPSTREAM, loaded.source());
    SearchAnswer elsewhere = other.search(TOKEN, older);
    assertEquals(SearchAnswer.Source.STORE, elsewhere.source());
    assertEquals(ids(loaded.page().notifications()), ids(elsewhere.page().notifications()));
    assertEquals(
        List.of("folder=0 filter=0", "folder=0 skip=60"),
        upstream.searches,
        "one load between them");
  }

  @Test
  void answersKeptWithinTheWindowFollowChangesMadeByAnotherInstanceSharingTheDatabase() {
    NotificationService one = instance();
    NotificationService other = instance();
    upstream.searchAnswers.add(json(3, notifications(1, 3)));
    one.search(TOKEN, INBOX);
    NotificationQuery inbox = NotificationParameters.query("0", null, null, null);
    SearchAnswer kept = one.search(TOKEN, inbox);
    assertEquals(SearchAnswer.Source.STORE, kept.source());
    assertSame(kept, one.search(TOKEN, inbox), "the same poll is answered from what was kept");
    assertTrue(kept.page().notifications().get(0).unread());

    // Another instance's change shows once the kept answers are checked again (within 1 s).
    upstream.mutationAnswers.add("{\"modified\":3}");
    other.markFolderRead(TOKEN, NotificationFolder.INBOX);
    clock.addAndGet(1_000);
    assertFalse(one.search(TOKEN, inbox).page().notifications().get(0).unread());

    upstream.mutationAnswers.add("{\"modified\":1}");
    other.delete(TOKEN, List.of(id(2)));
    clock.addAndGet(1_000);
    NotificationPage afterDelete = one.search(TOKEN, inbox).page();
    assertEquals(2, afterDelete.folderCount());
    assertEquals(List.of(id(3), id(1)), ids(afterDelete.notifications()));

    // This instance's own change shows at once.
    upstream.mutationAnswers.add("{\"modified\":2}");
    one.emptyFolder(TOKEN, NotificationFolder.INBOX);
    assertEquals(0, one.search(TOKEN, inbox).page().folderCount());
    assertEquals(1, upstream.searches.size(), "all within one window, one upstream search");
  }

  @Test
  void theStoredCountIsTheCopysFolderCountWithoutAskingUpstream() {
    NotificationService service = instance();
    assertTrue(service.folderCount(TOKEN, NotificationFolder.ARCHIVE).isEmpty(), "never stored");
    upstream.searchAnswers.add(json(2, notifications(1, 2)));
    service.search(TOKEN, NotificationParameters.query("1", null, null, null));
    assertEquals(2, service.folderCount(TOKEN, NotificationFolder.ARCHIVE).getAsInt());
    upstream.mutationAnswers.add("{\"modified\":1}");
    service.delete(TOKEN, List.of(id(1)));
    assertEquals(1, service.folderCount(TOKEN, NotificationFolder.ARCHIVE).getAsInt());
    assertTrue(service.folderCount(TOKEN, NotificationFolder.INBOX).isEmpty());
    assertEquals(1, upstream.searches.size(), "the count never goes upstream");
  }

  @Test
  void aForgottenCopyHoldsNothingOfTheTokenButItsBudgetsStillCount() throws Exception {
    TokenHash other = TokenHash.of("76543210fedcba9876543210");
    store.saveWholeFolder(HASH, NotificationFolder.ARCHIVE, page(2, notifications(1, 2)), 5_000);
    store.saveHeldPage(HASH, INBOX, page(130, notifications(71, 60)), 6_000);
    store.saveWholeFolder(other, NotificationFolder.INBOX, page(1, notifications(500, 1)), 6_000);
    TokenState before = store.tokenState(HASH).orElseThrow();
    assertTrue(store.claimPageLoad(HASH, 6_500, 1_000));

    store.forget(HASH);
    for (NotificationFolder folder : NotificationFolder.values()) {
      assertTrue(store.folder(HASH, folder).isEmpty(), folder + " forgotten");
    }
    assertTrue(store.heldPage(HASH, INBOX).isEmpty());
    assertEquals(List.of(), store.page(HASH, NotificationFolder.INBOX, null, null, 0, 500));
    String dump = everyValueStored();
    assertFalse(dump.contains(id(71)), "no notification of the token is left");
    assertFalse(dump.contains(id(1) + "\t"), "not even an archived one");
    assertTrue(dump.contains(id(500)), "another token's copy stays");

    TokenState after = store.tokenState(HASH).orElseThrow();
    assertEquals(before.lastSearchAtMillis(), after.lastSearchAtMillis(), "the window stays");
    assertTrue(after.version() != before.version(), "a write like any other");
    assertFalse(store.claimSearch(HASH, 6_500, WINDOW), "the polling budget still counts");
    assertFalse(store.claimPageLoad(HASH, 7_000, 1_000), "so does the page-load budget");
    store.forget(TokenHash.of("ffffffffffffffffffffffff"));
  }

  @Test
  void theDatabaseHoldsTheTokensHashNeverTheToken() throws Exception {
    upstream.searchAnswers.add(json(130, notifications(71, 60)));
    instance().search(TOKEN, INBOX);
    String dump = everyValueStored();
    assertTrue(dump.contains("BPTF_NOTIFICATION_PAGE"), "the dump covers the tables");
    assertTrue(dump.contains(id(71)), "the dump covers the rows");
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

  /** Answers from queues, records what it was asked. */
  static final class ScriptedUpstream implements NotificationsUpstream {
    final List<String> searchAnswers = new ArrayList<>();
    final List<String> mutationAnswers = new ArrayList<>();
    final List<String> searches = new ArrayList<>();

    @Override
    public String search(String token, Integer folder, Integer filter, Long since, Integer skip) {
      searches.add(
          "folder="
              + folder
              + (filter == null ? "" : " filter=" + filter)
              + (since == null ? "" : " since=" + since)
              + (skip == null ? "" : " skip=" + skip));
      return searchAnswers.remove(0);
    }

    @Override
    public String emptyFolder(String token, int folder) {
      return mutationAnswers.remove(0);
    }

    @Override
    public String markFolderRead(String token, int folder) {
      return mutationAnswers.remove(0);
    }

    @Override
    public String delete(String token, List<String> ids) {
      return mutationAnswers.remove(0);
    }
  }
}
