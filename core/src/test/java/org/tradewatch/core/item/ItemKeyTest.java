package org.tradewatch.core.item;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.bptf.BptfFrameDecoder;
import org.tradewatch.core.stream.bptf.Samples;
import org.tradewatch.core.stream.skinshark.SkinsharkDecoder;

/**
 * The item key on upstream's real payload shapes: what the decoders read into a snapshot for it,
 * which listings share an item, and the key's text, which reads back exactly and is URL-safe.
 */
class ItemKeyTest {

  private final BptfFrameDecoder bptf = new BptfFrameDecoder();
  private final SkinsharkDecoder skinshark = new SkinsharkDecoder();

  private ListingSnapshot bptf(String frame) {
    DecodedFrame decoded = bptf.decode(frame);
    assertEquals(List.of(), decoded.rejected());
    return decoded.events().get(0).snapshot();
  }

  private ListingSnapshot skinshark(String data) {
    DecodedFrame decoded =
        skinshark.decode("{\"event\":\"market.new\",\"data\":" + data + ",\"ts\":1765000060000}");
    assertEquals(List.of(), decoded.rejected());
    return decoded.events().get(0).snapshot();
  }

  @Test
  void anUnusualBuyOrderIsItsNameQualityAndEffect() {
    ListingSnapshot snapshot = bptf(Samples.read(Samples.BUY_ORDER));

    assertEquals(Boolean.TRUE, snapshot.craftable());
    assertNull(snapshot.killstreakTier());
    assertNull(snapshot.australium());
    assertNull(snapshot.festivized());
    assertEquals(new BigDecimal("232378.5"), snapshot.suggested());
    ItemKey key = ItemKey.of(snapshot);
    assertEquals(
        new ItemKey(
            Source.BPTF,
            440,
            "Time Warp Polar Pullover",
            "Unusual",
            "Time Warp",
            true,
            0,
            false,
            false),
        key);
    assertEquals("bptf.440.Time_Warp_Polar_Pullover.q-Unusual.e-Time_Warp", key.id());
    assertEquals("Unusual Time Warp Polar Pullover", key.displayName());
  }

  @Test
  void aBuyOrderAndASellListingOfOneSkinDifferingInSellerPriceAndIdAreOneItem() {
    ListingSnapshot buy = bptf(Samples.read(Samples.BUY_SKIN));
    ListingSnapshot sell = bptf(Samples.read(Samples.SELL));

    assertNotEquals(buy.key(), sell.key());
    assertNotEquals(buy.value(), sell.value());
    assertEquals(ItemKey.of(buy), ItemKey.of(sell));
    assertEquals(
        "bptf.440.Strange_Autumn_Shotgun_~28Factory_New~29.q-Strange", ItemKey.of(sell).id());
    assertEquals(new BigDecimal("241.316233183857"), sell.suggested());
  }

  @Test
  void theQuirksSampleHasAnItemWithoutQualityOrPrice() {
    ListingSnapshot snapshot = bptf(Samples.read(Samples.QUIRKS));

    assertNull(snapshot.suggested(), "item.price is an array there");
    ItemKey key = ItemKey.of(snapshot);
    assertEquals(Source.BPTF, key.source());
    assertEquals(730, key.appid());
    assertNull(key.quality());
    assertEquals("bptf.730.Strange_Autumn_Shotgun_~28Factory_New~29", key.id());
    assertNotEquals(ItemKey.of(bptf(Samples.read(Samples.SELL))), key, "another app");
  }

  @Test
  void theBatchFrameRepeatsItemsOfTheSingleSamples() {
    DecodedFrame frame = bptf.decode(Samples.read(Samples.BATCH));

    List<String> keys =
        frame.events().stream().map(event -> ItemKey.of(event.snapshot()).id()).toList();
    assertTrue(
        keys.contains(ItemKey.of(bptf(Samples.read(Samples.BUY_ORDER))).id()), keys::toString);
    assertTrue(keys.contains(ItemKey.of(bptf(Samples.read(Samples.SELL))).id()), keys::toString);
  }

