package org.tradewatch.core.item;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tradewatch.core.listing.InvalidListingParameterException;
import org.tradewatch.core.listing.Source;

/** The items API's parameters: defaults, and a refusal naming each bad one. */
class ItemParametersTest {

  @Test
  void absentParametersTakeTheirDefaults() {
    ItemQuery query = ItemParameters.query(name -> null);

    assertEquals(new ItemQuery(null, null, null, null, ItemSort.LISTINGS, 1, 50), query);
    assertEquals(50, ItemParameters.bookLimit(null));
    assertNull(ItemParameters.cursor("buysAfter", " "));
  }

  @Test
  void everyParameterIsRead() {
    Map<String, String> given =
        Map.of(
            "q", " captain ",
            "source", "BPTF",
            "appid", "440",
            "quality", "Unique",
            "sort", "spread",
            "page", "3",
            "limit", "7");

    assertEquals(
        new ItemQuery("captain", Source.BPTF, 440, "Unique", ItemSort.SPREAD, 3, 7),
        ItemParameters.query(given::get));
    assertEquals(
        new BookCursor(new BigDecimal("12.5"), "440_1/x"),
        ItemParameters.cursor("sellsAfter", "12.5/440_1/x"));
    assertEquals(new BookCursor(null, "a"), ItemParameters.cursor("sellsAfter", "none/a"));
    assertEquals(
        "bptf.440.Team_Captain.q-Unique",
        ItemParameters.key("bptf.440.Team_Captain.q-Unique").id());
  }

  @ParameterizedTest
  @CsvSource({
    "source, ebay, source",
    "appid, -1, appid",
    "appid, x, appid",
    "sort, cheapest, sort",
    "sort, spread, sort",
    "page, 0, page",
    "limit, 201, limit",
    "limit, 1.5, limit"
  })
  void aBadParameterIsRefusedByName(String name, String value, String named) {
    InvalidListingParameterException e =
        assertThrows(
            InvalidListingParameterException.class,
            () -> ItemParameters.query(Map.of(name, value)::get));
    assertEquals(named, e.parameter());
    assertTrue(e.getMessage().startsWith(named + ": "), e.getMessage());
  }

  @Test
  void aPriceSortWithoutASourceSaysWhy() {
    InvalidListingParameterException e =
        assertThrows(
            InvalidListingParameterException.class,
            () -> ItemParameters.query(Map.of("sort", "spread")::get));
    assertTrue(e.getMessage().contains("give source"), e.getMessage());
  }

  @Test
  void badBookParametersAreRefusedByName() {
    assertEquals(
        "key",
        assertThrows(InvalidListingParameterException.class, () -> ItemParameters.key("x.y"))
            .parameter());
    assertEquals(
        "limit",
        assertThrows(InvalidListingParameterException.class, () -> ItemParameters.bookLimit("0"))
            .parameter());
    assertEquals(
        "buysAfter",
        assertThrows(
                InvalidListingParameterException.class,
                () -> ItemParameters.cursor("buysAfter", "12"))
            .parameter());
    assertEquals(
        "sellsAfter",
        assertThrows(
                InvalidListingParameterException.class,
                () -> ItemParameters.cursor("sellsAfter", "twelve/440_1"))
            .parameter());
    assertEquals(
        "q",
        assertThrows(
                InvalidListingParameterException.class,
                () -> ItemParameters.query(Map.of("q", "x".repeat(201))::get))
            .parameter());
  }
}
