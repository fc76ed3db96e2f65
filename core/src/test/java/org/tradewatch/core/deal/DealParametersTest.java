package org.tradewatch.core.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.InvalidListingParameterException;
import org.tradewatch.core.listing.Source;

class DealParametersTest {

  private static DealQuery query(String... namesAndValues) {
    Map<String, String> parameters = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      parameters.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return DealParameters.query(parameters::get);
  }

  private static void refused(String parameter, String... namesAndValues) {
    InvalidListingParameterException e =
        assertThrows(InvalidListingParameterException.class, () -> query(namesAndValues));
    assertEquals(parameter, e.parameter());
    assertTrue(e.getMessage().startsWith(parameter + ": "), e.getMessage());
  }

  @Test
  void noParametersIsTheFirstPageOfEveryDeal() {
    assertEquals(new DealQuery(null, null, null, null, 1, 50), query());
    assertEquals(new DealQuery(null, null, null, null, 1, 50), query("source", " ", "page", ""));
  }

  @Test
  void everyParameterIsRead() {
    assertEquals(
        new DealQuery(Source.BPTF, 440, new BigDecimal("2.5"), new BigDecimal("12"), 3, 200),
        query(
            "source",
            "BPTF",
            "appid",
            "440",
            "minProfit",
            "2.5",
            "minDiscount",
            "12",
            "page",
            "3",
            "limit",
            "200"));
  }

  @Test
  void badValuesAreRefusedNamingTheParameter() {
    refused("source", "source", "ebay");
    refused("appid", "appid", "tf2");
    refused("appid", "appid", "-1");
    refused("minProfit", "minProfit", "5");
    refused("minProfit", "source", "bptf", "minProfit", "-1");
    refused("minProfit", "source", "bptf", "minProfit", "lots");
    refused("minProfit", "source", "bptf", "minProfit", "0.0000000000001");
    refused("minDiscount", "minDiscount", "101");
    refused("minDiscount", "minDiscount", "-0.5");
    refused("page", "page", "0");
    refused("limit", "limit", "201");
    refused("limit", "limit", "ten");
  }

  @Test
  void theLiveSocketReadsTheFiltersAloneAndYesOrNo() {
    Map<String, String> parameters = Map.of("source", "skinshark", "page", "nonsense");
    assertEquals(
        new DealQuery(Source.SKINSHARK, null, null, null, 1, 50),
        DealParameters.filters(parameters::get));
    assertTrue(DealParameters.bool("deals", " TRUE ", false));
    assertFalse(DealParameters.bool("deals", null, false));
    assertTrue(DealParameters.bool("listings", "", true));
    InvalidListingParameterException e =
        assertThrows(
            InvalidListingParameterException.class,
            () -> DealParameters.bool("deals", "yes", false));
    assertEquals("deals", e.parameter());
  }
}
