package org.tradewatch.web.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.web.api.ApiException;

/** The listing filters as the REST API, the live socket and the listings page take them. */
class ListingsResourceParseTest {

  private static ListingQuery quality(String quality) {
    return ListingsResource.parse(
        null, null, null, quality, null, null, null, null, null, null, null, null);
  }

  @Test
  void qualityIsPassedOnTrimmedAndBlankMeansAny() {
    assertEquals("Strange", quality(" Strange ").quality());
    assertEquals("collector's", quality("collector's").quality());
    assertNull(quality("").quality());
    assertNull(quality(null).quality());
  }

  @Test
  void anOverlongQualityIsRefusedNamingTheParameter() {
    ApiException refused = assertThrows(ApiException.class, () -> quality("x".repeat(201)));
    assertEquals(400, refused.status());
    assertEquals("quality: at most 200 characters", refused.getMessage());
  }
}
