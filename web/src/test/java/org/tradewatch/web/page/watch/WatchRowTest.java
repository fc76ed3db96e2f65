package org.tradewatch.web.page.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.watch.PriceBound;
import org.tradewatch.core.watch.Watch;
import org.tradewatch.core.watch.WatchTerms;

class WatchRowTest {

  private static final Instant T = Instant.parse("2026-12-07T14:00:00Z");

  @Test
  void aWatchOfAnItemReadsAsTheItemWithItsBoundInItsUnit() {
    Watch watch =
        new Watch(
            "00000000000000c3",
            "alice",
            WatchTerms.ofItem(ItemKey.parse("bptf.440.Team_Captain.q-Unusual.e-Burning_Flames"))
                .withIntent(Intent.SELL)
                .withBound(PriceBound.atMost(new BigDecimal("900.5"))),
            true,
            T,
            T);
    WatchRow row = WatchRow.of(watch, 3);
    assertEquals("Unusual Team Captain (Burning Flames)", row.what());
    assertEquals("bptf.440.Team_Captain.q-Unusual.e-Burning_Flames", row.itemKey());
    assertEquals("backpack.tf", row.source());
    assertEquals("sell", row.intent());
    assertEquals("at most 900.5 ref", row.price());
    assertEquals(3, row.matches24h());
    assertTrue(row.paused());
  }

  @Test
  void aWatchByNameReadsAsItsWordsInQuotes() {
    Watch watch =
        new Watch(
            "00000000000000c4",
            "alice",
            WatchTerms.ofName("ak 47")
                .withSource(Source.SKINSHARK)
                .withBound(PriceBound.atLeast(new BigDecimal("22"))),
            false,
            T,
            T);
    WatchRow row = WatchRow.of(watch, 0);
    assertEquals("“ak 47”", row.what());
    assertNull(row.itemKey());
    assertEquals("skinshark", row.source());
    assertNull(row.intent());
    assertEquals("at least $22.00", row.price());
    WatchRow plain =
        WatchRow.of(new Watch("00000000000000c5", "a", WatchTerms.ofName("hat"), false, T, T), 0);
    assertEquals("any price", plain.price());
    assertEquals("any source", plain.source());
  }
}
