package org.tradewatch.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  @Test
  void theSignatureIsTheHmacOfTimestampDotBody() {
    // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
    assertEquals(
        "sha256=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789",
        WebhookSignature.sign("whsec_test", 1_700_000_000L, "{\"a\":1}"));
  }

  @Test
  void anyChangeBreaksIt() {
    String secret = WebhookSignature.newSecret();
    String body = "{\"event\":\"alert\"}";
    String signature = WebhookSignature.sign(secret, 100, body);
    assertTrue(WebhookSignature.verify(secret, 100, body, signature));
    assertFalse(WebhookSignature.verify(secret, 101, body, signature), "a replay, re-timed");
    assertFalse(WebhookSignature.verify(secret, 100, body + " ", signature), "another body");
    assertFalse(
        WebhookSignature.verify(WebhookSignature.newSecret(), 100, body, signature),
        "another secret");
    assertFalse(WebhookSignature.verify(secret, 100, body, null));
  }

  @Test
  void secretsAreLongRandomAndRecognisable() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String secret = WebhookSignature.newSecret();
      assertTrue(secret.startsWith("whsec_"), secret);
      assertEquals(6 + 43, secret.length(), "32 bytes in base64url");
      assertTrue(seen.add(secret));
    }
    assertEquals("wxyz", WebhookSignature.hintOf("whsec_abcwxyz"));
    assertNotEquals(
        WebhookSignature.sign("a", 1, "b"), WebhookSignature.sign("a", 1, "c"), "body counts");
  }
}
