package org.tradewatch.core.watch;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids of watches and alerts: 16 lower-case hex digits, random. Random rather than a sequence, so
 * that any instance of a cluster makes them without asking the database; an id names nothing for
 * anyone but its owner, whose account every look-up is limited to.
 */
public final class Ids {

  public static final int LENGTH = 16;

  private Ids() {}

  /** A new id. */
  public static String random() {
    return String.format("%016x", ThreadLocalRandom.current().nextLong());
  }

  /** Whether {@code text} has the form of an id (and so could name one). */
  public static boolean valid(String text) {
    if (text == null || text.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  static void require(String id, String what) {
    if (!valid(id)) {
      throw new IllegalArgumentException(what + " must be " + LENGTH + " lower-case hex digits");
    }
  }
}
