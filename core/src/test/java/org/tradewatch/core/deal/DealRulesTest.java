package org.tradewatch.core.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;

/** Which reference a sell is a deal under: the suggested price, the 7-day median sell, or none. */
class DealRulesTest {

  private final DealRules rules = new DealRules(BigDecimal.TEN);

  private static BigDecimal dec(String value) {
    return value == null ? null : new BigDecimal(value);
  }

  private DealReason reason(String price, String suggested, String median) {
    return rules.underReference(dec(price), dec(suggested), dec(median));
  }

  @Test
  void underTheMedianAloneWhenTheItemHasNoSuggestedPrice() {
    assertEquals(DealReason.UNDER_MEDIAN, reason("9", null, "10"));
    assertNull(reason("9.01", null, "10"));
  }

  @Test
  void exactlyTheDiscountUnderIsADeal() {
    assertEquals(DealReason.UNDER_MEDIAN, reason("90", null, "100"));
    assertEquals(DealReason.UNDER_SUGGESTED, reason("90", "100", null));
    assertNull(reason("90.000001", "100", "100"));
  }

  @Test
  void theHigherReferenceWinsWhenUnderBoth() {
    assertEquals(DealReason.UNDER_MEDIAN, reason("50", "80", "100"));
    assertEquals(DealReason.UNDER_SUGGESTED, reason("50", "100", "80"));
  }

  @Test
  void onATieTheSuggestedPriceWins() {
    assertEquals(DealReason.UNDER_SUGGESTED, reason("50", "100", "100.00"));
  }

  @Test
  void underOnlyOneOfThemIsThatOne() {
    // 85 is 15 % under 100 but only 5.6 % under 90: a deal under the median only.
    assertEquals(DealReason.UNDER_MEDIAN, reason("85", "90", "100"));
    assertEquals(DealReason.UNDER_SUGGESTED, reason("85", "100", "90"));
  }

  @Test
  void noReferenceOrAWorthlessOneMakesNoDeal() {
    assertNull(reason("1", null, null));
    assertNull(reason("0", "0", "0"));
    assertNull(reason("-1", "-0.5", null));
  }

  @Test
  void aDealUnderTheMedianCarriesItAsItsReference() {
    ListingKey listing = new ListingKey(Source.BPTF, "s1");
    ItemKey item =
        new ItemKey(Source.BPTF, 440, "Team Captain", "Unique", null, true, 0, false, false);
    Deal deal =
        new Deal(
            listing,
            item,
            DealReason.UNDER_MEDIAN,
            "ref",
            dec("8"),
            null,
            null,
            null,
            dec("10"),
            Instant.EPOCH);
    assertEquals(dec("10"), deal.reference());
    assertEquals(dec("2"), deal.profit());
    assertEquals(dec("20.00"), deal.discountPercent());
    assertThrows(
        NullPointerException.class,
        () ->
            new Deal(
                listing,
                item,
                DealReason.UNDER_MEDIAN,
                "ref",
                dec("8"),
                null,
                null,
                dec("10"),
                null,
                Instant.EPOCH));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Deal(
                listing,
                item,
                DealReason.UNDER_MEDIAN,
                "ref",
                dec("10"),
                null,
                null,
                null,
                dec("10"),
                Instant.EPOCH));
  }
}
