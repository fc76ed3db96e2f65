package org.tradewatch.core.stream.skinshark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.StoreLimits;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.RejectedInput;

/**
 * skinshark's listings are checked against what the store can hold like backpack.tf's: in a
 * snapshot page a listing the store cannot hold, or one the parser cannot read, is rejected alone
 * and the rest of the page is decoded; a live frame is one event, rejected naming the field.
 */
class SkinsharkDecoderLimitsTest {

  private static final Instant SNAPSHOT_AT = Instant.ofEpochMilli(1_765_000_000_000L);
  private static final long TS = 1_765_000_060_000L;
  private static final String A = listing("ss_1", "");
  private static final String B = listing("ss_3", "");

  private final SkinsharkDecoder decoder = new SkinsharkDecoder();

  static Stream<Arguments> unstorableListings() {
    return Stream.of(
        Arguments.of(",\"price\":1e30", "data.price"),
        Arguments.of(",\"currency\":\"" + "U".repeat(200_000) + "\"", "data.currency"),
        Arguments.of(",\"currency\":\"US\\u0000D\"", "data.currency"),
        Arguments.of(",\"rarity\":\"" + "C".repeat(65) + "\"", "data.rarity"),
        Arguments.of(",\"iconUrl\":\"https://x.test/" + "i".repeat(2040) + "\"", "data.iconUrl"),
        Arguments.of(",\"name\":\"" + "n".repeat(StoreLimits.PAYLOAD_LENGTH) + "\"", "data"));
  }

  @ParameterizedTest
  @MethodSource("unstorableListings")
  void anUnstorableListingOfAPageIsRejectedAloneNamingTheField(String members, String field) {
    String bad = listing("ss_2", members);

    SkinsharkDecoder.Page page = SkinsharkDecoder.page(page(A, bad, B), SNAPSHOT_AT);

    assertEquals(List.of("ss_1", "ss_3"), page.ids());
    assertEquals(2, page.frame().events().size());
    RejectedInput rejected = page.frame().rejected().get(0);
    assertEquals(bad, rejected.raw());
    assertTrue(rejected.reason().contains(field + " "), rejected.reason());
    assertTrue(rejected.reason().length() < 400, "the reason quotes upstream text briefly");
  }

  @ParameterizedTest
  @MethodSource("unstorableListings")
  void anUnstorableLiveListingIsRejectedNamingTheField(String members, String field) {
    String frame = delta("market.update", listing("ss_2", members), TS);

    DecodedFrame decoded = decoder.decode(frame);

    assertEquals(List.of(), decoded.events());
    assertEquals(frame, decoded.rejected().get(0).raw());
    assertTrue(
        decoded.rejected().get(0).reason().contains(field + " "),
        decoded.rejected().get(0).reason());
  }

  @Test
  void anUnstorableListingIdIsRejectedNamingTheField() {
    String longId = "s".repeat(129);

    DecodedFrame update = decoder.decode(delta("market.update", listing(longId, ""), TS));
    DecodedFrame remove =
        decoder.decode(delta("market.remove", "{\"listingId\":\"ss_\\u00002\"}", TS));
    SkinsharkDecoder.Page page =
        SkinsharkDecoder.page(page(A, listing(longId, ""), B), SNAPSHOT_AT);

    assertTrue(update.rejected().get(0).reason().contains("data.id "));
    assertTrue(remove.rejected().get(0).reason().contains("data.listingId "));
    assertEquals(List.of("ss_1", "ss_3"), page.ids());
  }

  @Test
  void aTimeInMicrosecondsWhereMillisecondsWereDueIsRejectedNamingTs() {
    for (String ts : List.of("1765000060000000", "-1", "4294967296000", "1e400")) {
      String frame = delta("market.update", A, 0).replace("\"ts\":0", "\"ts\":" + ts);

      DecodedFrame decoded = decoder.decode(frame);

      assertEquals(List.of(), decoded.events(), ts);
      assertTrue(
          decoded.rejected().get(0).reason().contains("ts "), decoded.rejected().get(0).reason());
    }
  }

  @Test
  void timesAtTheEdgesOfTheStoresRangeAreKept() {
    DecodedFrame first = decoder.decode(delta("market.update", A, 0));
    DecodedFrame last = decoder.decode(delta("market.update", A, 4_294_967_295_999L));

    assertEquals(Instant.EPOCH, first.events().get(0).eventAt());
    assertEquals(
        StoreLimits.END_OF_TIME.minusMillis(1), last.events().get(0).eventAt(), "last ms kept");
  }

