package org.tradewatch.web.page.item;

import java.math.BigDecimal;
import java.time.Instant;
import org.tradewatch.core.item.HourlyPrice;
import org.tradewatch.core.item.KeyPrice;
import org.tradewatch.web.format.Prices;

/**
 * One hour of an item's price history as the page's table shows it, with the chart's points as
 * plain numbers (static/item-chart.js reads them from the row, so the chart needs no request).
 */
public final class HourRow {

  private final HourlyPrice hour;
  private final String unit;
  private final KeyPrice keyPrice;

  HourRow(HourlyPrice hour, String unit, KeyPrice keyPrice) {
    this.hour = hour;
    this.unit = unit;
    this.keyPrice = keyPrice;
  }

  public Instant getHour() {
    return hour.hour();
  }

  public long getHourMillis() {
    return hour.hour().toEpochMilli();
  }

  public String getBestBuy() {
    return Prices.amount(hour.bestBuy(), unit, keyPrice);
  }

  public String getBestSell() {
    return Prices.amount(hour.bestSell(), unit, keyPrice);
  }

  public String getMedianSell() {
    return Prices.amount(hour.medianSell(), unit, keyPrice);
  }

  public String getBestBuyValue() {
    return plain(hour.bestBuy());
  }

  public String getBestSellValue() {
    return plain(hour.bestSell());
  }

  public String getMedianSellValue() {
    return plain(hour.medianSell());
  }

  public int getBuyEvents() {
    return hour.buyEvents();
  }

  public int getSellEvents() {
    return hour.sellEvents();
  }

  private static String plain(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }
}