  @Test
  void theDeletePayloadStillNamesItsItem() {
    ItemKey key = ItemKey.of(bptf(Samples.read(Samples.DELETE)));

    assertEquals("bptf.440.The_Chicken_Kiev.q-Unique", key.id());
    assertEquals("The Chicken Kiev", key.displayName());
  }

  @Test
  void killstreakAustraliumFestivizedAndCraftableAreReadAndTellItemsApart() {
    String sell = Samples.read(Samples.SELL);
    String marked =
        sell.replace(
            "\"craftable\": true",
            "\"craftable\": false, \"killstreakTier\": 3, \"australium\": true,"
                + " \"festivized\": true");
    ListingSnapshot snapshot = bptf(marked);

    assertEquals(Boolean.FALSE, snapshot.craftable());
    assertEquals(3, snapshot.killstreakTier());
    assertEquals(Boolean.TRUE, snapshot.australium());
    assertEquals(Boolean.TRUE, snapshot.festivized());
    ItemKey key = ItemKey.of(snapshot);
    assertEquals(
        "bptf.440.Strange_Autumn_Shotgun_~28Factory_New~29.q-Strange.ks3.australium.festivized"
            + ".uncraftable",
        key.id());
    assertEquals(
        "Strange Autumn Shotgun (Factory New) (Professional Killstreak, Australium, Festivized,"
            + " Non-Craftable)",
        key.displayName());
    for (String one :
        List.of(
            "\"craftable\": false",
            "\"craftable\": true, \"killstreakTier\": 1",
            "\"craftable\": true, \"australium\": true",
            "\"craftable\": true, \"festivized\": true")) {
      ItemKey other = ItemKey.of(bptf(sell.replace("\"craftable\": true", one)));
      assertNotEquals(ItemKey.of(bptf(sell)), other, one);
    }
  }

  @Test
  void paintAndOtherSellersLeaveTheItemAlone() {
    String sell = Samples.read(Samples.SELL);
    String painted =
        sell.replace(
                "\"craftable\": true",
                "\"craftable\": true, \"paint\": {\"id\": 3100495, \"name\": \"A Color Similar"
                    + " to Slate\"}")
            .replace("\"id\": \"440_15060000001\"", "\"id\": \"440_15060000002\"")
            .replace("\"keys\": 2,", "\"keys\": 3,")
            .replace("\"76561198000000003\"", "\"76561198000000009\"");
    ListingSnapshot other = bptf(painted);

    assertNotEquals(bptf(sell).key(), other.key());
    assertEquals(ItemKey.of(bptf(sell)), ItemKey.of(other));
  }

  @Test
  void driftingFieldsReadAsAbsent() {
    String sell = Samples.read(Samples.SELL);
    ListingSnapshot snapshot =
        bptf(
            sell.replace(
                    "\"craftable\": true",
                    "\"craftable\": \"yes\", \"killstreakTier\": 7, \"australium\": 1")
                .replace("\"suggested\": {", "\"suggested\": {\"raw\": \"12\"}, \"old\": {"));

    assertNull(snapshot.craftable());
    assertNull(snapshot.killstreakTier());
    assertNull(snapshot.australium());
    assertNull(snapshot.suggested());
    assertEquals(ItemKey.of(bptf(sell)), ItemKey.of(snapshot), "craftable unless it says not");
  }

