package org.tradewatch.persistence.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.ingest.IngestResult;
import org.tradewatch.core.ingest.IngestService;
import org.tradewatch.core.ingest.QuarantinedInput;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.listing.StoreLimits;
import org.tradewatch.core.market.MarketListings;
import org.tradewatch.core.market.MarketModel;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.ListingEvent;
import org.tradewatch.core.stream.bptf.BptfFrameDecoder;
import org.tradewatch.core.stream.skinshark.SkinsharkDecoder;
import org.tradewatch.persistence.TestDatabase;
import org.tradewatch.persistence.quarantine.JpaQuarantineStore;

/**
 * Whatever the decoders accept, the store holds: events at the very edge of every limit in {@link
 * StoreLimits} go through the real decoders and {@link IngestService} into the database and read
 * back exactly as decoded; an event past a limit is quarantined alone and its neighbours stored.
 */
class JpaListingStoreLimitsTest {

  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final String LARGEST_VALUE = "9".repeat(26) + "." + "9".repeat(12);

  private TestDatabase db;
  private JpaListingStore store;
  private JpaQuarantineStore quarantine;
  private IngestService ingest;
  private MarketListings reader;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    store = new JpaListingStore(db.factory());
    quarantine = new JpaQuarantineStore(db.factory());
    MarketModel model = new MarketModel();
    reader = new MarketListings(model, store);
    ingest = new IngestService(store, store, model, quarantine, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aBptfListingAtEveryLimitIsStoredAndReadBackAsDecoded() {
    // Three-byte chars in the indexed texts: the most UTF-8 bytes the limits allow.
    String listingId = "440_" + "\u4e2d".repeat(ListingKey.MAX_ID_LENGTH - 4);
    String url = "https://example.test/";
    String currenciesStart = "{\"keys\":" + LARGEST_VALUE + ",\"metal\":11.33,\"";
    String currenciesEnd = "\":2}";
    String currencyName =
        "\u00a2"
            .repeat(
                StoreLimits.CURRENCIES_LENGTH - currenciesStart.length() - currenciesEnd.length());
    String listing =
        "{\"id\":"
            + Json.createValue(listingId)
            + ",\"appid\":"
            + Integer.MAX_VALUE
            + ",\"currencies\":"
            + currenciesStart
            + currencyName
            + currenciesEnd
            + ",\"value\":{\"raw\":"
            + LARGEST_VALUE
            + "},\"intent\":\"buy\",\"listedAt\":0,\"bumpedAt\":4294967295.999999"
            + ",\"item\":{\"name\":"
            + Json.createValue("\u54c1".repeat(StoreLimits.ITEM_NAME_LENGTH))
            + ",\"quality\":{\"name\":"
            + Json.createValue("\u8d28".repeat(StoreLimits.QUALITY_LENGTH))
            + ",\"color\":\"#"
            + "A".repeat(StoreLimits.QUALITY_COLOR_LENGTH - 1)
            + "\"},\"particle\":{\"name\":"
            + Json.createValue("\u2728".repeat(StoreLimits.PARTICLE_LENGTH))
            + "},\"wearTier\":{\"name\":"
            + Json.createValue("\u00e9".repeat(StoreLimits.WEAR_LENGTH))
            + "},\"imageUrl\":\""
            + url
            + "i".repeat(StoreLimits.IMAGE_URL_LENGTH - url.length())
            + "\"},\"user\":{\"id\":\""
            + "7".repeat(StoreLimits.SELLER_ID_LENGTH)
            + "\",\"name\":"
            + Json.createValue("\uD83D\uDE00".repeat(StoreLimits.SELLER_NAME_LENGTH / 2))
            + "},\"details\":"
            + Json.createValue("<b>\uD83D\uDD25</b> ".repeat(StoreLimits.DETAILS_LENGTH / 10))
            + ",\"pad\":\"";
    String payload =
        listing + "x".repeat(StoreLimits.PAYLOAD_LENGTH - listing.length() - 2) + "\"}";
    String frame =
        "[{\"id\":\"ffffffff0123456789abcdef\",\"event\":\"listing-update\",\"payload\":"
            + payload
            + "}]";

    ListingEvent event = single(new BptfFrameDecoder().decode(frame));
    IngestResult result = ingest.apply(Source.BPTF, List.of(decode(frame)), NOW);

    ListingSnapshot decoded = event.snapshot();
    assertEquals(StoreLimits.END_OF_TIME.minusSeconds(1), event.eventAt());
    assertEquals(Instant.EPOCH, decoded.listedAt());
    assertEquals(StoreLimits.END_OF_TIME.minusNanos(1_000), decoded.bumpedAt());
    assertEquals(StoreLimits.PAYLOAD_LENGTH, decoded.payload().length());
    assertEquals(StoreLimits.DETAILS_LENGTH, decoded.details().length());
    assertEquals(1, result.applied());
    Listing stored = reader.find(event.key()).orElseThrow();
    assertEquals(decoded, stored.snapshot());
    assertEquals(event.eventAt(), stored.lastEventAt());
    assertEquals(
        List.of(
            new HistoryEntry(
                event.key(),
                event.eventId(),
                HistoryEntry.Type.UPDATE,
                event.eventAt(),
                new BigDecimal(LARGEST_VALUE),
                "ref")),
        reader.history(event.key(), 5));
  }

  @Test
  void aSkinsharkListingAtEveryLimitIsStoredAndReadBackAsDecoded() {
    String currency = "C".repeat(StoreLimits.VALUE_UNIT_LENGTH);
    String edge =
        "{\"id\":\""
            + "s".repeat(ListingKey.MAX_ID_LENGTH)
            + "\",\"itemId\":\"2147483647_1\",\"name\":"
            + Json.createValue("\u54c1".repeat(StoreLimits.ITEM_NAME_LENGTH))
            + ",\"rarity\":\""
            + "R".repeat(StoreLimits.QUALITY_LENGTH)
            + "\",\"wear\":\""
            + "W".repeat(StoreLimits.WEAR_LENGTH)
            + "\",\"iconUrl\":\"https://x.test/"
            + "i".repeat(StoreLimits.IMAGE_URL_LENGTH - 15)
            + "\",\"price\":-"
            + LARGEST_VALUE
            + ",\"currency\":\""
            + currency
            + "\"}";
    Instant lastMilli = StoreLimits.END_OF_TIME.minusMillis(1);

    SkinsharkDecoder.Page page =
        SkinsharkDecoder.page("{\"items\":[" + edge + "],\"total\":1}", lastMilli);
    DecodedFrame earliest =
        new SkinsharkDecoder()
            .decode(
                "{\"event\":\"market.new\",\"data\":"
                    + edge.replace("\"sss", "\"ss2")
                    + ",\"ts\":0}");
    IngestResult result = ingest.apply(Source.SKINSHARK, List.of(page.frame(), earliest), NOW);

    assertEquals(2, result.applied());
    for (ListingEvent event : List.of(single(page.frame()), single(earliest))) {
      Listing stored = reader.find(event.key()).orElseThrow();
      assertEquals(event.snapshot(), stored.snapshot());
      assertEquals(event.eventAt(), stored.lastEventAt());
      assertEquals(
          Map.of("c".repeat(64), new BigDecimal("-" + LARGEST_VALUE)),
          stored.snapshot().currencies());
    }
    assertEquals(lastMilli, reader.find(single(page.frame()).key()).orElseThrow().lastEventAt());
  }

  @Test
  void whatTheDecoderCutsAndRoundsIsStoredAsCutAndRounded() {
    String frame =
        "{\"id\":\"69346e7b1111111111110001\",\"event\":\"listing-update\",\"payload\":{"
            + "\"id\":\"440_1\",\"value\":{\"raw\":0.1234567890125},\"listedAt\":1722722622.1234569,"
            + "\"currencies\":{\"metal\":11.330000000000002},"
            + "\"item\":{\"name\":\""
            + "n".repeat(900)
            + "\"},\"user\":{\"name\":\"a\\u0000b\\ud800\"},\"details\":\""
            + "d".repeat(9000)
            + "\"}}";

    ListingEvent event = single(decode(frame));
    ingest.apply(Source.BPTF, List.of(decode(frame)), NOW);

    ListingSnapshot stored = reader.find(event.key()).orElseThrow().snapshot();
    assertEquals(new BigDecimal("0.123456789013"), stored.value());
    assertEquals(Instant.ofEpochSecond(1722722622L, 123_456_000), stored.listedAt());
    assertEquals(Map.of("metal", new BigDecimal("11.330000000000")), stored.currencies());
    assertEquals("a\uFFFDb\uFFFD", stored.sellerName());
    assertEquals(event.snapshot(), stored);
  }

  @Test
  void anEventTheStoreCannotHoldIsQuarantinedAloneAndItsNeighboursAreStored() {
    String bad1 = update(2, "{\"id\":\"440_2\",\"value\":{\"raw\":1e30}}");
    String bad2 = update(4, "{\"id\":\"440_4\",\"listedAt\":1722722622000000}");
    String bad3 =
        update(6, "{\"id\":\"440_6\",\"currencies\":{\"" + "k".repeat(200_000) + "\":1}}");
    String deep = "[".repeat(1500) + "]".repeat(1500);
    String frame =
        "["
            + String.join(
                ",",
                update(1, "{\"id\":\"440_1\",\"value\":{\"raw\":2.5}}"),
                bad1,
                update(3, "{\"id\":\"440_3\"}"),
                bad2,
                deep,
                bad3,
                update(5, "{\"id\":\"440_5\"}"))
            + "]";

    IngestResult result = ingest.apply(Source.BPTF, List.of(decode(frame)), NOW);

    assertEquals(3, result.applied());
    assertEquals(4, result.quarantined());
    for (String id : List.of("440_1", "440_3", "440_5")) {
      assertTrue(reader.find(new ListingKey(Source.BPTF, id)).isPresent(), id);
    }
    List<QuarantinedInput> kept = quarantine.latest(Source.BPTF, 10);
    assertEquals(4, kept.size());
    // Newest first: the reverse of the frame's order.
    assertEquals(
        List.of(bad3, deep, bad2, bad1), kept.stream().map(QuarantinedInput::raw).toList());
    assertTrue(kept.get(3).reason().contains("payload.value.raw "), kept.get(3).reason());
    assertTrue(kept.get(2).reason().contains("payload.listedAt "), kept.get(2).reason());
    assertTrue(kept.get(0).reason().contains("payload.currencies "), kept.get(0).reason());
  }

  private static DecodedFrame decode(String frame) {
    return new BptfFrameDecoder().decode(frame);
  }

  private static ListingEvent single(DecodedFrame decoded) {
    assertEquals(List.of(), decoded.rejected());
    assertEquals(1, decoded.events().size());
    return decoded.events().get(0);
  }

  private static String update(int n, String payload) {
    return "{\"id\":\""
        + String.format("69346e7b%016x", n)
        + "\",\"event\":\"listing-update\",\"payload\":"
        + payload
        + "}";
  }
}