  @Test
  void displayTextsAreCutAndPricesRounded() {
    ListingSnapshot snapshot =
        single(
            decoder.decode(
                delta(
                    "market.update",
                    listing(
                        "ss_2",
                        ",\"name\":\""
                            + "n".repeat(600)
                            + "\",\"wear\":\""
                            + "w".repeat(300)
                            + "\",\"price\":12.3400000000001"),
                    TS)));

    assertEquals("n".repeat(StoreLimits.ITEM_NAME_LENGTH), snapshot.itemName());
    assertEquals(StoreLimits.WEAR_LENGTH, snapshot.wear().length());
    assertEquals(new BigDecimal("12.340000000000"), snapshot.value());
    assertEquals(new BigDecimal("12.340000000000"), snapshot.currencies().get("usd"));
  }

  @Test
  void aPageListingNestedTooDeepCostsOnlyItself() {
    String deep = "[".repeat(1500) + "]".repeat(1500);
    String deepInside =
        listing("ss_2", ",\"x\":" + "{\"x\":".repeat(1500) + "1" + "}".repeat(1500));

    for (String bad : List.of(deep, deepInside)) {
      SkinsharkDecoder.Page page = SkinsharkDecoder.page(page(A, bad, B), SNAPSHOT_AT);

      assertEquals(List.of("ss_1", "ss_3"), page.ids());
      assertEquals(bad, page.frame().rejected().get(0).raw());
    }
  }

  @Test
  void aFullPageWithOneBrokenListingKeepsTheOthers() {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < SnapshotLoader.PAGE_LIMIT; i++) {
      items.add(i == 7 ? listing("ss_x", ",\"price\":12 13") : listing("ss_" + i, ""));
    }

    SkinsharkDecoder.Page page =
        SkinsharkDecoder.page(page(items.toArray(String[]::new)), SNAPSHOT_AT);

    assertEquals(SnapshotLoader.PAGE_LIMIT - 1, page.ids().size());
    assertEquals(1, page.frame().rejected().size());
    assertEquals(SnapshotLoader.PAGE_LIMIT, page.frame().size());
  }

  @Test
  void pagesKeepTheirMembersInAnyOrder() {
    SkinsharkDecoder.Page page =
        SkinsharkDecoder.page(
            "{ \"total\" : 2 , \"page\":{\"n\":[1]}, \"items\" : [ " + A + " , " + B + " ] }",
            SNAPSHOT_AT);

    assertEquals(List.of("ss_1", "ss_3"), page.ids());
    assertEquals(2, page.total());
  }

  @Test
  void aPageWithoutAReadableTotalOrItemsIsNotAPage() {
    for (String body :
        List.of(
            "{\"items\":[],\"total\":1e30}",
            "{\"items\":[],\"total\":-1}",
            "{\"items\":[]}",
            "{\"total\":0}",
            "{\"items\":[" + A + "],\"total\":1",
            "{\"items\":[" + A,
            "[]",
            "")) {
      assertThrows(IllegalArgumentException.class, () -> SkinsharkDecoder.page(body, SNAPSHOT_AT));
    }
  }

  @Test
  void aSnapshotTimeTheStoreCannotHoldIsRefused() {
    Instant tooLate = StoreLimits.END_OF_TIME;

    assertThrows(IllegalArgumentException.class, () -> SkinsharkDecoder.page(page(A), tooLate));
    assertThrows(
        IllegalArgumentException.class,
        () -> SnapshotLoader.load((p, l) -> page(A), tooLate, () -> 0, 1, (page, raw) -> {}));
  }

  @Test
  void aReadyFrameWhoseTimeTheStoreCannotHoldIsNotTakenAsReady()
      throws InterruptedException, MarketSync.BufferFull {
    String micros = "{\"event\":\"market.ready\",\"data\":{},\"ts\":1765000000000000}";
    MarketSync sync = new MarketSync(frame -> {}, 10);

    assertNull(SkinsharkDecoder.readyAt(micros));
    assertNull(SkinsharkDecoder.readyAt(micros.replace("1765000000000000", "-1")));
    assertEquals(MarketSync.Step.BUFFERED, sync.onFrame(micros));
    assertNull(sync.readyAt());
    assertEquals(
        MarketSync.Step.READY, sync.onFrame(micros.replace("1765000000000000", "1765000000000")));
  }

  private static ListingSnapshot single(DecodedFrame decoded) {
    assertEquals(List.of(), decoded.rejected());
    assertEquals(1, decoded.events().size());
    return decoded.events().get(0).snapshot();
  }

  private static String listing(String id, String members) {
    return "{\"id\":\""
        + id
        + "\",\"itemId\":\"730_9\",\"name\":\"AK-47 | Redline\",\"price\":12.5,"
        + "\"currency\":\"USD\",\"rarity\":\"Classified\""
        + members
        + "}";
  }

  private static String delta(String event, String data, long ts) {
    return "{\"event\":\"" + event + "\",\"data\":" + data + ",\"ts\":" + ts + "}";
  }

  private static String page(String... listings) {
    return "{\"items\":[" + String.join(",", listings) + "],\"total\":" + listings.length + "}";
  }
}
