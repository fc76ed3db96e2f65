package org.tradewatch.simulator.bptf.market;

/** The event names the backpack.tf socket sends, as they appear in the {@code event} field. */
public enum EventType {
  LISTING_UPDATE("listing-update"),
  LISTING_DELETE("listing-delete"),
  CLIENT_LIMIT_EXCEEDED("client-limit-exceeded");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire. */
  public String wireName() {
    return wireName;
  }
}
