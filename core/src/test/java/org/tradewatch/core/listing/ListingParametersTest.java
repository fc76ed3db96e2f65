package org.tradewatch.core.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.item.Wear;

/** The listing parameters as the REST API, the listings page and the live socket take them. */
class ListingParametersTest {

  private static ListingQuery query(String... pairs) {
    Map<String, String> parameters = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      parameters.put(pairs[i], pairs[i + 1]);
    }
    return ListingParameters.query(parameters::get);
  }

  private static InvalidListingParameterException refused(String... pairs) {
    return assertThrows(InvalidListingParameterException.class, () -> query(pairs));
  }

  @Test
  void nothingGivenIsEveryLiveListingNewestFirst() {
    ListingQuery query = query();
    assertEquals(ListingSort.UPDATED_DESC, query.sort());
    assertEquals(1, query.page());
    assertEquals(ListingQuery.DEFAULT_LIMIT, query.limit());
    assertFalse(query.includeDeleted());
    assertNull(query.text());
    assertNull(query.after());
  }

  @Test
  void everyParameterIsRead() {
    ListingQuery query =
        query(
            "q",
            "hat",
            "source",
            "BPTF",
            "intent",
            " sell",
            "quality",
            " Strange ",
            "appid",
            "440",
            "minValue",
            "1.5",
            "maxValue",
            "20",
            "includeDeleted",
            "TRUE",
            "sort",
            "-value",
            "page",
            "3",
            "limit",
            "50");
    assertEquals("hat", query.text());
    assertEquals(Source.BPTF, query.source());
    assertEquals(Intent.SELL, query.intent());
    assertEquals("Strange", query.quality());
    assertEquals(440, query.appid());
    assertEquals(new BigDecimal("1.5"), query.minValue());
    assertEquals(new BigDecimal("20"), query.maxValue());
    assertEquals(true, query.includeDeleted());
    assertEquals(ListingSort.VALUE_DESC, query.sort());
    assertEquals(3, query.page());
    assertEquals(50, query.limit());
  }

  @Test
  void qualityIsPassedOnTrimmedAndBlankMeansAny() {
    assertEquals("collector's", query("quality", "collector's").quality());
    assertNull(query("quality", "  ").quality());
  }

  @Test
  void aBadParameterIsRefusedNamingIt() {
    assertEquals(
        "quality: at most 200 characters", refused("quality", "x".repeat(201)).getMessage());
    assertEquals("q", refused("q", "x".repeat(201)).parameter());
    assertEquals("source", refused("source", "steam").parameter());
    assertEquals("intent", refused("intent", "swap").parameter());
    assertEquals("appid", refused("appid", "tf2").parameter());
    assertEquals("appid", refused("appid", "-1").parameter());
    assertEquals("minValue", refused("minValue", "-1").parameter());
    assertEquals("maxValue", refused("maxValue", "1e400").parameter());
    assertEquals("maxValue", refused("maxValue", "0.0000000000001").parameter());
    assertEquals("minValue", refused("minValue", "5", "maxValue", "4").parameter());
    assertEquals("includeDeleted", refused("includeDeleted", "yes").parameter());
    assertEquals("sort", refused("sort", "price").parameter());
    assertEquals("page", refused("page", "0").parameter());
    assertEquals("page", refused("page", "1000001").parameter());
    assertEquals("limit", refused("limit", "501").parameter());
    assertEquals("limit", refused("limit", "ten").parameter());
  }

  @Test
  void theItemFiltersAreReadByNameOrNumberIgnoringCase() {
    assertEquals(ItemFilter.ANY, query().itemFilter());
    assertEquals(
        new ItemFilter("Burning Flames", 3, false, true, Wear.FIELD_TESTED),
        query(
                "effect",
                " Burning Flames ",
                "killstreak",
                "Professional",
                "craftable",
                "FALSE",
                "australium",
                "true",
                "wear",
                "field-tested")
            .itemFilter());
    assertEquals(0, query("killstreak", "none").itemFilter().killstreakTier());
    assertEquals(0, query("killstreak", "0").itemFilter().killstreakTier());
    assertEquals(1, query("killstreak", "KILLSTREAK").itemFilter().killstreakTier());
    assertEquals(1, query("killstreak", " 1 ").itemFilter().killstreakTier());
    assertEquals(2, query("killstreak", "specialized").itemFilter().killstreakTier());
    assertEquals(2, query("killstreak", "Specialized Killstreak").itemFilter().killstreakTier());
    assertEquals(3, query("killstreak", "3").itemFilter().killstreakTier());
    assertEquals(true, query("craftable", "true").itemFilter().craftable());
    assertEquals(false, query("australium", "False").itemFilter().australium());
    assertEquals(Wear.FACTORY_NEW, query("wear", "Factory New").itemFilter().wear());
    assertEquals(Wear.BATTLE_SCARRED, query("wear", "bs").itemFilter().wear());
    assertEquals(ItemFilter.ANY, query("effect", " ", "wear", "", "craftable", " ").itemFilter());
  }

  @Test
  void aBadItemFilterIsRefusedNamingIt() {
    assertEquals("effect: at most 200 characters", refused("effect", "x".repeat(201)).getMessage());
    InvalidListingParameterException id = refused("effect", "13");
    assertEquals("effect", id.parameter());
    assertTrue(id.getMessage().contains("name"), id.getMessage());
    InvalidListingParameterException killstreak = refused("killstreak", "4");
    assertEquals(
        "killstreak: expected none, killstreak, specialized, professional or 0 to 3, was '4'",
        killstreak.getMessage());
    assertEquals("killstreak", refused("killstreak", "-1").parameter());
    assertEquals("killstreak", refused("killstreak", "strange").parameter());
    assertEquals("craftable", refused("craftable", "yes").parameter());
    assertEquals("craftable", refused("craftable", "1").parameter());
    assertEquals("australium", refused("australium", "gold").parameter());
    InvalidListingParameterException wear = refused("wear", "Mint");
    assertEquals("wear", wear.parameter());
    assertTrue(wear.getMessage().contains("Field-Tested"), wear.getMessage());
    assertEquals("wear", refused("wear", "Field Tested").parameter());
  }

  @Test
  void theLiveSocketTakesTheItemFiltersToo() {
    Map<String, String> parameters = Map.of("effect", "Sunbeams", "killstreak", "1", "wear", "MW");
    ListingQuery filters = ListingParameters.filters(parameters::get);
    assertEquals(
        new ItemFilter("Sunbeams", 1, null, null, Wear.MINIMAL_WEAR), filters.itemFilter());
    assertEquals(
        "australium",
        assertThrows(
                InvalidListingParameterException.class,
                () -> ListingParameters.filters(Map.of("australium", "maybe")::get))
            .parameter());
    assertTrue(
        ListingParameters.FILTERS.containsAll(
            List.of("effect", "killstreak", "craftable", "australium", "wear")));
  }

  @Test
  void aCursorNeedsTheKeyOrderAndReplacesThePage() {
    ListingQuery walk = query("sort", "key", "after", "bptf/440_1/x");
    assertEquals(new ListingKey(Source.BPTF, "440_1/x"), walk.after());
    assertEquals("after", refused("after", "bptf/1").parameter());
    assertEquals("after", refused("sort", "key", "after", "bptf/1", "page", "2").parameter());
    assertEquals("after", refused("sort", "key", "after", "no-slash").parameter());
    assertEquals("after", refused("sort", "key", "after", "steam/1").parameter());
  }

  @Test
  void theLiveSocketsFiltersIgnorePaging() {
    Map<String, String> parameters =
        Map.of("quality", "Unusual", "sort", "nonsense", "page", "x", "limit", "0", "after", "?");
    ListingQuery filters = ListingParameters.filters(parameters::get);
    assertEquals("Unusual", filters.quality());
    assertEquals(ListingSort.UPDATED_DESC, filters.sort());
    assertFalse(filters.includeDeleted());
  }
}