  @Test
  void skinsharkItemsAreTheMarketNameWithWearAndStatTrak() {
    String named =
        "{\"id\":\"ss_100000000042\",\"itemId\":\"730_42\",\"name\":\"StatTrak\u2122 AK-47 |"
            + " Redline (Field-Tested)\",\"price\":12.34,\"currency\":\"USD\","
            + "\"float\":0.153,\"wear\":\"Field-Tested\",\"rarity\":\"Classified\","
            + "\"stattrak\":true,\"marketplace\":\"csfloat\"}";
    ListingSnapshot snapshot = skinshark(named);

    assertEquals(Boolean.TRUE, snapshot.stattrak());
    ItemKey key = ItemKey.of(snapshot);
    assertEquals("skinshark.730.StatTrak~E2~84~A2_AK-47_~7C_Redline_~28Field-Tested~29", key.id());
    assertEquals("StatTrak\u2122 AK-47 | Redline (Field-Tested)", key.displayName());
    assertNull(key.quality(), "the rarity follows from the skin");

    String bare =
        named
            .replace("StatTrak\u2122 AK-47 | Redline (Field-Tested)", "AK-47 | Redline")
            .replace("ss_100000000042", "ss_100000000043")
            .replace("0.153", "0.2");
    assertEquals(key, ItemKey.of(skinshark(bare)), "StatTrak and the wear added to the name");
    String plain = bare.replace("\"stattrak\":true", "\"stattrak\":false");
    assertEquals(
        "skinshark.730.AK-47_~7C_Redline_~28Field-Tested~29", ItemKey.of(skinshark(plain)).id());
  }

  @Test
  void aListingWithoutAnyNameHasNoItem() {
    String sell = Samples.read(Samples.SELL);
    String nameless =
        sell.replace("\"baseName\": \"Shotgun\"", "\"baseName\": null")
            .replace(
                "\"marketName\": \"Strange Autumn Shotgun (Factory New)\"", "\"marketName\": 1")
            .replace("\"name\": \"Strange Autumn Shotgun (Factory New)\"", "\"name\": \"\"");

    assertNull(ItemKey.of(bptf(nameless)));
  }

  @Test
  void everyKeyReadsBackExactlyAndNeedsNoEscapingInAUrl() {
    List<ItemKey> keys =
        List.of(
            new ItemKey(Source.BPTF, 440, "Bill's Hat", "Vintage", null, true, 0, false, false),
            new ItemKey(Source.BPTF, null, "Mr. Quackers", null, null, false, 2, true, true),
            new ItemKey(
                Source.BPTF,
                440,
                "Strange Part: Kills",
                "Strange",
                "a.b~c_d",
                true,
                1,
                false,
                false),
            new ItemKey(Source.BPTF, 0, "100% Pure_snake", "q-x", "e-y", true, 3, false, false),
            new ItemKey(
                Source.SKINSHARK,
                730,
                "\u2605 Karambit | Doppler",
                null,
                null,
                true,
                0,
                false,
                false),
            new ItemKey(
                Source.BPTF,
                440,
                "Ключ \uD83D\uDD11 ΚΛΕΙΔΊ",
                "Unique",
                null,
                true,
                0,
                false,
                false));
    for (ItemKey key : keys) {
      String id = key.id();
      assertEquals(key, ItemKey.parse(id), id);
      assertTrue(id.matches("[A-Za-z0-9._~-]+"), id);
      assertEquals(
          "/api/items/" + id,
          URI.create("http://h/api/items/" + id).getRawPath(),
          "as is in a URL");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "bptf",
        "bptf.440",
        "ebay.440.Hat",
        "bptf.x.Hat",
        "bptf.0440.Hat",
        "bptf.99999999999.Hat",
        "bptf.440.",
        "bptf.440.Hat.",
        "bptf.440.Hat.ks4",
        "bptf.440.Hat.ks0",
        "bptf.440.Hat.shiny",
        "bptf.440.Hat.e-Fire.q-Unusual",
        "bptf.440.Hat.australium.australium",
        "bptf.440.Hat~2",
        "bptf.440.Hat~zz",
        "bptf.440.Hat~2e",
        "bptf.440.H~61t",
        "bptf.440.Hat~FF",
        "bptf.440.Hät",
        "bptf.440.Bill's_Hat",
        "bptf.440.Hat.q-"
      })
  void anythingElseIsRefusedSayingWhy(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ItemKey.parse(text));
    assertFalse(e.getMessage().isBlank());
  }

  @Test
  void aKeyTooLongToBeOneIsRefusedBeforeItIsRead() {
    String text = "bptf.440." + "a".repeat(ItemKey.MAX_ID_LENGTH);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ItemKey.parse(text));
    assertTrue(e.getMessage().contains("at most"), e.getMessage());
  }
}
