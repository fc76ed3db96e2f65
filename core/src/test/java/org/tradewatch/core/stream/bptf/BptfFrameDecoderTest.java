package org.tradewatch.core.stream.bptf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.ListingEvent;
import org.tradewatch.core.stream.RejectedInput;

class BptfFrameDecoderTest {

  private static final String DETAILS =
      "Example listing details with unicode ⚡ and <script>alert(1)</script> that must be escaped";
  private static final String SELLER_NAME = "Example Trader <b>&amp;</b> Co";

  private final BptfFrameDecoder decoder = new BptfFrameDecoder();

  @Test
  void buyOrderWithItsMd5Id() {
    String frame = Samples.read(Samples.BUY_ORDER);

    ListingEvent event = single(decoder.decode(frame));

    assertEquals("69346e7883418419600ebe14", event.eventId());
    assertEquals(Instant.ofEpochSecond(0x69346e78L), event.eventAt());
    assertEquals(ListingEvent.Type.UPDATE, event.type());
    assertEquals(
        new ListingKey(Source.BPTF, "440_76561198000000001_26b1c3911028c585c5bb08dd3a9b16b7"),
        event.key());
    ListingSnapshot listing = event.snapshot();
    assertEquals(event.key(), listing.key());
    assertEquals(440, listing.appid());
    assertEquals("Time Warp Polar Pullover", listing.itemName());
    assertEquals("Unusual", listing.quality());
    assertEquals("#8650AC", listing.qualityColor());
    assertEquals("Time Warp", listing.particle());
    assertNull(listing.wear());
    assertEquals(
        "https://steamcdn-a.akamaihd.net/apps/440/icons/xms2013_polar_pullover.f78eca28eeb5c9899be79313cbaa48b5d9831c51.png",
        listing.imageUrl());
    assertEquals(Intent.BUY, listing.intent());
    assertEquals(Map.of("keys", new BigDecimal("1975")), listing.currencies());
    assertEquals(new BigDecimal("116189.25"), listing.value());
    assertEquals("ref", listing.valueUnit());
    assertEquals("76561198000000001", listing.sellerId());
    assertEquals(SELLER_NAME, listing.sellerName());
    assertEquals(DETAILS, listing.details());
    // Upstream sends listedAt later than bumpedAt; both are kept as sent.
    assertEquals(Instant.ofEpochSecond(1765043831L), listing.listedAt());
    assertEquals(Instant.ofEpochSecond(1765043606L), listing.bumpedAt());
    assertPayloadIsTheUpstreamListing(frame, listing);
  }

  @Test
  void sellListingKeepsTheCurrencyOrderAndReadsTheWear() {
    String frame = Samples.read(Samples.SELL);

    ListingEvent event = single(decoder.decode(frame));

    assertEquals(ListingEvent.Type.UPDATE, event.type());
    assertEquals(new ListingKey(Source.BPTF, "440_15060000001"), event.key());
    ListingSnapshot listing = event.snapshot();
    assertEquals(Intent.SELL, listing.intent());
    assertEquals("Strange Autumn Shotgun (Factory New)", listing.itemName());
    assertEquals("Strange", listing.quality());
    assertEquals("#CF6A32", listing.qualityColor());
    assertEquals("Factory New", listing.wear());
    assertNull(listing.particle());
    assertEquals(List.of("keys", "metal"), List.copyOf(listing.currencies().keySet()));
    assertEquals(new BigDecimal("11.33"), listing.currencies().get("metal"));
    assertEquals(new BigDecimal("130.2"), listing.value());
    assertPayloadIsTheUpstreamListing(frame, listing);
  }

  @Test
  void buyOrderForASkinKeepsMetalBeforeKeys() {
    ListingSnapshot listing = single(decoder.decode(Samples.read(Samples.BUY_SKIN))).snapshot();

    assertEquals(Intent.BUY, listing.intent());
    assertEquals(List.of("metal", "keys"), List.copyOf(listing.currencies().keySet()));
    assertEquals(new BigDecimal("5.77"), listing.currencies().get("metal"));
  }

  @Test
  void deleteCarriesTheWholeListing() {
    String frame = Samples.read(Samples.DELETE);

    ListingEvent event = single(decoder.decode(frame));

    assertEquals(ListingEvent.Type.DELETE, event.type());
    assertEquals("69346e788db038246902b9d5", event.eventId());
    assertEquals("440_76561198000000002_605f67acc80a9b35345514725f0e2a5f", event.key().id());
    ListingSnapshot listing = event.snapshot();
    assertNotNull(listing);
    assertEquals("The Chicken Kiev", listing.itemName());
    assertEquals(Intent.BUY, listing.intent());
    assertEquals(new BigDecimal("1257.2"), listing.value());
    assertEquals(List.of("metal", "keys"), List.copyOf(listing.currencies().keySet()));
    assertPayloadIsTheUpstreamListing(frame, listing);
  }

