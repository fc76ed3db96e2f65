package org.tradewatch.core.watch;

/** An account that has as many watches as it may keep asked for another. */
public class WatchLimitException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public WatchLimitException(int limit) {
    super("an account keeps at most " + limit + " watches: delete one first", null, false, false);
  }
}
