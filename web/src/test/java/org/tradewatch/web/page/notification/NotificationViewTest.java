package org.tradewatch.web.page.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.notification.NotificationPage;
import org.tradewatch.core.notification.StoredNotification;
import org.tradewatch.core.notification.UpstreamDecoder;

class NotificationViewTest {

  private static final String EXAMPLE =
      "{\"folder_count\":16,\"page_size\":60,\"skip\":0,\"notifications\":["
          + "{\"id\":\"58dfdee838a32f009d454ed8\",\"sent\":1491066600,\"type\":11,"
          + "\"from\":{\"steamid\":\"76561198070299574\",\"name\":\"<script>alert(1)</script>\"},"
          + "\"url\":\"\\/classifieds?item=Unlocked+Winter+2016+Cosmetic+Case&quality=6\","
          + "\"data\":{\"listing\":{\"id\":\"440_5606033582\",\"intent\":1}},\"unread\":true},"
          + "{\"id\":\"58dfdd4238a32f00927ef259\",\"sent\":1491066178,\"type\":11,"
          + "\"data\":{\"listing\":{\"deleted\":1}}},"
          + "{\"id\":\"58dfdd3e38a32f00927ef257\",\"sent\":1491066174,\"type\":4,\"detail\":5,"
          + "\"url\":\"javascript:alert(1)\"},"
          + "{\"id\":\"58dfdd3e38a32f00927ef258\",\"sent\":1491066174,\"type\":99,"
          + "\"url\":\"//evil.example/x\",\"from\":{\"steamid\":\"x\\\"><b>\",\"name\":\"n\"}},"
          + "{\"sent\":1,\"type\":0},"
          + "\"not an object\"]}";

  @Test
  void readsTheNotificationsUpstreamSent() {
    NotificationView.Page page = NotificationView.page(UpstreamDecoder.page(EXAMPLE));
    assertEquals(16, page.folderCount());
    assertEquals(60, page.pageSize());
    assertEquals(0, page.skip());
    assertEquals(4, page.items().size(), "the malformed entries are skipped");

    NotificationView watched = page.items().get(0);
    assertEquals("58dfdee838a32f009d454ed8", watched.id());
    assertEquals(Instant.ofEpochSecond(1491066600), watched.sent());
    assertEquals("Watched listing", watched.typeLabel());
    assertEquals("<script>alert(1)</script>", watched.fromName(), "kept as sent; escaped later");
    assertEquals("76561198070299574", watched.fromSteamId());
    assertEquals("440_5606033582", watched.listingId());
    assertTrue(watched.upstreamPath().startsWith("/classifieds?item="));
    assertTrue(watched.unread());
    assertFalse(watched.listingDeleted());

    NotificationView deleted = page.items().get(1);
    assertTrue(deleted.listingDeleted());
    assertNull(deleted.fromName());
    assertFalse(deleted.unread());
  }

  @Test
  void onlyPathsOnTheSiteBecomeLinks() {
    NotificationView.Page page = NotificationView.page(UpstreamDecoder.page(EXAMPLE));
    assertNull(page.items().get(2).upstreamPath(), "javascript: is never a link");
    assertEquals("closed by an admin", page.items().get(2).detailLabel());
    assertNull(page.items().get(3).upstreamPath(), "a protocol-relative URL leaves the site");
    assertNull(page.items().get(3).fromSteamId(), "a malformed SteamID makes no profile link");
    assertEquals("Notification (type 99)", page.items().get(3).typeLabel());
  }

  @Test
  void aNotificationWhoseBodyIsNotAnObjectIsSkipped() {
    NotificationPage page =
        new NotificationPage(
            2,
            60,
            0,
            List.of(
                new StoredNotification("58dfdee838a32f009d454ed8", 1, 11, null, "{\"x\":[}"),
                new StoredNotification("58dfdee838a32f009d454ed9", 1, 11, "true", "{}")));
    List<NotificationView> items = NotificationView.page(page).items();
    assertEquals(1, items.size());
    assertTrue(items.get(0).unread());
    assertEquals("1 notification", NotificationsPage.plural(1, "notification"));
    assertEquals("2 notifications", NotificationsPage.plural(2, "notification"));
  }
}
