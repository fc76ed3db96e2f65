package org.tradewatch.web.page.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.item.Wear;
import org.tradewatch.core.listing.ItemFilter;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.web.api.ApiException;

/** The listings page's filters: in its query, its links and its live socket's URL. */
class ListingFiltersTest {

  private static ListingFilters filters(Map<String, String> parameters) {
    return ListingFilters.of(parameters::get);
  }

  @Test
  void linksCarryTheFiltersEncodedAndLeaveBlanksOut() {
    ListingFilters filters =
        filters(
            Map.of(
                "q", " Team Captain & <b> ",
                "source", "bptf",
                "intent", "",
                "quality", "Collector's",
                "sort", "-value",
                "page", "3"));

    assertEquals(
        "q=Team%20Captain%20%26%20%3Cb%3E&source=bptf&quality=Collector%27s&sort=-value&page=2",
        filters.link(2));
    assertEquals(
        "q=Team%20Captain%20%26%20%3Cb%3E&source=bptf&quality=Collector%27s&sort=-value",
        filters.link(1), "page 1 is the default");
    assertEquals(
        "q=Team%20Captain%20%26%20%3Cb%3E&source=bptf&quality=Collector%27s",
        filters.getLiveQuery(), "the live socket takes the filters, not the order");
    assertTrue(filters.isFiltered());
  }

  @Test
  void noFiltersMeansNewestFirstAndEmptyLinks() {
    ListingFilters none = filters(Map.of());

    assertEquals("-updated", none.getSort());
    assertEquals("", none.link(1));
    assertEquals("page=2", none.link(2));
    assertEquals("", none.href(1), "the first page without filters is the bare listings page");
    assertEquals("?page=2", none.href(2));
    assertEquals("", none.getLiveQuery());
    assertFalse(none.isFiltered());
    assertFalse(filters(Map.of("sort", "value")).isFiltered(), "an order is not a filter");
  }

  @Test
  void theQueryIsTheRestApisWithThePagesSize() {
    ListingQuery query =
        filters(Map.of("quality", "strange", "minValue", "1.5", "sort", "value")).query("2", 50);

    assertEquals("strange", query.quality());
    assertEquals(ListingSort.VALUE_ASC, query.sort());
    assertEquals(2, query.page());
    assertEquals(50, query.limit());
    ApiException bad =
        assertThrows(ApiException.class, () -> filters(Map.of("maxValue", "x")).query(null, 50));
    assertEquals("maxValue: not a number: 'x'", bad.getMessage());
  }

  @Test
  void theItemFiltersAreCarriedLikeTheOthersAndNarrowTheLiveSocket() {
    ListingFilters filters =
        filters(
            Map.of(
                "effect", "Burning Flames",
                "killstreak", "3",
                "craftable", "false",
                "australium", "TRUE",
                "wear", "ft",
                "sort", "value"));

    assertEquals(
        "effect=Burning%20Flames&killstreak=3&craftable=false&australium=TRUE&wear=ft",
        filters.getLiveQuery());
    assertEquals(
        "effect=Burning%20Flames&killstreak=3&craftable=false&australium=TRUE&wear=ft"
            + "&sort=value&page=2",
        filters.link(2));
    assertTrue(filters.isFiltered());
    assertEquals(
        new ItemFilter("Burning Flames", 3, false, true, Wear.FIELD_TESTED),
        filters.query(null, 50).itemFilter());
    // The form shows the options selected however the URL wrote them.
    assertEquals(3, filters.getKillstreakTier());
    assertEquals("Field-Tested", filters.getWearTier());
    assertEquals(0, filters(Map.of("killstreak", "None")).getKillstreakTier());
    assertNull(filters(Map.of("killstreak", "9")).getKillstreakTier());
    assertNull(filters(Map.of("wear", "Mint")).getWearTier());
    assertNull(filters(Map.of()).getWearTier());
    assertTrue(filters(Map.of("wear", "Factory New")).isFiltered());

    ApiException bad =
        assertThrows(ApiException.class, () -> filters(Map.of("wear", "Mint")).query(null, 50));
    assertTrue(bad.getMessage().startsWith("wear: "), bad.getMessage());
  }

  @Test
  void blankFiltersAreNoFilters() {
    assertNull(filters(Map.of("quality", "  ")).getQuality());
  }
}
