package org.tradewatch.simulator.skinshark.market;

/**
 * One change of the market, as the socket reports it.
 *
 * @param kind what happened
 * @param listing the listing after the change; for a removal, the listing that was removed
 */
public record MarketChange(Kind kind, MarketListing listing) {

  /** The event names upstream uses. */
  public enum Kind {
    NEW("market.new"),
    UPDATE("market.update"),
    REMOVE("market.remove");

    private final String event;

    Kind(String event) {
      this.event = event;
    }

    public String event() {
      return event;
    }
  }
}
