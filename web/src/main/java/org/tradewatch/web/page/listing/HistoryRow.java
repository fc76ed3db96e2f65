package org.tradewatch.web.page.listing;

import java.time.Instant;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;

/**
 * One applied event in a listing's history table, which also carries the chart's points in data
 * attributes ({@code data-at} in epoch millis, {@code data-value} as a plain number).
 */
public final class HistoryRow {

  private final HistoryEntry entry;
  private final boolean current;

  HistoryRow(HistoryEntry entry, Listing listing) {
    this.entry = entry;
    this.current = entry.eventId().equals(listing.lastEventId());
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

  /** The value as a plain number for the chart, or null when the event carried none. */
  public String getChartValue() {
    return entry.value() == null ? null : entry.value().toPlainString();
  }

  public String getValueUnit() {
    return entry.valueUnit();
  }

  public String getValue() {
    return ListingView.amount(entry.value(), entry.valueUnit());
  }

  /** Whether this is the event that made the listing what the page shows. */
  public boolean isCurrent() {
    return current;
  }
}
