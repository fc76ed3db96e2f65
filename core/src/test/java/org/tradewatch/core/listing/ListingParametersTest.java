package org.tradewatch.core.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
