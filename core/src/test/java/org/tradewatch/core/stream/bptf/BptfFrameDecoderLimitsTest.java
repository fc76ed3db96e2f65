package org.tradewatch.core.stream.bptf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.StoreLimits;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.ListingEvent;
import org.tradewatch.core.stream.RejectedInput;

/**
 * Every field is checked against what the store can hold: an event with a field the store cannot
 * hold is rejected alone, naming the field, and its neighbours in the frame are decoded.
 */
class BptfFrameDecoderLimitsTest {

  private static final String A =
      update("69346e7b1111111111110001", "{\"id\":\"440_1\",\"value\":{\"raw\":1.5}}");
  private static final String B = update("69346e7b1111111111110003", "{\"id\":\"440_3\"}");

  private final BptfFrameDecoder decoder = new BptfFrameDecoder();

  static Stream<Arguments> unstorableListings() {
    return Stream.of(
        Arguments.of("\"value\":{\"raw\":1e30}", "payload.value.raw"),
        // 27 digits before the point: NUMERIC(38,12) holds 26.
        Arguments.of("\"value\":{\"raw\":123456789012345678901234567}", "payload.value.raw"),
        // 26 nines and 13 decimals round up to 27 digits.
        Arguments.of(
            "\"value\":{\"raw\":99999999999999999999999999.9999999999999}", "payload.value.raw"),
        Arguments.of("\"listedAt\":1722722622000000", "payload.listedAt"),
        Arguments.of("\"listedAt\":1722722622000", "payload.listedAt"),
        Arguments.of("\"listedAt\":4294967296", "payload.listedAt"),
        Arguments.of("\"bumpedAt\":-1", "payload.bumpedAt"),
        Arguments.of("\"bumpedAt\":1e400", "payload.bumpedAt"),
        Arguments.of("\"bumpedAt\":-0.5", "payload.bumpedAt"),
        Arguments.of("\"currencies\":{\"" + "k".repeat(200_000) + "\":1}", "payload.currencies"),
        Arguments.of("\"currencies\":{\"keys\":1e30}", "payload.currencies.keys"),
        Arguments.of("\"currencies\":" + manyCurrencies(300), "payload.currencies"),
        Arguments.of("\"currencies\":{\"ke\\u0000ys\":1}", "payload.currencies"),
        Arguments.of("\"appid\":2147483648", "payload.appid"),
        Arguments.of("\"appid\":-1", "payload.appid"),
        Arguments.of("\"appid\":440.5", "payload.appid"),
        Arguments.of("\"item\":{\"appid\":1e30}", "payload.item.appid"),
        Arguments.of(
            "\"item\":{\"quality\":{\"name\":\"" + "U".repeat(65) + "\"}}",
            "payload.item.quality.name"),
        Arguments.of(
            "\"item\":{\"quality\":{\"name\":\"Uniq\\ud800ue\"}}", "payload.item.quality.name"),
        Arguments.of(
            "\"item\":{\"quality\":{\"color\":\"#" + "7".repeat(64) + "\"}}",
            "payload.item.quality.color"),
        Arguments.of(
            "\"item\":{\"imageUrl\":\"https://x.test/" + "i".repeat(2040) + "\"}",
            "payload.item.imageUrl"),
        Arguments.of("\"user\":{\"id\":\"" + "7".repeat(65) + "\"}", "payload.user.id"),
        Arguments.of("\"user\":{\"id\":\"7656\\u00001\"}", "payload.user.id"),
        Arguments.of("\"steamid\":" + "7".repeat(65), "payload.steamid"),
        Arguments.of("\"details\":\"" + "d".repeat(StoreLimits.PAYLOAD_LENGTH) + "\"", "payload"));
  }