  @Test
  void quirksAreTolerated() {
    String frame = Samples.read(Samples.QUIRKS);

    DecodedFrame decoded = decoder.decode(frame);

    ListingSnapshot listing = single(decoded).snapshot();
    assertEquals("730_31000000001", listing.key().id());
    assertEquals(730, listing.appid());
    assertEquals(Map.of("usd", new BigDecimal("600")), listing.currencies());
    assertNull(listing.quality(), "item.quality is null upstream");
    assertNull(listing.qualityColor());
    assertEquals(Intent.SELL, listing.intent());
    assertEquals(SELLER_NAME, listing.sellerName());
    // item.price is an array and user.bans an object: kept in the payload, nothing rejected.
    JsonObject payload = parse(listing.payload());
    assertEquals(0, payload.getJsonObject("item").getJsonArray("price").size());
    assertEquals(0, payload.getJsonObject("user").getJsonObject("bans").getInt("4"));
  }

  @Test
  void batchFrameDecodesEveryListingEventAndCountsTheRest() {
    DecodedFrame decoded = decoder.decode(Samples.read(Samples.BATCH));

    assertEquals(6, decoded.size());
    assertEquals(List.of(), decoded.rejected());
    assertEquals(Map.of("client-limit-exceeded", 1), decoded.ignored());
    assertEquals(
        List.of(
            "69346e7883418419600ebe14",
            "69346e7b1111111111110001",
            "69346e79aaaaaaaaaaaa0001",
            "69346e788db038246902b9d5",
            "69346e7b1111111111110002"),
        decoded.events().stream().map(ListingEvent::eventId).toList());
    assertEquals(
        List.of(
            ListingEvent.Type.UPDATE,
            ListingEvent.Type.UPDATE,
            ListingEvent.Type.UPDATE,
            ListingEvent.Type.DELETE,
            ListingEvent.Type.UPDATE),
        decoded.events().stream().map(ListingEvent::type).toList());
    // The same listing twice: both events are handed on in frame order; ingest keeps the later.
    ListingEvent first = decoded.events().get(1);
    ListingEvent repeat = decoded.events().get(4);
    assertEquals(first.key(), repeat.key());
    assertEquals(new BigDecimal("130.2"), first.snapshot().value());
    assertEquals(new BigDecimal("124.0"), repeat.snapshot().value());
    assertEquals(730, decoded.events().get(2).snapshot().appid());
  }

  @Test
  void batchEventsAreDecodedLikeTheSameEventsAlone() {
    DecodedFrame batch = decoder.decode(Samples.read(Samples.BATCH));

    ListingSnapshot alone = single(decoder.decode(Samples.read(Samples.SELL))).snapshot();
    ListingSnapshot inBatch = batch.events().get(1).snapshot();

    assertEquals(parse(alone.payload()), parse(inBatch.payload()));
    assertEquals(
        alone.toBuilder().payload("{}").build(), inBatch.toBuilder().payload("{}").build());
  }

  @Test
  void singleCompactObjectFrame() {
    String frame =
        "{\"id\":\"69346e7b1111111111110003\",\"event\":\"listing-update\",\"payload\":"
            + "{\"id\":\"440_1\",\"intent\":\"sell\",\"item\":{\"name\":\"Key\"}}}";

    ListingEvent event = single(decoder.decode(frame));

    assertEquals("440_1", event.key().id());
    assertEquals("Key", event.snapshot().itemName());
    assertEquals(
        "{\"id\":\"440_1\",\"intent\":\"sell\",\"item\":{\"name\":\"Key\"}}",
        event.snapshot().payload());
  }

  @Test
  void emptyArrayIsAnEmptyFrame() {
    DecodedFrame decoded = decoder.decode(" [ ] ");

    assertEquals(0, decoded.size());
  }

  @Test
  void upperCaseEventIdIsLowerCasedSoItDedupes() {
    ListingEvent event =
        single(decoder.decode(update("69346E7B1111111111110003", "{\"id\":\"a\"}")));

    assertEquals("69346e7b1111111111110003", event.eventId());
  }

