package org.tradewatch.core.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.core.market.States.T0;
import static org.tradewatch.core.market.States.bptf;
import static org.tradewatch.core.market.States.skinshark;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.deal.Deal;
import org.tradewatch.core.deal.DealChange;
import org.tradewatch.core.deal.DealPage;
import org.tradewatch.core.deal.DealQuery;
import org.tradewatch.core.deal.DealReason;
import org.tradewatch.core.deal.DealRules;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.PriceUnit;
import org.tradewatch.core.listing.Source;

/**
 * The deal rules, one at a time: a sell listing below its item's best buy in its own unit, or at
 * least the rules' discount under the suggested price, is a deal; deals open, change and close as
 * listings and prices move, and each change rides on the listing change that caused it.
 */
class MarketModelDealsTest {

  static final ItemKey CAPTAIN =
      new ItemKey(Source.BPTF, 440, "Team Captain", "Unique", null, true, 0, false, false);
  static final ItemKey EARBUDS =
      new ItemKey(Source.BPTF, 440, "Earbuds", "Unique", null, true, 0, false, false);
  static final ItemKey KARAMBIT =
      new ItemKey(
          Source.SKINSHARK, 730, "\u2605 Karambit | Doppler", null, null, true, 0, false, false);

  private final MarketModel model = new MarketModel(new DealRules(BigDecimal.TEN));
  private long seq;

  /** A live listing of the item, priced in ref, updated at T0 + second. */
  private ListingState listing(
      ListingKey key, ItemKey item, Intent intent, String value, int second) {
    return States.state(key)
        .name(item.displayName())
        .item(item)
        .intent(intent)
        .value(value)
        .updated(T0.plusSeconds(second))
        .seq(++seq)
        .build();
  }

  private ListingState sell(String id, String value, int second) {
    return listing(bptf(id), CAPTAIN, Intent.SELL, value, second);
  }

  private ListingState buy(String id, String value, int second) {
    return listing(bptf(id), CAPTAIN, Intent.BUY, value, second);
  }

  private ListingState deleted(ListingState state, int second) {
    return States.state(state.key())
        .name(state.itemName())
        .item(state.item())
        .intent(state.intent())
        .value(state.value() == null ? null : state.value().toPlainString())
        .updated(T0.plusSeconds(second))
        .deleted(T0.plusSeconds(second))
        .seq(++seq)
        .unit(state.priceUnit())
        .build();
  }

  private List<MarketChange> apply(ListingState... states) {
    return model.apply(List.of(states));
  }

  private static List<DealChange> dealsOf(List<MarketChange> changes) {
    return changes.stream().flatMap(c -> c.deals().stream()).toList();
  }

  private List<Deal> open() {
    return model.deals(new DealQuery(null, null, null, null, 1, DealQuery.MAX_LIMIT)).deals();
  }

  private Deal openOf(String id) {
    return open().stream().filter(d -> d.listing().equals(bptf(id))).findFirst().orElse(null);
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }

  @Test
  void aSellBelowTheBestBuyOpensADealWithItsFigures() {
    apply(buy("b1", "10", 1), buy("b2", "9", 2));
    List<MarketChange> changes = apply(sell("s1", "8", 5));

    assertEquals(1, changes.size());
    DealChange change = changes.get(0).deals().get(0);
    assertTrue(change.opened());
    assertEquals(T0.plusSeconds(5), change.at());
    Deal deal = change.after();
    assertEquals(bptf("s1"), deal.listing());
    assertEquals(CAPTAIN, deal.item());
    assertEquals(DealReason.BELOW_BEST_BUY, deal.reason());
    assertEquals(PriceUnit.REF, deal.unit());
    assertEquals(0, dec("8").compareTo(deal.price()));
    assertEquals(0, dec("10").compareTo(deal.bestBuy()));
    assertEquals(bptf("b1"), deal.bestBuyListing());
    assertNull(deal.suggested());
    assertEquals(0, dec("2").compareTo(deal.profit()));
    assertEquals(dec("20.00"), deal.discountPercent());
    assertEquals(T0.plusSeconds(5), deal.openedAt());
    assertEquals(List.of(deal), open());
  }

