package org.tradewatch.simulator.skinshark.live;

/** A request the market refuses, with the HTTP status and the message the client gets. */
public final class MarketRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public MarketRequestException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