  @Test
  void otherEventNamesAreCountedByNameWhateverTheirShape() {
    String frame =
        "[{\"event\":\"client-limit-exceeded\"},"
            + "{\"id\":\"nonsense\",\"event\":\"listing-bumped\",\"payload\":[]},"
            + "{\"event\":\"client-limit-exceeded\",\"payload\":{}},"
            + update("69346e7b1111111111110003", "{\"id\":\"440_1\"}")
            + "]";

    DecodedFrame decoded = decoder.decode(frame);

    assertEquals(Map.of("client-limit-exceeded", 2, "listing-bumped", 1), decoded.ignored());
    assertEquals(1, decoded.events().size());
    assertEquals(List.of(), decoded.rejected());
  }

  static Stream<Arguments> malformedEvents() {
    String id = "\"id\":\"69346e7b1111111111110009\"";
    String update = "\"event\":\"listing-update\"";
    String delete = "\"event\":\"listing-delete\"";
    String payload = "\"payload\":{\"id\":\"440_9\"}";
    return Stream.of(
        Arguments.of("42", "not a JSON object but a number"),
        Arguments.of("\"listing-update\"", "not a JSON object but a string"),
        Arguments.of("null", "not a JSON object but null"),
        Arguments.of("true", "not a JSON object but a boolean"),
        Arguments.of("[1,{\"a\":2}]", "not a JSON object but an array"),
        Arguments.of("{" + id + "," + payload + "}", "no 'event' name"),
        Arguments.of("{" + id + ",\"event\":7," + payload + "}", "no 'event' name"),
        Arguments.of("{" + update + "," + payload + "}", "listing-update event has no 'id'"),
        Arguments.of("{\"id\":12," + delete + "," + payload + "}", "'id' that is not a string"),
        Arguments.of("{\"id\":\"xyz\"," + update + "," + payload + "}", "'xyz' is not 24 hex"),
        Arguments.of(
            "{\"id\":\"69346e7b111111111111000z\"," + delete + "," + payload + "}",
            "is not 24 hex digits"),
        Arguments.of(
            "{\"id\":\"69346e7b11111111111100090\"," + update + "," + payload + "}",
            "is not 24 hex digits"),
        Arguments.of("{" + id + "," + update + "}", "has no 'payload' object"),
        Arguments.of("{" + id + "," + delete + ",\"payload\":[]}", "has no 'payload' object"),
        Arguments.of("{" + id + "," + update + ",\"payload\":\"x\"}", "has no 'payload' object"),
        Arguments.of("{" + id + "," + update + ",\"payload\":{}}", "no listing id (payload.id)"),
        Arguments.of(
            "{" + id + "," + update + ",\"payload\":{\"id\":440}}",
            "listing id that is not a string"),
        Arguments.of(
            "{" + id + "," + delete + ",\"payload\":{\"id\":\"  \"}}", "a blank listing id"),
        Arguments.of(
            "{" + id + "," + update + ",\"payload\":{\"id\":\"" + "9".repeat(129) + "\"}}",
            "longer than 128 characters (129)"));
  }

  @ParameterizedTest
  @MethodSource("malformedEvents")
  void malformedEventIsRejectedWithItsTextAndTheRestOfTheFrameIsDecoded(String bad, String reason) {
    String before = update("69346e7b1111111111110001", "{\"id\":\"440_1\"}");
    String after = update("69346e7b1111111111110002", "{\"id\":\"440_2\"}");

    DecodedFrame decoded = decoder.decode("[" + before + ",\n  " + bad + " ,\n" + after + "]");

    assertEquals(
        List.of("440_1", "440_2"), decoded.events().stream().map(e -> e.key().id()).toList());
    assertEquals(1, decoded.rejected().size());
    RejectedInput rejected = decoded.rejected().get(0);
    assertEquals(bad, rejected.raw());
    assertTrue(rejected.reason().contains(reason), rejected.reason());
  }

  static Stream<Arguments> malformedEventObjects() {
    return malformedEvents().filter(arguments -> arguments.get()[0].toString().startsWith("{"));
  }

  @ParameterizedTest
  @MethodSource("malformedEventObjects")
  void malformedSingleEventFrameIsRejected(String bad, String reason) {
    DecodedFrame decoded = decoder.decode(bad);

    assertEquals(List.of(), decoded.events());
    assertEquals(1, decoded.rejected().size());
    assertEquals(bad, decoded.rejected().get(0).raw());
    assertTrue(decoded.rejected().get(0).reason().contains(reason));
  }