  @Test
  void aSellAtOrAboveTheBestBuyIsNoDeal() {
    apply(buy("b1", "10", 1), sell("s1", "10", 2), sell("s2", "10.01", 3));
    assertEquals(List.of(), open());
  }

  @Test
  void aDealClosesWhenItsListingIsDeleted() {
    apply(buy("b1", "10", 1));
    ListingState s1 = sell("s1", "8", 2);
    apply(s1);
    List<MarketChange> changes = apply(deleted(s1, 7));

    DealChange close = changes.get(0).deals().get(0);
    assertTrue(close.closed());
    assertEquals(bptf("s1"), close.before().listing());
    assertEquals(T0.plusSeconds(7), close.at());
    assertEquals(List.of(), open());
  }

  @Test
  void aDealClosesWhenTheBestBuyDropsToItsPriceOrBelow() {
    apply(buy("b1", "10", 1), sell("s1", "8", 2));
    List<MarketChange> changes = apply(buy("b1", "8", 3));

    assertEquals(1, dealsOf(changes).size());
    assertTrue(dealsOf(changes).get(0).closed());
    assertEquals(List.of(), open());
  }

  @Test
  void aDealClosesWhenTheBestBuyGoesAndFollowsTheNextBuyWhileBelowIt() {
    ListingState b1 = buy("b1", "10", 1);
    apply(b1, buy("b2", "9", 1), sell("s1", "8", 2));
    Instant opened = openOf("s1").openedAt();

    List<MarketChange> changes = apply(deleted(b1, 4));
    DealChange moved = dealsOf(changes).get(0);
    assertFalse(moved.opened() || moved.closed(), "still a deal, on new figures");
    assertEquals(0, dec("9").compareTo(moved.after().bestBuy()));
    assertEquals(bptf("b2"), moved.after().bestBuyListing());
    assertEquals(opened, moved.after().openedAt(), "open since it opened");
    assertEquals(T0.plusSeconds(4), moved.at());

    apply(buy("b2", "7.5", 5));
    assertNull(openOf("s1"));
  }

  @Test
  void aDealReopensWhenThePriceMovesBackUnderTheBestBuy() {
    apply(buy("b1", "10", 1), sell("s1", "8", 2));
    List<DealChange> closed = dealsOf(apply(sell("s1", "12", 3)));
    assertEquals(1, closed.size());
    assertTrue(closed.get(0).closed());
    assertNull(openOf("s1"));

    List<DealChange> reopened = dealsOf(apply(sell("s1", "9", 6)));
    assertEquals(1, reopened.size());
    assertTrue(reopened.get(0).opened());
    assertEquals(T0.plusSeconds(6), openOf("s1").openedAt());
    assertEquals(0, dec("1").compareTo(openOf("s1").profit()));

    List<DealChange> repriced = dealsOf(apply(sell("s1", "7", 8)));
    assertEquals(1, repriced.size());
    assertFalse(repriced.get(0).opened() || repriced.get(0).closed());
    assertEquals(0, dec("3").compareTo(openOf("s1").profit()));
    assertEquals(T0.plusSeconds(6), openOf("s1").openedAt());
  }

  @Test
  void aHigherBuyOrderOpensTheSellsBelowIt() {
    apply(sell("s1", "5", 1), sell("s2", "6", 2), sell("s3", "7", 3));
    assertEquals(List.of(), open());

    List<MarketChange> changes = apply(buy("b1", "6.5", 9));
    List<DealChange> opened = dealsOf(changes);
    assertEquals(2, opened.size());
    assertTrue(opened.stream().allMatch(DealChange::opened));
    assertEquals(
        List.of(bptf("s1"), bptf("s2")),
        opened.stream().map(DealChange::listing).sorted(ListingTable::compareKeys).toList());
    assertTrue(open().stream().allMatch(d -> d.openedAt().equals(T0.plusSeconds(9))));
  }

