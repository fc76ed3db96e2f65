package org.tradewatch.web.page.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.watch.Alert;

class AlertRowTest {

  private static Alert alert(String id, String name, String quality, Alert.Reason reason) {
    return new Alert(
        "00000000000000a1",
        "alice",
        "00000000000000b2",
        new ListingKey(Source.BPTF, id),
        null,
        name,
        quality,
        Intent.SELL,
        new BigDecimal("1540.02"),
        "ref",
        reason,
        Instant.parse("2026-12-07T14:00:00Z"),
        false);
  }

  @Test
  void aRowSaysWhatMatchedAndWhichWatch() {
    AlertRow row =
        AlertRow.of(
            alert("440_1", "Team Captain", "Unusual", Alert.Reason.MATCHED),
            Map.of("00000000000000b2", "“team captain”"));
    assertEquals("new match", row.reason());
    assertEquals("sell", row.intent());
    assertEquals("Unusual", row.quality());
    assertEquals("1,540.02 ref", row.price());
    assertEquals("“team captain”", row.watch());
    assertEquals("/listings/bptf/440_1", row.listingPath());
    assertEquals(true, row.unread());
  }

  @Test
  void aQualityTheNameSaysIsNotRepeatedAndADeletedWatchIsSaid() {
    AlertRow row =
        AlertRow.of(
            alert("440_2", "Strange Team Captain", "Strange", Alert.Reason.CROSSED), Map.of());
    assertNull(row.quality());
    assertEquals("back within your price", row.reason());
    assertEquals("a deleted watch", row.watch());
  }

  @Test
  void theListingsIdIsEscapedInItsPath() {
    AlertRow row = AlertRow.of(alert("730_a b/c?", "Hat", null, Alert.Reason.MATCHED), Map.of());
    assertEquals("/listings/bptf/730_a%20b%2Fc%3F", row.listingPath());
  }
}