  @Test
  void listingIdOfExactlyTheLongestLengthIsAccepted() {
    String id = "4".repeat(ListingKey.MAX_ID_LENGTH);

    ListingEvent event =
        single(decoder.decode(update("69346e7b1111111111110001", "{\"id\":\"" + id + "\"}")));

    assertEquals(id, event.key().id());
  }

  static Stream<Arguments> unreadableFrames() {
    return Stream.of(
        Arguments.of("not json", "malformed JSON at offset"),
        Arguments.of("{\"id\":", "malformed JSON at offset"),
        Arguments.of("[{}]]", "malformed JSON at offset"),
        Arguments.of("42", "neither a JSON array nor an object but a number"),
        Arguments.of("\"text\"", "neither a JSON array nor an object but a string"),
        Arguments.of("", "empty frame"),
        Arguments.of(" \n ", "empty frame"));
  }

  @ParameterizedTest
  @MethodSource("unreadableFrames")
  void unreadableFrameIsRejectedWhole(String frame, String reason) {
    DecodedFrame decoded = decoder.decode(frame);

    assertEquals(List.of(), decoded.events());
    RejectedInput rejected = decoded.rejected().get(decoded.rejected().size() - 1);
    assertEquals(frame, rejected.raw());
    assertTrue(rejected.reason().contains(reason), rejected.reason());
  }

  @Test
  void nullFrameIsRejectedNotThrown() {
    DecodedFrame decoded = decoder.decode(null);

    assertEquals(List.of(new RejectedInput("", "empty frame")), decoded.rejected());
  }

  @Test
  void truncatedBatchKeepsTheEventsBeforeTheBreak() {
    String batch = Samples.read(Samples.BATCH);
    // Cut inside the third event (the appid 730 one).
    int cut = batch.indexOf("\"730_31000000001\"") + 5;
    String truncated = batch.substring(0, cut);

    DecodedFrame decoded = decoder.decode(truncated);

    assertEquals(
        List.of("69346e7883418419600ebe14", "69346e7b1111111111110001"),
        decoded.events().stream().map(ListingEvent::eventId).toList());
    assertEquals(1, decoded.rejected().size());
    RejectedInput rejected = decoded.rejected().get(0);
    assertEquals(truncated, rejected.raw());
    assertTrue(rejected.reason().startsWith("malformed JSON at offset "), rejected.reason());
    assertTrue(rejected.reason().contains("the 2 events before it were read"), rejected.reason());
  }

  @Test
  void syntaxErrorAfterTheLastEventKeepsAllEvents() {
    String frame = "[" + update("69346e7b1111111111110001", "{\"id\":\"440_1\"}") + "] trailing";

    DecodedFrame decoded = decoder.decode(frame);

    assertEquals(1, decoded.events().size());
    assertEquals(1, decoded.rejected().size());
    assertEquals(frame, decoded.rejected().get(0).raw());
    assertTrue(decoded.rejected().get(0).reason().contains("offset"));
  }

  @Test
  void wrongTypedOptionalFieldsReadAsNullNeverAsARejection() {
    String listing =
        "{\"id\":\"440_7\",\"appid\":\"440\",\"item\":{\"name\":5,\"quality\":\"Unique\","
            + "\"particle\":[],\"wearTier\":7,\"imageUrl\":{}},"
            + "\"currencies\":{\"keys\":\"2\",\"metal\":1.5,\"hat\":null},"
            + "\"value\":\"12\",\"intent\":\"both\",\"listedAt\":\"yesterday\","
            + "\"bumpedAt\":true,\"user\":[\"x\"],\"details\":5}";

    DecodedFrame decoded = decoder.decode(update("69346e7b1111111111110001", listing));

    assertEquals(List.of(), decoded.rejected());
    ListingSnapshot snapshot = single(decoded).snapshot();
    assertNull(snapshot.appid());
    assertNull(snapshot.itemName());
    assertNull(snapshot.quality());
    assertNull(snapshot.particle());
    assertNull(snapshot.wear());
    assertNull(snapshot.imageUrl());
    assertEquals(Map.of("metal", new BigDecimal("1.5")), snapshot.currencies());
    assertNull(snapshot.value());
    assertNull(snapshot.valueUnit());
    assertNull(snapshot.intent());
    assertNull(snapshot.listedAt());
    assertNull(snapshot.bumpedAt());
    assertNull(snapshot.sellerId());
    assertNull(snapshot.sellerName());
    assertNull(snapshot.details());
    assertEquals(listing, snapshot.payload());
  }

