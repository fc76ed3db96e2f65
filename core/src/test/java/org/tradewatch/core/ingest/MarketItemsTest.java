package org.tradewatch.core.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.item.BookCursor;
import org.tradewatch.core.item.BookPage;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.item.ItemPage;
import org.tradewatch.core.item.ItemQuery;
import org.tradewatch.core.item.ItemSort;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketItems;
import org.tradewatch.core.market.MarketModel;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.bptf.BptfFrameDecoder;
import org.tradewatch.core.stream.bptf.Samples;

/**
 * Upstream's samples decoded and ingested, then read as items: the buy order and the sell listings
 * of one skin make one order book, read with the whole listings in book order.
 */
class MarketItemsTest {

  private final InMemoryListingStore store = new InMemoryListingStore();
  private final MarketModel model = new MarketModel();
  private final IngestService ingest =
      new IngestService(
          store,
          store,
          model,
          new InMemoryQuarantineStore(),
          Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
  private final MarketItems items = new MarketItems(model, store);
  private final BptfFrameDecoder decoder = new BptfFrameDecoder();

  private void apply(String frame) {
    DecodedFrame decoded = decoder.decode(frame);
    assertEquals(List.of(), decoded.rejected());
    ingest.apply(Source.BPTF, List.of(decoded), Instant.EPOCH);
  }

  /** The sell sample as another seller's listing at another price. */
  private static String otherSell(String id, String event, String raw) {
    return Samples.read(Samples.SELL)
        .replace("440_15060000001", id)
        .replace("69346e7b1111111111110001", event)
        .replace("\"raw\": 130.2", "\"raw\": " + raw)
        .replace("\"76561198000000003\"", "\"76561198000000077\"");
  }

  @Test
  void theSamplesOfOneSkinMakeOneBook() {
    apply(Samples.read(Samples.BUY_SKIN));
    apply(Samples.read(Samples.SELL));
    apply(otherSell("440_15060000002", "69346e7b1111111111110002", "120.5"));
    apply(Samples.read(Samples.BUY_ORDER));
    ItemKey skin = ItemKey.parse("bptf.440.Strange_Autumn_Shotgun_~28Factory_New~29.q-Strange");

    BookPage book = items.book(skin, 50, null, null).orElseThrow();

    assertEquals(
        List.of("440_76561198000000003_95998e17b14e51852c1e88bb4350d181"), ids(book.buys()));
    assertEquals(List.of("440_15060000002", "440_15060000001"), ids(book.sells()));
    assertEquals("76561198000000077", book.sells().get(0).snapshot().sellerId(), "whole listings");
    assertEquals(new BigDecimal("18.29"), book.summary().spread());
    assertEquals(new BigDecimal("241.316233183857"), book.summary().suggested());
    assertNull(book.sellsNext());

    BookPage first = items.book(skin, 1, null, null).orElseThrow();
    assertEquals(new BookCursor(new BigDecimal("120.5"), "440_15060000002"), first.sellsNext());
    assertEquals(
        List.of("440_15060000001"),
        ids(items.book(skin, 1, null, first.sellsNext()).orElseThrow().sells()));

    ItemPage found =
        items.search(new ItemQuery("autumn", Source.BPTF, 440, null, ItemSort.SPREAD, 1, 10));
    assertEquals(1, found.total());
    assertEquals(skin, found.items().get(0).key());
    assertEquals(
        2, items.search(new ItemQuery(null, null, null, null, ItemSort.NAME, 1, 10)).total());
  }

  @Test
  void aDeletedListingLeavesItsBook() {
    apply(Samples.read(Samples.SELL));
    apply(otherSell("440_15060000002", "69346e7b1111111111110002", "120.5"));
    apply(
        otherSell("440_15060000002", "69346e7b1111111111110003", "120.5")
            .replace("listing-update", "listing-delete"));
    ItemKey skin = ItemKey.parse("bptf.440.Strange_Autumn_Shotgun_~28Factory_New~29.q-Strange");

    BookPage book = items.book(skin, 50, null, null).orElseThrow();

    assertEquals(List.of("440_15060000001"), ids(book.sells()));
    assertEquals(1, book.summary().sellCount());
    assertTrue(items.book(ItemKey.parse("bptf.440.Nothing"), 50, null, null).isEmpty());
  }

  private static List<String> ids(List<Listing> listings) {
    return listings.stream().map(listing -> listing.key().id()).toList();
  }
}
