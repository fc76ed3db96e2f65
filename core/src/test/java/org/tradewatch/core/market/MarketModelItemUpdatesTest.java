package org.tradewatch.core.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.tradewatch.core.market.States.T0;
import static org.tradewatch.core.market.States.bptf;
import static org.tradewatch.core.market.States.state;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.item.ItemSummary;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;

/**
 * A change carries the items whose best buy or best sell it moved (the listing or its price), with
 * the call's last change of each item, and nothing when the best prices stay.
 */
class MarketModelItemUpdatesTest {

  private static final ItemKey CAPTAIN =
      new ItemKey(Source.BPTF, 440, "Team Captain", "Unique", null, true, 0, false, false);
  private static final ItemKey HAT =
      new ItemKey(Source.BPTF, 440, "Hat", "Unique", null, true, 0, false, false);

  private final MarketModel model = new MarketModel();
  private long seq;

  private ListingState priced(String id, ItemKey item, Intent intent, String value) {
    return state(bptf(id))
        .item(item)
        .intent(intent)
        .value(value)
        .updated(T0.plusSeconds(seq))
        .seq(++seq)
        .build();
  }

  @Test
  void onlyChangesThatMoveABestPriceCarryTheItem() {
    List<MarketChange> first = model.apply(List.of(priced("s1", CAPTAIN, Intent.SELL, "15")));
    ItemSummary item = first.get(0).items().get(0);
    assertEquals(CAPTAIN, item.key());
    assertEquals("s1", item.bestSell().key().id());
    assertNull(item.bestBuy());

    // A dearer sell and a lower buy than the best leave the sell side's best as it was; the first
    // buy makes a best buy.
    assertEquals(
        List.of(), model.apply(List.of(priced("s2", CAPTAIN, Intent.SELL, "20"))).get(0).items());
    List<MarketChange> buy = model.apply(List.of(priced("b1", CAPTAIN, Intent.BUY, "10")));
    assertEquals("b1", buy.get(0).items().get(0).bestBuy().key().id());
    assertEquals(
        List.of(), model.apply(List.of(priced("b2", CAPTAIN, Intent.BUY, "9"))).get(0).items());

    // The best sell repriced: same listing, new price.
    ItemSummary repriced =
        model.apply(List.of(priced("s1", CAPTAIN, Intent.SELL, "14"))).get(0).items().get(0);
    assertEquals(0, repriced.bestSell().value().compareTo(new java.math.BigDecimal("14")));

    // The best buy deleted: the next one is best.
    ListingState gone =
        state(bptf("b1"))
            .item(CAPTAIN)
            .intent(Intent.BUY)
            .value("10")
            .updated(T0.plusSeconds(99))
            .deleted(T0.plusSeconds(99))
            .seq(++seq)
            .build();
    assertEquals("b2", model.apply(List.of(gone)).get(0).items().get(0).bestBuy().key().id());
  }

  @Test
  void aBatchGivesEachMovedItemOnceWithItsLastChange() {
    List<MarketChange> changes =
        model.apply(
            List.of(
                priced("s1", CAPTAIN, Intent.SELL, "15"),
                priced("h1", HAT, Intent.SELL, "3"),
                priced("s2", CAPTAIN, Intent.SELL, "12"),
                priced("h2", HAT, Intent.SELL, "4")));
    assertEquals(List.of(), changes.get(0).items());
    assertEquals(List.of(), changes.get(1).items());
    assertEquals("s2", changes.get(2).items().get(0).bestSell().key().id());
    assertEquals(2, changes.get(2).items().get(0).sellCount());
    assertEquals("h1", changes.get(3).items().get(0).bestSell().key().id());

    // A listing moving from one item to another moves both items' best sells.
    List<MarketChange> moved = model.apply(List.of(priced("s2", HAT, Intent.SELL, "1")));
    List<ItemKey> keys = moved.get(0).items().stream().map(ItemSummary::key).toList();
    assertEquals(2, keys.size());
    assertEquals(java.util.Set.of(CAPTAIN, HAT), java.util.Set.copyOf(keys));
  }
}