  @ParameterizedTest
  @MethodSource("unstorableListings")
  void anUnstorableFieldRejectsItsEventAloneNamingTheField(String member, String field) {
    String bad = update("69346e7b1111111111110002", "{\"id\":\"440_2\"," + member + "}");

    DecodedFrame decoded = decoder.decode("[" + A + ",\n" + bad + " ,\n" + B + "]");

    assertEquals(List.of("440_1", "440_3"), ids(decoded));
    assertEquals(1, decoded.rejected().size());
    RejectedInput rejected = decoded.rejected().get(0);
    assertEquals(bad, rejected.raw());
    assertTrue(rejected.reason().contains(field + " "), rejected.reason());
    assertTrue(rejected.reason().contains("69346e7b1111111111110002"), rejected.reason());
    assertTrue(rejected.reason().length() < 400, "the reason quotes upstream text briefly");
  }

  @Test
  void anUnstorableListingIdRejectsItsEventAlone() {
    String bad = update("69346e7b1111111111110002", "{\"id\":\"440_\\u00002\"}");

    DecodedFrame decoded = decoder.decode("[" + A + "," + bad + "," + B + "]");

    assertEquals(List.of("440_1", "440_3"), ids(decoded));
    assertTrue(decoded.rejected().get(0).reason().contains("payload.id "));
  }

  @Test
  void aDeleteIsCheckedLikeAnUpdate() {
    String bad =
        "{\"id\":\"69346e7b1111111111110002\",\"event\":\"listing-delete\","
            + "\"payload\":{\"id\":\"440_2\",\"listedAt\":1722722622000000}}";

    DecodedFrame decoded = decoder.decode("[" + A + "," + bad + "," + B + "]");

    assertEquals(List.of("440_1", "440_3"), ids(decoded));
    assertEquals(bad, decoded.rejected().get(0).raw());
    assertTrue(decoded.rejected().get(0).reason().contains("payload.listedAt "));
  }

  @Test
  void displayTextsAreCutToWhatTheStoreHolds() {
    ListingSnapshot snapshot =
        decodeListing(
            "{\"id\":\"440_2\",\"item\":{\"name\":\""
                + "n".repeat(600)
                + "\",\"particle\":{\"name\":\""
                + "p".repeat(300)
                + "\"},\"wearTier\":{\"name\":\""
                + "w".repeat(300)
                + "\"}},\"user\":{\"name\":\""
                + "s".repeat(300)
                + "\"},\"details\":\""
                + "d".repeat(5000)
                + "\"}");

    assertEquals("n".repeat(StoreLimits.ITEM_NAME_LENGTH), snapshot.itemName());
    assertEquals("p".repeat(StoreLimits.PARTICLE_LENGTH), snapshot.particle());
    assertEquals("w".repeat(StoreLimits.WEAR_LENGTH), snapshot.wear());
    assertEquals("s".repeat(StoreLimits.SELLER_NAME_LENGTH), snapshot.sellerName());
    assertEquals("d".repeat(StoreLimits.DETAILS_LENGTH), snapshot.details());
    assertTrue(snapshot.payload().contains("d".repeat(5000)), "the payload keeps the whole text");
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    // "a" then pairs: the char at the limit's last index is the first half of a pair.
    String name = "a" + "\uD83D\uDD25".repeat(300);

    ListingSnapshot snapshot =
        decodeListing("{\"id\":\"440_2\",\"item\":{\"name\":\"" + name + "\"}}");

    assertEquals(name.substring(0, StoreLimits.ITEM_NAME_LENGTH - 1), snapshot.itemName());
  }

  @Test
  void charsTheStoreCannotHoldAreReplacedInDisplayTexts() {
    ListingSnapshot snapshot =
        decodeListing(
            "{\"id\":\"440_2\",\"details\":\"a\\u0000b\\ud800c\\udc00\","
                + "\"user\":{\"name\":\"\\ud83d\\udd25 ok\"}}");

    assertEquals("a\uFFFDb\uFFFDc\uFFFD", snapshot.details());
    assertEquals("\uD83D\uDD25 ok", snapshot.sellerName());
  }

  @Test
  void valuesAreRoundedHalfUpToTheStoresTwelveDecimals() {
    assertEquals(
        new BigDecimal("130.200000000000"), value("130.20000000000002"), "float noise goes");
    assertEquals(new BigDecimal("0.000000000001"), value("0.0000000000005"));
    assertEquals(0, value("0.0000000000004").signum());
    assertEquals(new BigDecimal("1.5"), value("1.5"), "a short value keeps its scale");
    assertEquals(new BigDecimal("1E+3"), value("1e3"));
  }

