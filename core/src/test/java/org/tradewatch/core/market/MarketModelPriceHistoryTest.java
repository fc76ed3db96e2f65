package org.tradewatch.core.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.core.market.States.T0;
import static org.tradewatch.core.market.States.bptf;
import static org.tradewatch.core.market.States.state;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.item.HourlyPrice;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;

/** The model's price history per item and hour, as docs/api.md defines it. */
class MarketModelPriceHistoryTest {

  private static final ItemKey CAPTAIN =
      new ItemKey(Source.BPTF, 440, "Team Captain", "Unique", null, true, 0, false, false);
  private static final ItemKey KEY =
      new ItemKey(
          Source.BPTF, 440, "Mann Co. Supply Crate Key", "Unique", null, true, 0, false, false);

  private long seq;

  private ListingState priced(String id, ItemKey item, Intent intent, String value, Instant at) {
    return state(bptf(id)).item(item).intent(intent).value(value).updated(at).seq(++seq).build();
  }

  @Test
  void eachHourHasItsBestBuyBestSellAndMedianSell() {
    MarketModel model = new MarketModel();
    Instant hour0 = T0;
    Instant hour1 = T0.plus(Duration.ofHours(1));
    model.apply(
        List.of(
            priced("b1", CAPTAIN, Intent.BUY, "10", hour0.plusSeconds(5)),
            priced("b2", CAPTAIN, Intent.BUY, "12.5", hour0.plusSeconds(6)),
            priced("s1", CAPTAIN, Intent.SELL, "15", hour0.plusSeconds(7)),
            priced("s2", CAPTAIN, Intent.SELL, "14", hour0.plusSeconds(8)),
            priced("s3", CAPTAIN, Intent.SELL, "20", hour0.plusSeconds(9)),
            priced("k1", KEY, Intent.SELL, "60", hour0.plusSeconds(9))));
    // A later event of s1 in the same hour is one more sell event; its delete is none.
    model.apply(List.of(priced("s1", CAPTAIN, Intent.SELL, "13", hour0.plusSeconds(3000))));
    model.apply(
        List.of(
            state(bptf("s1"))
                .item(CAPTAIN)
                .value("13")
                .updated(hour1.plusSeconds(1))
                .deleted(hour1.plusSeconds(1))
                .seq(++seq)
                .build(),
            // A price in dollars converted to metal compares with nothing: not in the history.
            state(bptf("s4"))
                .item(CAPTAIN)
                .value("1")
                .unit(null)
                .updated(hour1.plusSeconds(2))
                .seq(++seq)
                .build(),
            priced("s5", CAPTAIN, Intent.SELL, "16", hour1.plusSeconds(3)),
            priced("s6", CAPTAIN, Intent.SELL, "17", hour1.plusSeconds(4))));

    List<HourlyPrice> history = model.priceHistory(CAPTAIN, hour1.plusSeconds(60));
    assertEquals(2, history.size());
    HourlyPrice first = history.get(0);
    assertEquals(hour0, first.hour());
    assertDecimal("12.5", first.bestBuy());
    assertDecimal("13", first.bestSell());
    // 15, 14, 20, 13: the mean of the middle two.
    assertDecimal("14.5", first.medianSell());
    assertEquals(2, first.buyEvents());
    assertEquals(4, first.sellEvents());
    HourlyPrice second = history.get(1);
    assertEquals(hour1, second.hour());
    assertNull(second.bestBuy());
    assertDecimal("16", second.bestSell());
    assertDecimal("16.5", second.medianSell());
    assertEquals(0, second.buyEvents());
    assertEquals(2, second.sellEvents());

    assertEquals(1, model.priceHistory(KEY, hour1).size());
    assertEquals(
        List.of(),
        model.priceHistory(
            new ItemKey(Source.BPTF, 440, "Nothing", "Unique", null, true, 0, false, false),
            hour1));
  }

  @Test
  void onlyTheSevenDaysUpToNowAreGivenAndOlderHoursAreDropped() {
    MarketModel model = new MarketModel();
    for (int hour = 0; hour < 200; hour++) {
      model.apply(
          List.of(
              priced(
                  "s" + hour,
                  CAPTAIN,
                  Intent.SELL,
                  Integer.toString(100 + hour),
                  T0.plus(Duration.ofHours(hour)))));
    }
    Instant now = T0.plus(Duration.ofHours(199)).plusSeconds(10);
    List<HourlyPrice> history = model.priceHistory(CAPTAIN, now);
    assertEquals(168, history.size());
    assertEquals(T0.plus(Duration.ofHours(32)), history.get(0).hour());
    assertEquals(T0.plus(Duration.ofHours(199)), history.get(167).hour());
    // A day later, the history still holds what it had, but the window moved on.
    assertEquals(144, model.priceHistory(CAPTAIN, now.plus(Duration.ofDays(1))).size());
    // A state older than the window kept is not added.
    model.apply(List.of(priced("old", CAPTAIN, Intent.SELL, "1", T0)));
    assertEquals(168, model.priceHistory(CAPTAIN, now).size());
  }

