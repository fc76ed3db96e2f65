package org.tradewatch.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookUrlTest {

  @Test
  void httpsAnywhereAndHttpOnLoopbackAreKept() {
    for (String url :
        List.of(
            "https://hooks.example.com/tradewatch",
            "HTTPS://hooks.example.com:8443/a?b=c",
            "http://127.0.0.1:8080/hook",
            "http://localhost/hook",
            "http://[::1]:9000/hook")) {
      assertEquals(url, WebhookUrl.parse(" " + url + " ").toString());
    }
  }

  @Test
  void anythingElseIsRefusedNamingTheField() {
    for (String url :
        List.of(
            "",
            "   ",
            "http://hooks.example.com/hook",
            "http://10.0.0.5/hook",
            "http://127.0.0.2/hook",
            "http://localhost.example.com/hook",
            "ftp://hooks.example.com/",
            "javascript:alert(1)",
            "/relative/path",
            "https:///nohost",
            "https://user:pass@hooks.example.com/",
            "https://hooks.example.com/#frag",
            "https://hooks example.com/",
            "https://hooks.example.com/" + "a".repeat(WebhookUrl.MAX_LENGTH))) {
      InvalidWebhookException e =
          assertThrows(InvalidWebhookException.class, () -> WebhookUrl.parse(url), url);
      assertTrue(e.getMessage().startsWith("url: "), e.getMessage());
    }
    assertThrows(InvalidWebhookException.class, () -> WebhookUrl.parse(null));
  }

  @Test
  void theMessageSaysWhyPlainHttpIsRefused() {
    InvalidWebhookException e =
        assertThrows(
            InvalidWebhookException.class, () -> WebhookUrl.parse("http://hooks.example.com/x"));
    assertEquals(
        "url: http:// is only for 127.0.0.1, ::1 or localhost; use https:// for hooks.example.com",
        e.getMessage());
  }
}
