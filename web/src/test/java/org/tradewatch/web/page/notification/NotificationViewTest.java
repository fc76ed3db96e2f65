package org.tradewatch.web.page.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.notification.NotificationFilter;
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
    assertEquals("440_5606033582", watched.listing().id());
    assertTrue(watched.upstreamPath().startsWith("/classifieds?item="));
    assertTrue(watched.unread());
    assertFalse(watched.listing().deleted());

    NotificationView deleted = page.items().get(1);
    assertTrue(deleted.listing().deleted());
    assertNull(deleted.listing().id());
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

  /** A page of watched-listing notifications whose listings are {@code listings}' JSON. */
  private static NotificationView.Page watched(int folderCount, String... listings) {
    StringBuilder json =
        new StringBuilder("{\"folder_count\":" + folderCount + ",\"notifications\":[");
    for (int i = 0; i < listings.length; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(String.format("%024x", i + 1))
          .append("\",\"sent\":1765000000,\"type\":11,\"data\":{\"listing\":")
          .append(listings[i])
          .append("}}");
    }
    return NotificationView.page(UpstreamDecoder.page(json.append("]}").toString()));
  }

  @Test
  void aWatchedListingShowsItsItemPriceAndIntentFromThePayload() {
    NotificationView.Page page =
        watched(
            3,
            "{\"id\":\"440_5606033582\",\"item\":{\"name\":\"<b>Non-Craftable</b> Case\"},"
                + "\"currencies\":{\"keys\":3},\"intent\":1}",
            "{\"id\":\"440_76561198070299574_0123456789abcdef0123456789abcdef\","
                + "\"item\":{\"name\":\"Team Captain\"},"
                + "\"currencies\":{\"keys\":1,\"metal\":11.889,\"usd\":2.5},\"intent\":\"buy\"}",
            "{\"id\":\"440_1\",\"item\":{\"name\":\"  \"},"
                + "\"currencies\":{\"keys\":-1,\"metal\":\"5\"},\"intent\":7}");
    NotificationView.Listing sell = page.items().get(0).listing();
    assertEquals("<b>Non-Craftable</b> Case", sell.itemName(), "as sent; the page escapes it");
    assertEquals("3 keys", sell.price());
    assertEquals("sell", sell.intent());
    NotificationView.Listing buy = page.items().get(1).listing();
    assertEquals("Team Captain", buy.itemName());
    assertEquals(
        "1 key, 11.88 ref, $2.50", buy.price(), "metal cut to the scrap, as traders write");
    assertEquals("buy", buy.intent());
    NotificationView.Listing odd = page.items().get(2).listing();
    assertNull(odd.itemName(), "a blank name is none");
    assertNull(odd.price(), "neither a negative nor a text amount is a price");
    assertNull(odd.intent(), "7 is no intent");
  }

  @Test
  void aListingStoredHereLinksToItsPageElseToBackpackTfFromValidatedParts() {
    NotificationView.Page page =
        watched(
            4,
            "{\"id\":\"440_5606033582\"}",
            "{\"id\":\"440_76561198070299574_0123456789abcdef0123456789abcdef\"}",
            "{\"id\":\"javascript:alert(1)\"}",
            "{\"id\":\"not_a_bptf_id\"}");
    assertEquals(
        Set.of(
            "440_5606033582",
            "440_76561198070299574_0123456789abcdef0123456789abcdef",
            "not_a_bptf_id"),
        page.listingIds(),
        "only ids that can be keys are looked up");
    NotificationView.Page linked =
        page.linked(Set.of("440_5606033582", "not_a_bptf_id"), "https://backpack.tf");
    NotificationView.Listing here = linked.items().get(0).listing();
    assertTrue(here.stored());
    NotificationView.Listing elsewhere = linked.items().get(1).listing();
    assertFalse(elsewhere.stored());
    assertEquals(
        "https://backpack.tf/classifieds?listing="
            + "440_76561198070299574_0123456789abcdef0123456789abcdef",
        elsewhere.upstreamUrl());
    assertNull(linked.items().get(2).listing().id(), "an id that is no id is dropped");
    assertNull(linked.items().get(2).listing().upstreamUrl());
    assertTrue(
        linked.items().get(3).listing().stored(), "stored here: its page, whatever its form");
    assertNull(
        page.linked(Set.of(), "https://backpack.tf").items().get(3).listing().upstreamUrl(),
        "an id of neither of backpack.tf's forms names nothing there");
  }

  @Test
  void withAFilterThePageSaysHowManyMatchNotHowManyTheFolderHolds() {
    NotificationView.Page four = watched(16, "{}", "{}", "{}", "{}");
    assertEquals("16 in this folder", NotificationsPage.countText(NotificationFilter.ALL, four));
    assertEquals(
        "4 match “Subscriptions”, of 16 in this folder",
        NotificationsPage.countText(NotificationFilter.SUBSCRIPTIONS, four));
    assertEquals(
        "1 matches “Trust”, of 16 in this folder",
        NotificationsPage.countText(NotificationFilter.TRUST, watched(16, "{}")));

    String[] sixty = new String[60];
    Arrays.fill(sixty, "{}");
    NotificationView.Page full = watched(400, sixty);
    assertEquals(
        "At least 60 match “Subscriptions”, of 400 in this folder",
        NotificationsPage.countText(NotificationFilter.SUBSCRIPTIONS, full),
        "a full page does not say how many more there are");
    NotificationView.Page older = new NotificationView.Page(400, 60, 120, four.items());
    assertEquals(
        "124 match “Subscriptions”, of 400 in this folder",
        NotificationsPage.countText(NotificationFilter.SUBSCRIPTIONS, older));
    assertEquals(
        "400 in this folder",
        NotificationsPage.countText(
            NotificationFilter.SUBSCRIPTIONS, new NotificationView.Page(400, 60, 600, List.of())),
        "past the end, nothing is known of the matches");
  }
}
