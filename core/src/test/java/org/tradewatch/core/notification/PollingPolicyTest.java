package org.tradewatch.core.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules alone: when a copy is refreshed how, and which pages its newest page decides. */
class PollingPolicyTest {

  private static final long WINDOW = 30_000;
  private static final long FULL_SYNC = 600_000;
  private final PollingPolicy policy = new PollingPolicy(WINDOW, 0, FULL_SYNC, 1_000);
  private static final NotificationQuery NEWEST =
      NotificationQuery.newestPage(NotificationFolder.INBOX);
  private static final NotificationQuery FILTERED =
      NotificationParameters.query("0", "4", null, null);

  private static StoredNotification notification(int n, long sent, int type) {
    return new StoredNotification(String.format("%024x", n), sent, type, null, "{}");
  }

  /** {@code count} notifications sent one second apart, newest (sent {@code newest}) first. */
  private static List<StoredNotification> newestFirst(int count, long newest, int type) {
    List<StoredNotification> page = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      page.add(notification(count - i, newest - i, type));
    }
    return page;
  }

  @Test
  void theWindowIsOpenForLessThanItsLengthAfterUpstreamLastAnswered() {
    TokenHash hash = TokenHash.of("0123456789abcdef01234567");
    TokenState state = new TokenState(1_000, 1);
    assertTrue(policy.withinWindow(hash, state, 1_000 + WINDOW - 1));
    assertFalse(policy.withinWindow(hash, state, 1_000 + WINDOW));
    assertFalse(policy.withinWindow(hash, null, 1_000), "never searched: no window");
  }

  @Test
  void aCompleteCopyIsRefreshedWithSinceUntilItsFullSyncIsDue() {
    FolderCopy complete = new FolderCopy(3, true, 0, 10_000, 300L);
    assertEquals(
        PollingPolicy.Refresh.SINCE, policy.refresh(complete, NEWEST, 10_000 + FULL_SYNC - 1));
    assertEquals(PollingPolicy.Refresh.SINCE, policy.refresh(complete, FILTERED, 10_000));
    // Due for a full sync: fetched whole; the newest page is what the client asked for anyway.
    assertEquals(
        PollingPolicy.Refresh.WHOLE, policy.refresh(complete, FILTERED, 10_000 + FULL_SYNC));
    assertEquals(
        PollingPolicy.Refresh.PASS_THROUGH, policy.refresh(complete, NEWEST, 10_000 + FULL_SYNC));
    FolderCopy empty = new FolderCopy(0, true, 0, 10_000, null);
    assertEquals(PollingPolicy.Refresh.WHOLE, policy.refresh(empty, FILTERED, 10_000));
  }

  @Test
  void anIncompleteCopyOrNoneSendsTheClientsQueryUpstream() {
    FolderCopy incomplete = new FolderCopy(130, false, 0, 0, 300L);
    assertEquals(PollingPolicy.Refresh.PASS_THROUGH, policy.refresh(incomplete, FILTERED, 0));
    assertEquals(PollingPolicy.Refresh.PASS_THROUGH, policy.refresh(null, NEWEST, 0));
  }

  @Test
  void onlyTheNewestPageUnfilteredWithTheWholeFolderOnItMakesACopyComplete() {
    NotificationPage all = new NotificationPage(3, 60, 0, newestFirst(3, 300, 11));
    assertTrue(policy.isWholeFolder(NEWEST, all));
    assertFalse(policy.isWholeFolder(FILTERED, all), "a filter may have left some out");
    assertFalse(
        policy.isWholeFolder(NEWEST, new NotificationPage(70, 60, 0, newestFirst(60, 300, 11))));
    assertTrue(policy.isFull(new NotificationPage(70, 60, 0, newestFirst(60, 300, 11))));
    assertFalse(policy.isFull(new NotificationPage(70, 60, 0, newestFirst(59, 300, 11))));
  }

  @Test
  void aSinceLaterThanTheNewestPagesOldestIsDecidedByItEvenWhenShort() {
    List<StoredNotification> newest = newestFirst(60, 1_000, 11); // sent 941 to 1000
    Optional<List<StoredNotification>> since990 =
        policy.fromNewestPage(newest, NotificationParameters.query("0", null, "990", null));
    assertEquals(11, since990.orElseThrow().size(), "sent 990 to 1000");
    assertEquals(
        newest,
        policy
            .fromNewestPage(newest, NotificationParameters.query("0", null, "941", null))
            .orElseThrow(),
        "the page is full of matches: older ones come after it");
    assertTrue(
        policy
            .fromNewestPage(newest, NotificationParameters.query("0", "1", "941", null))
            .isEmpty(),
        "no match on the page: older ones sent in the oldest's second may match");
    assertTrue(
        policy.fromNewestPage(newest, NotificationParameters.query("0", null, "1", "60")).isEmpty(),
        "an older page");
  }

  @Test
  void aFilteredPageIsDecidedWhenTheNewestPageFillsItWithMatches() {
    List<StoredNotification> newest = new ArrayList<>(newestFirst(60, 1_000, 11));
    Optional<List<StoredNotification>> subscriptions = policy.fromNewestPage(newest, FILTERED);
    assertEquals(newest, subscriptions.orElseThrow(), "all 60 are subscriptions");
    newest.set(0, notification(999, 1_000, 0));
    assertTrue(
        policy.fromNewestPage(newest, FILTERED).isEmpty(),
        "59 on the page: the 60th may be older than the page");
    assertTrue(
        policy
            .fromNewestPage(newest, NotificationParameters.query("0", null, null, "60"))
            .isEmpty(),
        "an older page is never on the newest");
  }

  @Test
  void negativeSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PollingPolicy(-1, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new PollingPolicy(0, 0, 0, -1));
  }
}