  @Test
  void aBusyHoursMedianIsExactUpToTheSampleAndCloseAfterIt() {
    MarketModel model = new MarketModel();
    List<Integer> prices = new ArrayList<>();
    for (int price = 1; price <= PriceHistory.SAMPLE; price++) {
      prices.add(price);
    }
    shuffle(prices, new SplittableRandom(1));
    for (int price : prices) {
      model.apply(List.of(priced("x" + price, CAPTAIN, Intent.SELL, "" + price, T0)));
    }
    // 1..SAMPLE: exact, the mean of the two middle prices.
    assertDecimal(
        Double.toString((PriceHistory.SAMPLE + 1) / 2.0),
        model.priceHistory(CAPTAIN, T0).get(0).medianSell());

    ItemKey busy = new ItemKey(Source.BPTF, 440, "Busy", "Unique", null, true, 0, false, false);
    List<Integer> many = new ArrayList<>();
    for (int price = 1; price <= 5_000; price++) {
      many.add(price);
    }
    shuffle(many, new SplittableRandom(2));
    List<ListingState> states = new ArrayList<>();
    for (int price : many) {
      states.add(priced("y" + price, busy, Intent.SELL, "" + price, T0));
    }
    model.apply(states);
    HourlyPrice hour = model.priceHistory(busy, T0).get(0);
    assertEquals(5_000, hour.sellEvents());
    assertDecimal("1", hour.bestSell());
    double median = hour.medianSell().doubleValue();
    assertTrue(median > 1_750 && median < 3_250, "median of 1..5000 estimated as " + median);
  }

  @Test
  void theLogReadAfterAStartGivesTheHistoryTheLiveModelHad() {
    SplittableRandom random = new SplittableRandom(7);
    ItemKey[] items = {
      CAPTAIN, KEY, new ItemKey(Source.BPTF, 440, "Third", "Unique", null, true, 0, false, false)
    };
    List<ListingState> log = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      ItemKey item = items[random.nextInt(items.length)];
      Instant at = T0.plusSeconds(random.nextInt(3 * 3600) + 60L * i / 100);
      String id = "l" + random.nextInt(400);
      log.add(
          random.nextInt(10) == 0
              ? state(bptf(id)).item(item).value("1").updated(at).deleted(at).seq(++seq).build()
              : priced(
                  id,
                  item,
                  random.nextBoolean() ? Intent.BUY : Intent.SELL,
                  Integer.toString(1 + random.nextInt(90)),
                  at));
    }
    MarketModel live = new MarketModel();
    for (int from = 0; from < log.size(); from += 100) {
      live.apply(log.subList(from, from + 100));
    }

    // A start: the current states (the checkpoint) first, then the log into the history alone,
    // while events after the start go on applying.
    MarketModel started = new MarketModel();
    started.pauseHistory();
    List<ListingState> checkpoint = new ArrayList<>(live.states(keysOf(log)).values());
    checkpoint.removeIf(state -> state.seq() > 2_000);
    started.apply(checkpoint);
    started.apply(log.subList(0, 2_000));
    long boundary = started.resumeHistory()[Source.BPTF.ordinal()];
    started.apply(log.subList(2_000, log.size()));
    for (ListingState logged : log) {
      if (logged.seq() <= boundary) {
        started.addToHistory(List.of(logged));
      }
    }

    Instant now = T0.plus(Duration.ofHours(4));
    for (ItemKey item : items) {
      assertEquals(live.priceHistory(item, now), started.priceHistory(item, now), item.id());
      assertTrue(live.priceHistory(item, now).size() >= 3);
    }
  }

  private static List<org.tradewatch.core.listing.ListingKey> keysOf(List<ListingState> states) {
    return states.stream().map(ListingState::key).distinct().toList();
  }

  private static void shuffle(List<Integer> values, SplittableRandom random) {
    for (int i = values.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      values.set(i, values.set(j, values.get(i)));
    }
  }

  private static void assertDecimal(String expected, BigDecimal actual) {
    assertEquals(
        0, new BigDecimal(expected).compareTo(actual), "expected " + expected + ", was " + actual);
  }
}
