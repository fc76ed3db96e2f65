package org.tradewatch.simulator.control;

/** A control request that cannot be served, with the status and message the client gets. */
public class ControlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public ControlException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }
}
