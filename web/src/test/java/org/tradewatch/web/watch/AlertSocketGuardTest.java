package org.tradewatch.web.watch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AlertSocketGuardTest {

  @Test
  void aPageOfThisSiteMayOpenTheSocket() {
    assertTrue(AlertSocketGuard.sameHost("http://127.0.0.1:8080", "127.0.0.1:8080"));
    assertTrue(AlertSocketGuard.sameHost("https://Trade.Example", "trade.example"));
    assertTrue(AlertSocketGuard.sameHost("http://trade.example", "trade.example:80"));
    assertTrue(AlertSocketGuard.sameHost("https://trade.example", "trade.example:443"));
  }

  @Test
  void anotherSitesPageMayNot() {
    assertFalse(AlertSocketGuard.sameHost("http://evil.example", "trade.example"));
    assertFalse(AlertSocketGuard.sameHost("http://127.0.0.1:9999", "127.0.0.1:8080"));
    assertFalse(AlertSocketGuard.sameHost("http://trade.example.evil", "trade.example"));
    assertFalse(AlertSocketGuard.sameHost("null", "trade.example"), "a sandboxed page");
    assertFalse(AlertSocketGuard.sameHost("http://trade.example", null));
    assertFalse(AlertSocketGuard.sameHost("http://[bad", "trade.example"));
  }
}
