package org.tradewatch.core.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Source;

class WatchParametersTest {

  private static final String KEY = "bptf.440.Team_Captain.q-Unusual.e-Burning_Flames";
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  private static JsonValue json(String text) {
    try (var reader = Json.createReader(new StringReader(text.replace('\'', '"')))) {
      return reader.readValue();
    }
  }

  private static WatchParameters.Input read(String text) {
    return WatchParameters.read(json(text));
  }

  private static InvalidWatchException refused(String text) {
    return assertThrows(InvalidWatchException.class, () -> read(text));
  }

  @Test
  void aWatchOfAnItemTakesTheItemsSource() {
    WatchParameters.Input input =
        read("{'itemKey': '" + KEY + "', 'intent': 'sell', 'atMost': 900.5, 'paused': true}");
    WatchTerms terms = input.terms();
    assertEquals(ItemKey.parse(KEY), terms.item());
    assertNull(terms.name());
    assertEquals(Source.BPTF, terms.source());
    assertEquals(Intent.SELL, terms.intent());
    assertEquals(PriceBound.atMost(new BigDecimal("900.5")), terms.bound());
    assertFalse(terms.dealsOnly());
    assertTrue(input.paused());
  }

  @Test
  void aWatchByNameAsksOnlyWhatItGives() {
    WatchTerms terms = read("{'name': '  team captain ', 'quality': 'Unusual'}").terms();
    assertEquals("team captain", terms.name());
    assertEquals("Unusual", terms.quality());
    assertNull(terms.source());
    assertNull(terms.intent());
    assertNull(terms.bound());
    assertEquals(
        WatchTerms.ofName("hat").withSource(Source.SKINSHARK).withDealsOnly(true),
        read("{'name': 'hat', 'source': 'skinshark', 'intent': null, 'dealsOnly': true}").terms());
    assertEquals(
        PriceBound.atLeast(new BigDecimal("2")),
        read("{'name': 'hat', 'source': 'bptf', 'atLeast': 2}").terms().bound());
  }

  @Test
  void fieldsAWatchReadAddsAreIgnoredSoItCanBeSentBack() {
    assertEquals(
        WatchTerms.ofName("hat"),
        read("{'id': '0123456789abcdef', 'name': 'hat', 'createdAt': 'x', 'updatedAt': 1,"
                + " 'matches24h': 3}")
            .terms());
  }

  @Test
  void everyBadFieldIsNamedAtOnce() {
    InvalidWatchException e =
        refused(
            "{'name': 'hat', 'source': 'ebay', 'intent': 'hold', 'atMost': -1, 'paused': 'yes',"
                + " 'colour': 'red'}");
    assertEquals(List.of("source", "intent", "atMost", "paused", "colour"), e.fields());
    assertEquals("unknown source 'ebay': expected bptf or skinshark", e.problem("source"));
    assertEquals("unknown intent 'hold': expected buy or sell", e.problem("intent"));
    assertEquals("must not be negative", e.problem("atMost"));
    assertEquals("expected true or false, was a string", e.problem("paused"));
    assertTrue(e.problem("colour").startsWith("unknown field; a watch has itemKey, name"));
    assertTrue(e.getMessage().startsWith("source: unknown source 'ebay'"), e.getMessage());
  }

