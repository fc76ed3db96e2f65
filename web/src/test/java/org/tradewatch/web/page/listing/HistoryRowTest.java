package org.tradewatch.web.page.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;
import org.tradewatch.web.format.Prices;

/** An event row shows its value as traders read it, and carries the chart's point in keys. */
class HistoryRowTest {

  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
  private static final ListingKey KEY = new ListingKey(Source.BPTF, "440_1");

  @Test
  void theTableReadsInRefAndTheChartInKeys() {
    ListingSnapshot snapshot =
        ListingSnapshot.builder(KEY)
            .currencies(Map.of("keys", new BigDecimal("1628")))
            .value(new BigDecimal("95775.24"))
            .valueUnit("ref")
            .build();
    Listing listing = new Listing(snapshot, T, null, "e2", T);
    ChartScale scale = ChartScale.of(snapshot);
    HistoryRow current =
        new HistoryRow(
            new HistoryEntry(
                KEY, "e2", HistoryEntry.Type.UPDATE, T, new BigDecimal("95775.24"), "ref"),
            listing,
            scale);
    assertEquals("95,775.24 ref", current.getValue());
    assertEquals("1628", current.getChartValue());
    assertEquals("keys", current.getChartUnit());
    assertEquals(true, current.isCurrent());
    HistoryRow deleted =
        new HistoryRow(
            new HistoryEntry(KEY, "e3", HistoryEntry.Type.DELETE, T, null, null), listing, scale);
    assertEquals(Prices.NONE, deleted.getValue());
    assertNull(deleted.getChartValue());
  }
}
