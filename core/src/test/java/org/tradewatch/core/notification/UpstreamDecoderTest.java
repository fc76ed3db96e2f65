package org.tradewatch.core.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class UpstreamDecoderTest {

  private static JsonValue json(String text) {
    return Json.createReader(new StringReader(text)).readValue();
  }

  @Test
  void aPageKeepsEachNotificationAsUpstreamWroteItWithItsUnreadFlagApart() {
    String body =
        "{\"folder_count\":3,\"page_size\":60,\"skip\":120,\"notifications\":["
            + "{\"id\":\"58dfdee838a32f009d454ed8\",\"sent\":1491066600,\"type\":11,"
            + "\"from\":{\"steamid\":\"1\",\"name\":\"<b>Кирилл</b>\"},\"unread\":1,"
            + "\"data\":{\"listing\":{\"deleted\":1}}},"
            + "{\"id\":\"58dfdd4238a32f00927ef259\",\"sent\":1491066178,\"type\":7},"
            + "{\"id\":\"58dfdd4238a32f00927ef25a\",\"sent\":1491066177,\"type\":0,\"unread\":false},"
            + "{\"no\":\"id\"}]}";
    NotificationPage page = UpstreamDecoder.page(body);
    assertEquals(3, page.folderCount());
    assertEquals(60, page.pageSize());
    assertEquals(120, page.skip());
    assertEquals(3, page.notifications().size(), "the one without an id is left out");
    StoredNotification unread = page.notifications().get(0);
    assertEquals("1", unread.unreadJson());
    assertTrue(unread.unread());
    assertEquals(
        json(
            "{\"id\":\"58dfdee838a32f009d454ed8\",\"sent\":1491066600,\"type\":11,"
                + "\"from\":{\"steamid\":\"1\",\"name\":\"<b>Кирилл</b>\"},"
                + "\"data\":{\"listing\":{\"deleted\":1}}}"),
        json(unread.body()));
    assertNull(page.notifications().get(2).unreadJson(), "unread: false is read");
    assertFalse(page.notifications().get(2).unread());
  }

  @Test
  void anythingButTheDocumentedShapeIsUpstreamFailing() {
    for (String body : new String[] {"<html>", "[]", "{\"message\":\"x\"}", ""}) {
      UpstreamFailure failure =
          assertThrows(UpstreamFailure.class, () -> UpstreamDecoder.page(body), body);
      assertEquals(502, failure.clientStatus());
    }
  }

  @Test
  void aMutationsAnswerIsItsModifiedCount() {
    assertEquals(3, UpstreamDecoder.modified("{\"modified\":3}"));
    assertEquals(
        502,
        assertThrows(UpstreamFailure.class, () -> UpstreamDecoder.modified("{}")).clientStatus());
    assertThrows(UpstreamFailure.class, () -> UpstreamDecoder.modified("not json"));
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