  @Test
  void theLargestValueTheStoreHoldsIsKeptExactly() {
    String largest = "9".repeat(26) + "." + "9".repeat(12);

    assertEquals(new BigDecimal(largest), value(largest));
    assertEquals(new BigDecimal("-" + largest), value("-" + largest));
  }

  @Test
  void currencyAmountsAreHeldToTheValuesRange() {
    ListingSnapshot snapshot =
        decodeListing(
            "{\"id\":\"440_2\",\"currencies\":{\"keys\":2,\"metal\":11.330000000000002,"
                + "\"usd\":1e-999999999}}");

    assertEquals(
        Map.of(
            "keys", new BigDecimal("2"),
            "metal", new BigDecimal("11.330000000000"),
            "usd", BigDecimal.ZERO),
        snapshot.currencies());
  }

  @Test
  void currenciesJustWithinTheStoredLengthAreKept() {
    // {"c":1} is 7 chars: pad the name to reach the limit exactly.
    String name = "c".repeat(StoreLimits.CURRENCIES_LENGTH - 6);

    ListingSnapshot snapshot =
        decodeListing("{\"id\":\"440_2\",\"currencies\":{\"" + name + "\":1}}");

    assertEquals(Map.of(name, BigDecimal.ONE), snapshot.currencies());
  }

  @Test
  void timesAtTheEdgesOfTheStoresRangeAreKept() {
    ListingSnapshot snapshot =
        decodeListing("{\"id\":\"440_2\",\"listedAt\":0,\"bumpedAt\":4294967295.999999}");
    ListingEvent latest =
        single(decoder.decode(update("ffffffff1111111111110002", "{\"id\":\"440_2\"}")));

    assertEquals(Instant.EPOCH, snapshot.listedAt());
    assertEquals(StoreLimits.END_OF_TIME.minusNanos(1_000), snapshot.bumpedAt());
    assertEquals(StoreLimits.END_OF_TIME.minusSeconds(1), latest.eventAt());
  }

  @Test
  void fractionalTimesAreCutToTheStoresMicroseconds() {
    ListingSnapshot snapshot = decodeListing("{\"id\":\"440_2\",\"listedAt\":1722722622.1234569}");

    assertEquals(Instant.ofEpochSecond(1722722622L, 123_456_000), snapshot.listedAt());
  }

  @Test
  void absurdExponentsAreCheckedWithoutExpandingThem() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          ListingSnapshot tiny =
              decodeListing(
                  "{\"id\":\"440_2\",\"value\":{\"raw\":1e-999999999},\"listedAt\":1e-999999999}");
          DecodedFrame huge =
              decoder.decode(
                  update(
                      "69346e7b1111111111110002",
                      "{\"id\":\"440_2\",\"value\":{\"raw\":1e999999999}}"));

          assertEquals(0, tiny.value().signum());
          assertEquals(Instant.EPOCH, tiny.listedAt());
          assertTrue(huge.rejected().get(0).reason().contains("payload.value.raw "));
        });
  }

  private BigDecimal value(String raw) {
    return decodeListing("{\"id\":\"440_2\",\"value\":{\"raw\":" + raw + "}}").value();
  }

  private ListingSnapshot decodeListing(String listing) {
    return single(decoder.decode(update("69346e7b1111111111110002", listing))).snapshot();
  }

  private static String manyCurrencies(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "\"c" + i + "\":12345.123456789")
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static List<String> ids(DecodedFrame decoded) {
    return decoded.events().stream().map(event -> event.key().id()).toList();
  }

  private static String update(String eventId, String payload) {
    return "{\"id\":\"" + eventId + "\",\"event\":\"listing-update\",\"payload\":" + payload + "}";
  }

  private static ListingEvent single(DecodedFrame decoded) {
    assertEquals(List.of(), decoded.rejected());
    assertEquals(1, decoded.events().size());
    return decoded.events().get(0);
  }
}
