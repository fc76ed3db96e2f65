package org.tradewatch.core.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.ListingDetail;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingPage;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketListings;
import org.tradewatch.core.market.MarketModel;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.ListingEvent;

/** Reads through the model and the log, as the REST API and the pages do. */
class MarketListingsTest {

  private static final ListingKey A = new ListingKey(Source.BPTF, "440_1");
  private static final ListingKey B = new ListingKey(Source.BPTF, "440_2");

  private final InMemoryListingStore store = new InMemoryListingStore();
  private final MarketModel model = new MarketModel();
  private final IngestService ingest =
      new IngestService(
          store,
          store,
          model,
          new InMemoryQuarantineStore(),
          Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
  private final MarketListings listings = new MarketListings(model, store);

  private void apply(ListingEvent... events) {
    ingest.apply(
        Source.BPTF,
        List.of(new DecodedFrame(List.of(events), List.of(), java.util.Map.of())),
        Instant.EPOCH);
  }

  @Test
  void aDetailsHistoryEndsAtTheEventThatMadeTheListing() {
    apply(IngestPlannerTest.update("e1", 100, A, "1"), IngestPlannerTest.update("f1", 100, B, "5"));
    apply(IngestPlannerTest.update("e2", 101, A, "2"));

    ListingDetail detail = listings.detail(A, 10).orElseThrow();

    assertEquals("e2", detail.listing().lastEventId());
    assertEquals(List.of("e2", "e1"), detail.history().stream().map(h -> h.eventId()).toList());
    assertEquals(1, listings.detail(A, 1).orElseThrow().history().size());
    assertTrue(listings.detail(new ListingKey(Source.BPTF, "nope"), 10).isEmpty());
  }

  @Test
  void aSearchReadsThePagesListingsByTheStatesTheModelMatched() {
    apply(IngestPlannerTest.update("e1", 100, A, "1"), IngestPlannerTest.update("f1", 100, B, "5"));

    ListingPage page = listings.search(ListingQuery.all());

    assertEquals(2, page.total());
    assertTrue(page.totalExact());
    assertEquals(2, page.items().size());
  }
}
