package org.tradewatch.web.page.listing;

import java.math.BigDecimal;
import java.time.Instant;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.web.format.Prices;

/**
 * One applied event in a listing's history table, which also carries the chart's points in data
 * attributes ({@code data-at} in epoch millis, {@code data-value} as a plain number in the chart's
 * unit, {@code data-unit}).
 */
public final class HistoryRow {

  private final HistoryEntry entry;
  private final boolean current;
  private final ChartScale scale;

  HistoryRow(HistoryEntry entry, Listing listing, ChartScale scale) {
    this.entry = entry;
    this.current = entry.eventId().equals(listing.lastEventId());
    this.scale = scale;
  }

  public String getEventId() {
    return entry.eventId();
  }

  public String getType() {
    return entry.type().id();
  }

  public Instant getAt() {
    return entry.eventAt();
  }

  public long getAtMillis() {
    return entry.eventAt().toEpochMilli();
  }

  /**
   * The value as a plain number in the chart's unit ({@link ChartScale}), or null when the event
   * carried none or in another unit than the listing's value now.
   */
  public String getChartValue() {
    BigDecimal scaled = scale.scale(entry.value(), entry.valueUnit());
    return scaled == null ? null : scaled.toPlainString();
  }

  /** The chart's unit: the one the listing's price is written in. */
  public String getChartUnit() {
    return scale.unit();
  }

  public String getValueUnit() {
    return entry.valueUnit();
  }

  /** The value as traders read it, in the unit the event carried. */
  public String getValue() {
    return Prices.amount(entry.value(), entry.valueUnit());
  }

  /** Whether this is the event that made the listing what the page shows. */
  public boolean isCurrent() {
    return current;
  }
}
