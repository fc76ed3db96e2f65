package org.tradewatch.web.page.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;

/** The listing page's address: anything that names no listing is a 404, never an error. */
class ListingPageTest {

  @Test
  void aListingAddressIsSourceThenTheRestAsId() {
    assertEquals(Optional.of(new ListingKey(Source.BPTF, "440_1")), ListingPage.key("/bptf/440_1"));
    assertEquals(
        Optional.of(new ListingKey(Source.SKINSHARK, "a/b")), ListingPage.key("/skinshark/a/b"));
    assertEquals(Optional.empty(), ListingPage.key(null));
    assertEquals(Optional.empty(), ListingPage.key("/"));
    assertEquals(Optional.empty(), ListingPage.key("/bptf"));
    assertEquals(Optional.empty(), ListingPage.key("/bptf/"));
    assertEquals(Optional.empty(), ListingPage.key("/ebay/1"));
    assertEquals(Optional.empty(), ListingPage.key("/bptf/" + "x".repeat(200)));
  }
}