  @Test
  void aSellAtLeastTheDiscountUnderTheSuggestedPriceIsADeal() {
    ListingState s1 = sell("s1", "90", 1);
    ListingState s2 = sell("s2", "90.01", 2);
    apply(
        States.state(bptf("b1"))
            .name(CAPTAIN.displayName())
            .item(CAPTAIN)
            .intent(Intent.BUY)
            .value("50")
            .suggested("100")
            .updated(T0.plusSeconds(3))
            .seq(++seq)
            .build(),
        s1,
        s2);

    Deal deal = openOf("s1");
    assertEquals(DealReason.UNDER_SUGGESTED, deal.reason());
    assertEquals(0, dec("100").compareTo(deal.suggested()));
    assertNull(deal.bestBuy());
    assertEquals(0, dec("10").compareTo(deal.profit()));
    assertEquals(dec("10.00"), deal.discountPercent());
    assertNull(openOf("s2"), "9.99% under is not 10%");
  }

  @Test
  void theSuggestedPriceMovingOpensAndClosesDeals() {
    apply(sell("s1", "80", 1), sell("s2", "85", 2));
    List<DealChange> opened =
        dealsOf(
            apply(
                States.state(bptf("b1"))
                    .item(CAPTAIN)
                    .intent(Intent.BUY)
                    .value("1")
                    .suggested("100")
                    .updated(T0.plusSeconds(3))
                    .seq(++seq)
                    .build()));
    assertEquals(2, opened.size());

    List<DealChange> moved =
        dealsOf(
            apply(
                States.state(bptf("b1"))
                    .item(CAPTAIN)
                    .intent(Intent.BUY)
                    .value("1")
                    .suggested("90")
                    .updated(T0.plusSeconds(4))
                    .seq(++seq)
                    .build()));
    // 80 is 11.1% under 90: figures change; 85 is 5.6% under: it closes.
    assertEquals(2, moved.size());
    assertEquals(0, dec("10").compareTo(openOf("s1").profit()));
    assertNull(openOf("s2"));
  }

  @Test
  void belowTheBestBuyComesFirstAndUnderSuggestedTakesOverWhenTheBuyGoes() {
    ListingState b1 =
        States.state(bptf("b1"))
            .item(CAPTAIN)
            .intent(Intent.BUY)
            .value("95")
            .suggested("100")
            .updated(T0.plusSeconds(1))
            .seq(++seq)
            .build();
    apply(b1, sell("s1", "80", 2));
    Deal below = openOf("s1");
    assertEquals(DealReason.BELOW_BEST_BUY, below.reason());
    assertEquals(0, dec("15").compareTo(below.profit()));

    DealChange change = dealsOf(apply(deleted(b1, 3))).get(0);
    assertEquals(DealReason.BELOW_BEST_BUY, change.before().reason());
    assertEquals(DealReason.UNDER_SUGGESTED, change.after().reason());
    assertEquals(0, dec("20").compareTo(change.after().profit()));
    assertEquals(below.openedAt(), change.after().openedAt());
  }

