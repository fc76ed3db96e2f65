package org.tradewatch.core.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each token's polling window: the window and the token's own share of the spread. */
class WindowSpreadTest {

  private static final long WINDOW = 30_000;
  private static final long SPREAD = 3_000;

  @Test
  void windowsSpreadEvenlyOverTheSpreadAndAreNeverShorterThanTheWindow() {
    int[] bySecond = new int[3];
    for (int i = 0; i < 3_000; i++) {
      long window = PollingPolicy.windowOf(TokenHash.of("token-" + i), WINDOW, SPREAD);
      assertTrue(window >= WINDOW && window <= WINDOW + SPREAD, "window " + window);
      bySecond[(int) Math.min(2, (window - WINDOW) / 1_000)]++;
    }
    for (int tokens : bySecond) {
      assertTrue(tokens > 800 && tokens < 1_200, "tokens per second of the spread: " + tokens);
    }
  }

  @Test
  void aTokensWindowDependsOnItsHashAlone() {
    // so every instance of a cluster gives a token the same window
    TokenHash hash = TokenHash.of("5904cbeb0e2cad7f621c0a85");
    long window = PollingPolicy.windowOf(hash, WINDOW, SPREAD);
    assertEquals(window, PollingPolicy.windowOf(new TokenHash(hash.hex()), WINDOW, SPREAD));
  }

  @Test
  void withoutSpreadEveryWindowIsTheWindow() {
    for (int i = 0; i < 100; i++) {
      assertEquals(WINDOW, PollingPolicy.windowOf(TokenHash.of("token-" + i), WINDOW, 0));
    }
  }
}
