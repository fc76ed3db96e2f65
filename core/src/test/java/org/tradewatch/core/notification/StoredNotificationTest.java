package org.tradewatch.core.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class StoredNotificationTest {

  private static JsonValue json(String text) {
    return Json.createReader(new StringReader(text)).readValue();
  }

  @Test
  void aPageRoundTripsToTheSameJsonWithItsUnreadFlags() {
    String body =
        "{\"folder_count\":3,\"page_size\":60,\"skip\":0,\"notifications\":["
            + "{\"id\":\"58dfdee838a32f009d454ed8\",\"sent\":1491066600,\"type\":11,"
            + "\"from\":{\"steamid\":\"1\",\"name\":\"<b>Кирилл</b>\"},\"unread\":1,"
            + "\"data\":{\"listing\":{\"deleted\":1}}},"
            + "{\"id\":\"58dfdd4238a32f00927ef259\",\"sent\":1491066178,\"type\":7},"
            + "{\"id\":\"58dfdd4238a32f00927ef25a\",\"sent\":1491066177,\"type\":0,\"unread\":false},"
            + "{\"no\":\"id\"}]}";
    UpstreamPage page = UpstreamPage.parse(body);
    assertEquals(3, page.folderCount());
    assertEquals(3, page.notifications().size(), "the one without an id is not stored");
    StoredNotification unread = page.notifications().get(0);
    assertEquals("1", unread.unreadJson());
    assertFalse(unread.body().contains("unread"));
    assertEquals(
        json(
            "{\"id\":\"58dfdee838a32f009d454ed8\",\"sent\":1491066600,\"type\":11,"
                + "\"from\":{\"steamid\":\"1\",\"name\":\"<b>Кирилл</b>\"},\"unread\":1,"
                + "\"data\":{\"listing\":{\"deleted\":1}}}"),
        json(unread.appendJson(new StringBuilder()).toString()));
    assertNull(page.notifications().get(2).unreadJson(), "unread: false is read");
    assertEquals(
        json("{\"id\":\"58dfdd4238a32f00927ef259\",\"sent\":1491066178,\"type\":7}"),
        json(page.notifications().get(1).appendJson(new StringBuilder()).toString()));
  }

  @Test
  void anythingButTheDocumentedShapeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> UpstreamPage.parse("<html>"));
    assertThrows(IllegalArgumentException.class, () -> UpstreamPage.parse("[]"));
    assertThrows(IllegalArgumentException.class, () -> UpstreamPage.parse("{\"message\":\"x\"}"));
  }

  @Test
  void tokenHashesAreStableHexAndHideTheToken() {
    TokenHash hash = TokenHash.of("5904cbeb0e2cad7f621c0a85");
    assertEquals(hash, TokenHash.of("5904cbeb0e2cad7f621c0a85"));
    assertEquals(64, hash.hex().length());
    assertFalse(hash.toString().contains(hash.hex()));
    assertFalse(TokenHash.of("a").equals(TokenHash.of("b")));
  }
}
