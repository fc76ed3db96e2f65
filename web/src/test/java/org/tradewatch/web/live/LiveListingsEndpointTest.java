package org.tradewatch.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A refused filter's close reason fits in a close frame and still names the parameter. */
class LiveListingsEndpointTest {

  @Test
  void aShortReasonIsKeptAndALongOneIsCutWithinTheFrame() {
    assertEquals("wear: unknown wear 'x'", LiveListingsEndpoint.reason("wear: unknown wear 'x'"));
    for (String filler : new String[] {"x", "\u00e9", "\u20ac", "\uD83D\uDD11"}) {
      String reason =
          LiveListingsEndpoint.reason("intent: unknown intent '" + filler.repeat(200) + "'");
      int bytes = reason.getBytes(StandardCharsets.UTF_8).length;
      assertTrue(bytes <= LiveListingsEndpoint.MAX_REASON_BYTES, bytes + " bytes: " + reason);
      assertTrue(bytes > LiveListingsEndpoint.MAX_REASON_BYTES - 5, bytes + " bytes: " + reason);
      assertTrue(reason.startsWith("intent: unknown intent '"), reason);
      assertTrue(reason.endsWith("\u2026"), reason);
    }
  }
}
