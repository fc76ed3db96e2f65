package org.tradewatch.core.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.core.market.States.T0;
import static org.tradewatch.core.market.States.bptf;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.deal.Deal;
import org.tradewatch.core.deal.DealChange;
import org.tradewatch.core.deal.DealQuery;
import org.tradewatch.core.deal.DealReason;
import org.tradewatch.core.deal.DealRules;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;

/**
 * Deals under the item's 7-day median sell: the median of the sells its price history sampled in
 * the hours before the hour of its latest change, taken when the item has no suggested price or the
 * median is the higher reference, and moved (opening and closing deals) hour by hour.
 */
class MarketModelDealsMedianTest {

  private static final ItemKey CAPTAIN = MarketModelDealsTest.CAPTAIN;
  private static final int HOUR = 3600;

  private final MarketModel model = new MarketModel(new DealRules(BigDecimal.TEN));
  private long seq;

  private ListingState sell(String id, String value, int second, String suggested) {
    return States.state(bptf(id))
        .name(CAPTAIN.displayName())
        .item(CAPTAIN)
        .intent(Intent.SELL)
        .value(value)
        .suggested(suggested)
        .updated(T0.plusSeconds(second))
        .seq(++seq)
        .build();
  }

  private ListingState sell(String id, String value, int second) {
    return sell(id, value, second, null);
  }

  private List<DealChange> apply(ListingState... states) {
    return model.apply(List.of(states)).stream().flatMap(c -> c.deals().stream()).toList();
  }

  private Deal openOf(String id) {
    return model
        .deals(new DealQuery(null, null, null, null, 1, DealQuery.MAX_LIMIT))
        .deals()
        .stream()
        .filter(d -> d.listing().equals(bptf(id)))
        .findFirst()
        .orElse(null);
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }

  /** Three sells at 100 in the first hour: the median the next hours measure against. */
  private void firstHourAt100() {
    assertTrue(
        apply(sell("s1", "100", 10), sell("s2", "100", 20), sell("s3", "100", 30)).isEmpty());
  }

  @Test
  void aSellTheDiscountUnderTheMedianOfThePastHoursIsADeal() {
    firstHourAt100();
    List<DealChange> changes = apply(sell("s4", "90", HOUR + 5));

    assertEquals(1, changes.size());
    Deal deal = changes.get(0).after();
    assertTrue(changes.get(0).opened());
    assertEquals(DealReason.UNDER_MEDIAN, deal.reason());
    assertEquals(0, dec("100").compareTo(deal.medianSell()));
    assertNull(deal.suggested());
    assertNull(deal.bestBuy());
    assertEquals(0, dec("10").compareTo(deal.profit()));
    assertEquals(0, dec("100").compareTo(deal.reference()));
  }

  @Test
  void theHourOfTheCheapSellIsNotInItsOwnMedian() {
    // Cheap sells in the first hour have no past hour to be measured against.
    assertTrue(apply(sell("s1", "100", 10), sell("s2", "50", 20)).isEmpty());
    // In the next hour the median of the first is 75: 67.5 is its bound.
    assertEquals(DealReason.UNDER_MEDIAN, apply(sell("s3", "67.5", HOUR)).get(0).after().reason());
    assertTrue(apply(sell("s4", "67.6", HOUR + 1)).isEmpty());
  }

  @Test
  void theMedianMovesHourlyAndClosesTheDealsItNoLongerMakes() {
    firstHourAt100();
    apply(sell("s4", "85", HOUR + 5));
    // Cheap sells in the same hour: deals against the first hour's median, which they do not move.
    apply(sell("s5", "60", HOUR + 6), sell("s6", "60", HOUR + 7), sell("s7", "60", HOUR + 8));
    assertEquals(0, dec("100").compareTo(openOf("s4").medianSell()));
    assertEquals(0, dec("100").compareTo(openOf("s5").medianSell()));

    // The next hour's first change takes the median of 100, 100, 100, 85, 60, 60, 60: 85.
    List<DealChange> changes = apply(sell("s8", "200", 2 * HOUR + 1));

    assertNull(openOf("s4"));
    DealChange closed =
        changes.stream().filter(c -> c.listing().equals(bptf("s4"))).findFirst().orElseThrow();
    assertTrue(closed.closed());
    assertEquals(T0.plusSeconds(2 * HOUR + 1), closed.at());
    Deal moved = openOf("s5");
    assertEquals(0, dec("85").compareTo(moved.medianSell()));
    // Still open since the batch that opened it (its latest change time), on new figures.
    assertEquals(T0.plusSeconds(HOUR + 8), moved.openedAt());
  }

  @Test
  void theSuggestedPriceIsTakenWhenItIsTheHigherReference() {
    firstHourAt100();
    Deal deal = apply(sell("s4", "80", HOUR + 5, "120")).get(0).after();
    assertEquals(DealReason.UNDER_SUGGESTED, deal.reason());
    assertEquals(0, dec("120").compareTo(deal.suggested()));
    assertNull(deal.medianSell());
  }

  @Test
  void theMedianIsTakenWhenItIsTheHigherReference() {
    firstHourAt100();
    Deal deal = apply(sell("s4", "80", HOUR + 5, "95")).get(0).after();
    assertEquals(DealReason.UNDER_MEDIAN, deal.reason());
    assertEquals(0, dec("100").compareTo(deal.medianSell()));
    assertNull(deal.suggested());
  }

  @Test
  void aSellUnderTheMedianButNotTheSuggestedPriceIsAMedianDeal() {
    firstHourAt100();
    // 88 is not 10 % under 95, but it is under the median of 100.
    Deal deal = apply(sell("s4", "88", HOUR + 5, "95")).get(0).after();
    assertEquals(DealReason.UNDER_MEDIAN, deal.reason());
  }

  @Test
  void belowTheBestBuyComesFirst() {
    firstHourAt100();
    ListingState buy =
        States.state(bptf("b1"))
            .name(CAPTAIN.displayName())
            .item(CAPTAIN)
            .intent(Intent.BUY)
            .value("95")
            .updated(T0.plusSeconds(HOUR + 1))
            .seq(++seq)
            .build();
    apply(buy);
    Deal deal = apply(sell("s4", "80", HOUR + 5)).get(0).after();
    assertEquals(DealReason.BELOW_BEST_BUY, deal.reason());
    assertNull(deal.medianSell());
  }

  @Test
  void withoutHistoryThereIsNoMedianDeal() {
    model.pauseHistory();
    firstHourAt100();
    assertTrue(apply(sell("s4", "50", HOUR + 5)).isEmpty());
  }

  @Test
  void pricesInOtherUnitsAreNotMeasuredAgainstTheMedian() {
    firstHourAt100();
    ListingState inDollars =
        States.state(bptf("s4"))
            .name(CAPTAIN.displayName())
            .item(CAPTAIN)
            .intent(Intent.SELL)
            .value("5")
            .unit(null)
            .updated(T0.plusSeconds(HOUR + 5))
            .seq(++seq)
            .build();
    assertTrue(apply(inDollars).isEmpty());
    assertEquals(Source.BPTF, CAPTAIN.source());
  }
}