  @Test
  void pricesInOtherUnitsAreNeverCompared() {
    // A buy order in dollars above everything, and one in keys and metal below the sell.
    ListingState usdBuy =
        States.state(bptf("b-usd"))
            .item(CAPTAIN)
            .intent(Intent.BUY)
            .value("1000")
            .unit(null)
            .seq(++seq)
            .build();
    apply(usdBuy, buy("b-ref", "4", 1), sell("s-ref", "5", 2));
    assertNull(openOf("s-ref"), "not below the best buy in its own unit");

    // A sell in dollars far below both buys and the suggested price: its price compares with none.
    apply(
        States.state(bptf("s-usd"))
            .item(CAPTAIN)
            .intent(Intent.SELL)
            .value("1")
            .unit(null)
            .seq(++seq)
            .build(),
        States.state(bptf("b-ref"))
            .item(CAPTAIN)
            .intent(Intent.BUY)
            .value("4")
            .suggested("100")
            .seq(++seq)
            .build());
    assertNull(openOf("s-usd"));
    assertEquals(List.of(bptf("s-ref")), open().stream().map(Deal::listing).toList());
    assertEquals(DealReason.UNDER_SUGGESTED, openOf("s-ref").reason());

    // The keys-and-metal sell is below the best buy once a keys-and-metal buy is above it.
    apply(buy("b-ref2", "6", 3));
    assertEquals(bptf("b-ref2"), openOf("s-ref").bestBuyListing());
    assertEquals(List.of(bptf("s-ref")), open().stream().map(Deal::listing).toList());
  }

  @Test
  void skinsharkPricesCompareOnlyWithinTheirCurrencyAndHaveNoSuggestedDeals() {
    ListingState eurBuy =
        States.state(skinshark("buy-eur"))
            .item(KARAMBIT)
            .intent(Intent.BUY)
            .value("500")
            .unit("EUR")
            .seq(++seq)
            .build();
    ListingState usdSell =
        States.state(skinshark("sell-usd"))
            .item(KARAMBIT)
            .intent(Intent.SELL)
            .value("100")
            .unit("USD")
            .suggested("1000")
            .seq(++seq)
            .build();
    apply(eurBuy, usdSell);
    assertEquals(List.of(), open(), "no dollar buy; skinshark suggests no price");

    ListingState eurSell =
        States.state(skinshark("sell-eur"))
            .item(KARAMBIT)
            .intent(Intent.SELL)
            .value("400")
            .unit("EUR")
            .seq(++seq)
            .build();
    apply(eurSell);
    Deal deal = open().get(0);
    assertEquals(skinshark("sell-eur"), deal.listing());
    assertEquals("EUR", deal.unit());
    assertEquals(skinshark("buy-eur"), deal.bestBuyListing());
  }

  @Test
  void aListingWithoutAnItemOrAValueIsNoDeal() {
    apply(
        buy("b1", "10", 1),
        States.state(bptf("no-item")).intent(Intent.SELL).value("1").seq(++seq).build(),
        States.state(bptf("no-value")).item(CAPTAIN).intent(Intent.SELL).seq(++seq).build());
    assertEquals(List.of(), open());
  }

  @Test
  void aDealThatMovesToAnotherItemChangesOnce() {
    apply(
        buy("b1", "10", 1), listing(bptf("e1"), EARBUDS, Intent.BUY, "20", 1), sell("s1", "8", 2));
    List<DealChange> changes = dealsOf(apply(listing(bptf("s1"), EARBUDS, Intent.SELL, "8", 3)));
    assertEquals(1, changes.size());
    assertEquals(CAPTAIN, changes.get(0).before().item());
    assertEquals(EARBUDS, changes.get(0).after().item());
    assertEquals(EARBUDS, openOf("s1").item());

    apply(deleted(listing(bptf("s1"), EARBUDS, Intent.SELL, "8", 3), 4));
    assertEquals(List.of(), open());
  }

  @Test
  void aDealChangeRidesOnTheLastChangeOfItsItemInTheCall() {
    List<MarketChange> changes =
        apply(
            sell("s1", "8", 1),
            listing(bptf("e1"), EARBUDS, Intent.BUY, "20", 1),
            buy("b1", "10", 2),
            listing(bptf("e2"), EARBUDS, Intent.SELL, "5", 3),
            sell("s2", "30", 4));
    assertEquals(List.of(), changes.get(0).deals());
    assertEquals(List.of(), changes.get(1).deals());
    assertEquals(List.of(), changes.get(2).deals());
    assertEquals(List.of(bptf("e2")), listings(changes.get(3).deals()));
    assertEquals(List.of(bptf("s1")), listings(changes.get(4).deals()));

    // Opened and closed within one call: nothing to tell.
    ListingState s3 = sell("s3", "1", 5);
    assertEquals(List.of(), dealsOf(apply(s3, deleted(s3, 6))));
  }

