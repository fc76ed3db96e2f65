package org.tradewatch.core.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.core.market.States.T0;
import static org.tradewatch.core.market.States.bptf;
import static org.tradewatch.core.market.States.state;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.item.KeyPrice;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingState;

/** The key's price in ref: the default until keys are sold on the stream, then their median. */
class MarketModelKeyPriceTest {

  private long seq;

  private ListingState key(String id, Intent intent, String value) {
    return state(bptf(id))
        .name("Mann Co. Supply Crate Key")
        .item(KeyPrice.ITEM)
        .intent(intent)
        .value(value)
        .updated(T0.plusSeconds(seq))
        .seq(++seq)
        .build();
  }

  @Test
  void theMedianOfTheKeysOnSaleOrTheDefault() {
    MarketModel model = new MarketModel();
    assertEquals(KeyPrice.DEFAULT, model.keyPrice());
    // Buy orders alone say what buyers offer, not what a key sells for.
    model.apply(List.of(key("b1", Intent.BUY, "55")));
    assertFalse(model.keyPrice().seen());

    model.apply(
        List.of(
            key("s1", Intent.SELL, "58.11"),
            key("s2", Intent.SELL, "58.88"),
            key("s3", Intent.SELL, "70")));
    KeyPrice price = model.keyPrice();
    assertTrue(price.seen());
    assertEquals(0, new BigDecimal("58.88").compareTo(price.ref()), price.toString());

    // One outlier more does not move it far: the lower middle of four.
    model.apply(List.of(key("s4", Intent.SELL, "500")));
    assertEquals(0, new BigDecimal("58.88").compareTo(model.keyPrice().ref()));

    model.apply(
        List.of(
            state(bptf("s2"))
                .item(KeyPrice.ITEM)
                .value("58.88")
                .updated(T0.plusSeconds(99))
                .deleted(T0.plusSeconds(99))
                .seq(++seq)
                .build()));
    assertEquals(0, new BigDecimal("70").compareTo(model.keyPrice().ref()));
  }
}
