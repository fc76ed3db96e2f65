package org.tradewatch.simulator.skinshark.market;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** A listing names its page on the marketplace that holds it, in every scope. */
class MarketListingTest {

  private static MarketListing on(String marketplace) {
    return new MarketListing(
        "ss_100000000042",
        "730_31000000001",
        "StatTrak\u2122 AK-47 | Redline (Field-Tested)",
        1234,
        0.2,
        "Field-Tested",
        "Classified",
        "Rifle",
        "https://cdn.skinshark.gg/icons/abc.png",
        true,
        marketplace,
        true);
  }

  private static JsonObject json(MarketListing listing, boolean full) {
    String text = listing.appendJson(new StringBuilder(), BigDecimal.ZERO, full).toString();
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  @Test
  void eachMarketplaceHasItsOwnAddressScheme() {
    assertEquals("https://csfloat.com/item/100000000042", on("csfloat").listingUrl());
    assertEquals("https://buff.163.com/goods/100000000042", on("buff163").listingUrl());
    assertEquals(
        "https://skinport.com/item/stattrak-ak-47-redline-field-tested/100000000042",
        on("skinport").listingUrl());
    assertEquals("https://skinshark.gg/market/ss_100000000042", on("skinshark").listingUrl());
  }

  @Test
  void theFeedAndTheFirehoseBothCarryTheListingUrl() {
    assertEquals(
        "https://csfloat.com/item/100000000042", json(on("csfloat"), true).getString("listingUrl"));
    assertEquals(
        "https://csfloat.com/item/100000000042",
        json(on("csfloat"), false).getString("listingUrl"));
  }
}