  @Test
  void eachFieldsRulesNameIt() {
    assertEquals(List.of("itemKey"), refused("{}").fields());
    assertEquals(List.of("itemKey"), refused("{'source': 'bptf'}").fields());
    assertEquals(List.of("name"), refused("{'itemKey': '" + KEY + "', 'name': 'x'}").fields());
    assertEquals(List.of("itemKey"), refused("{'itemKey': 'bptf.440'}").fields());
    assertEquals(List.of("itemKey"), refused("{'itemKey': 7}").fields());
    assertEquals(
        List.of("itemKey"), refused("{'itemKey': 'bptf.440." + "x".repeat(1100) + "'}").fields());
    assertEquals(List.of("name"), refused("{'name': '   '}").fields());
    assertEquals(List.of("name"), refused("{'name': '-- !! --'}").fields());
    assertEquals(List.of("name"), refused("{'name': '" + "x".repeat(201) + "'}").fields());
    assertEquals(List.of("name"), refused("{'name': 'a b c d e f g h i'}").fields());
    assertEquals(
        List.of("source"), refused("{'itemKey': '" + KEY + "', 'source': 'skinshark'}").fields());
    assertEquals(
        List.of("quality"), refused("{'itemKey': '" + KEY + "', 'quality': 'Strange'}").fields());
    assertEquals(List.of("quality"), refused("{'name': 'hat', 'quality': ''}").fields());
    assertEquals(List.of("quality"), refused("{'name': 'hat', 'quality': 1}").fields());
    assertEquals(
        List.of("quality"),
        refused("{'name': 'hat', 'quality': '" + "q".repeat(65) + "'}").fields());
    assertEquals(List.of("atMost"), refused("{'name': 'hat', 'atMost': 5}").fields(), "no source");
    assertEquals(
        List.of("atLeast"),
        refused("{'name': 'hat', 'source': 'bptf', 'atMost': 5, 'atLeast': 1}").fields());
    assertEquals(
        List.of("atMost"), refused("{'name': 'hat', 'source': 'bptf', 'atMost': '5'}").fields());
    assertEquals(
        List.of("atMost"),
        refused("{'name': 'hat', 'source': 'bptf', 'atMost': 1000000000000.5}").fields());
    assertEquals(
        List.of("atMost"),
        refused("{'name': 'hat', 'source': 'bptf', 'atMost': 0.0000000000001}").fields());
    assertEquals(
        List.of("dealsOnly"),
        refused("{'name': 'hat', 'intent': 'buy', 'dealsOnly': true}").fields());
    assertEquals(List.of("dealsOnly"), refused("{'name': 'hat', 'dealsOnly': 1}").fields());
  }

  @Test
  void aBadSourceIsNamedOnceNotAlsoAsTheBoundsMissingSource() {
    assertEquals(
        List.of("source"), refused("{'name': 'hat', 'source': 'x', 'atMost': 5}").fields());
  }

  @Test
  void aBodyThatIsNoObjectIsRefusedAsTheBody() {
    assertEquals(List.of("body"), refused("[1, 2]").fields());
    assertEquals(
        List.of("body"),
        assertThrows(InvalidWatchException.class, () -> WatchParameters.read(null)).fields());
  }

  @Test
  void aPatchChangesOnlyTheFieldsItGives() {
    Watch watch =
        new Watch(
            "0123456789abcdef",
            "alice",
            WatchTerms.ofName("hat")
                .withSource(Source.BPTF)
                .withIntent(Intent.SELL)
                .withBound(PriceBound.atMost(BigDecimal.TEN)),
            false,
            T0,
            T0);

    WatchParameters.Input paused = WatchParameters.patch(watch, json("{'paused': true}"));
    assertEquals(watch.terms(), paused.terms());
    assertTrue(paused.paused());

    WatchTerms raised = WatchParameters.patch(watch, json("{'atLeast': 3}")).terms();
    assertEquals(PriceBound.atLeast(new BigDecimal("3")), raised.bound(), "replaces atMost");

    WatchTerms cleared =
        WatchParameters.patch(watch, json("{'intent': null, 'atMost': null}")).terms();
    assertNull(cleared.intent());
    assertNull(cleared.bound());

    WatchTerms item = WatchParameters.patch(watch, json("{'itemKey': '" + KEY + "'}")).terms();
    assertEquals(ItemKey.parse(KEY), item.item());
    assertNull(item.name(), "an item key replaces the name");

    Watch ofItem = watch.changed(item.withBound(null).withIntent(null), false, T0);
    WatchTerms named = WatchParameters.patch(ofItem, json("{'name': 'cap'}")).terms();
    assertEquals(WatchTerms.ofName("cap"), named, "the name replaces the key and its source");

    InvalidWatchException e =
        assertThrows(
            InvalidWatchException.class,
            () -> WatchParameters.patch(ofItem, json("{'name': 'cap', 'atMost': 4}")));
    assertEquals(List.of("atMost"), e.fields());
  }
}