  @Test
  void emptyListingHasOnlyItsKey() {
    ListingSnapshot snapshot =
        single(decoder.decode(update("69346e7b1111111111110001", "{\"id\":\"440_7\"}"))).snapshot();

    assertEquals(
        ListingSnapshot.builder(new ListingKey(Source.BPTF, "440_7"))
            .payload("{\"id\":\"440_7\"}")
            .build(),
        snapshot);
  }

  @Test
  void fallbacksForAppidItemNameAndSeller() {
    ListingSnapshot marketName =
        decodeListing(
            "{\"id\":\"730_1\",\"steamid\":\"7656\",\"item\":{\"appid\":730,"
                + "\"marketName\":\"AK-47 | Redline\",\"baseName\":\"AK-47\"},\"user\":{}}");
    ListingSnapshot baseName =
        decodeListing("{\"id\":\"440_2\",\"item\":{\"name\":\"\",\"baseName\":\"Shotgun\"}}");
    ListingSnapshot numericUser =
        decodeListing("{\"id\":\"440_3\",\"steamid\":\"1\",\"user\":{\"id\":76561198000000009}}");

    assertEquals(730, marketName.appid());
    assertEquals("AK-47 | Redline", marketName.itemName());
    assertEquals("7656", marketName.sellerId());
    assertEquals("Shotgun", baseName.itemName());
    assertEquals("76561198000000009", numericUser.sellerId());
  }

  @Test
  void intentAlsoReadsTheNumericCodes() {
    assertEquals(Intent.BUY, decodeListing("{\"id\":\"a\",\"intent\":0}").intent());
    assertEquals(Intent.SELL, decodeListing("{\"id\":\"a\",\"intent\":1}").intent());
    assertEquals(Intent.SELL, decodeListing("{\"id\":\"a\",\"intent\":\"SELL\"}").intent());
    assertNull(decodeListing("{\"id\":\"a\",\"intent\":2}").intent());
    assertNull(decodeListing("{\"id\":\"a\",\"intent\":null}").intent());
  }

  @Test
  void userTextIsKeptVerbatim() {
    String name = "Ünïcødé 日本語 🔥 <img src=x onerror=alert(1)> &lt;b&gt;";
    String details = "Line one\nline two\t\"quoted\" \\ 👍🏽 <a href='javascript:x'>x</a>";
    String listing =
        "{\"id\":\"440_8\",\"user\":{\"name\":"
            + Json.createValue(name)
            + "},\"details\":\"Line one\\nline two\\t\\\"quoted\\\" \\\\ 👍🏽 "
            + "\\u003ca href='javascript:x'>x</a>\"}";

    ListingSnapshot snapshot = decodeListing(listing);

    assertEquals(name, snapshot.sellerName());
    assertEquals(details, snapshot.details());
    // The payload is the text as received, escapes and all.
    assertEquals(listing, snapshot.payload());
  }

  @Test
  void fractionalTimestampsKeepTheirFraction() {
    ListingSnapshot snapshot = decodeListing("{\"id\":\"a\",\"listedAt\":1765043831.5}");

    assertEquals(Instant.ofEpochSecond(1765043831L, 500_000_000), snapshot.listedAt());
  }

  @Test
  void decoderIsReusableAcrossFrames() {
    String frame = Samples.read(Samples.BATCH);

    DecodedFrame first = decoder.decode(frame);
    DecodedFrame second = decoder.decode(frame);

    assertEquals(first, second);
  }

  private ListingSnapshot decodeListing(String listing) {
    return single(decoder.decode(update("69346e7b1111111111110001", listing))).snapshot();
  }

  private static String update(String eventId, String payload) {
    return "{\"id\":\"" + eventId + "\",\"event\":\"listing-update\",\"payload\":" + payload + "}";
  }

  private static ListingEvent single(DecodedFrame decoded) {
    assertEquals(List.of(), decoded.rejected());
    assertEquals(Map.of(), decoded.ignored());
    assertEquals(1, decoded.events().size());
    return decoded.events().get(0);
  }

  private static JsonObject parse(String json) {
    try (var reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  /** The payload is the upstream listing object, cut from the frame as it was received. */
  private static void assertPayloadIsTheUpstreamListing(String frame, ListingSnapshot listing) {
    JsonObject event = parse(frame);
    assertEquals(event.getJsonObject("payload"), parse(listing.payload()));
    assertTrue(frame.contains(listing.payload()), "payload is verbatim");
  }
}