  private static List<ListingKey> listings(List<DealChange> changes) {
    return changes.stream().map(DealChange::listing).toList();
  }

  @Test
  void aStateThatIsNotNewerChangesNoDeal() {
    ListingState s1 = sell("s1", "8", 2);
    apply(buy("b1", "10", 1), s1);
    assertEquals(List.of(), apply(s1));
    assertEquals(1, open().size());
  }

  @Test
  void dealsAreSearchedNewestFirstWithFiltersPagesAndTotals() {
    apply(buy("b1", "100", 1));
    for (int i = 0; i < 7; i++) {
      apply(sell("s" + i, Integer.toString(90 + i), 10 + i));
    }
    apply(listing(bptf("e-buy"), EARBUDS, Intent.BUY, "10", 20));
    apply(
        States.state(bptf("e-sell"))
            .appid(441)
            .item(new ItemKey(Source.BPTF, 441, "Earbuds", "Unique", null, true, 0, false, false))
            .intent(Intent.SELL)
            .value("1")
            .suggested("5")
            .updated(T0.plusSeconds(30))
            .seq(++seq)
            .build());

    DealPage all = model.deals(new DealQuery(null, null, null, null, 1, 3));
    assertEquals(8, all.total());
    assertEquals(
        List.of(bptf("e-sell"), bptf("s6"), bptf("s5")),
        all.deals().stream().map(Deal::listing).toList());
    DealPage third = model.deals(new DealQuery(null, null, null, null, 3, 3));
    assertEquals(
        List.of(bptf("s1"), bptf("s0")), third.deals().stream().map(Deal::listing).toList());

    assertEquals(1, model.deals(new DealQuery(null, 441, null, null, 1, 10)).total());
    assertEquals(0, model.deals(new DealQuery(Source.SKINSHARK, null, null, null, 1, 10)).total());
    // Profits: 10, 9, ... 4 against 100; e-sell earns 4 against 5 (80%).
    DealPage rich = model.deals(new DealQuery(Source.BPTF, null, dec("8"), null, 1, 10));
    assertEquals(
        List.of(bptf("s2"), bptf("s1"), bptf("s0")),
        rich.deals().stream().map(Deal::listing).toList());
    DealPage deep = model.deals(new DealQuery(null, null, null, dec("9"), 1, 10));
    assertEquals(
        List.of(bptf("e-sell"), bptf("s1"), bptf("s0")),
        deep.deals().stream().map(Deal::listing).toList());
    assertThrows(
        IllegalArgumentException.class,
        () -> new DealQuery(null, null, BigDecimal.ONE, null, 1, 1));
  }

  @Test
  void rulesRefuseADiscountOutsideZeroToAHundred() {
    assertThrows(IllegalArgumentException.class, () -> new DealRules(BigDecimal.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new DealRules(dec("100")));
    assertEquals(0, dec("75").compareTo(new DealRules(dec("25")).underSuggestedBound(dec("100"))));
  }

  @Test
  void theDealsChangedReplayToTheDealsOpen() {
    List<DealChange> all = new ArrayList<>();
    all.addAll(dealsOf(apply(buy("b1", "10", 1), sell("s1", "8", 2), sell("s2", "9", 3))));
    all.addAll(dealsOf(apply(buy("b1", "8.5", 4))));
    all.addAll(dealsOf(apply(sell("s3", "1", 5), buy("b2", "20", 6))));
    Map<ListingKey, Deal> replayed = new java.util.HashMap<>();
    for (DealChange change : all) {
      if (change.closed()) {
        replayed.remove(change.listing());
      } else {
        replayed.put(change.listing(), change.after());
      }
    }
    assertEquals(open().stream().collect(Collectors.toMap(Deal::listing, d -> d)), replayed);
  }
}
