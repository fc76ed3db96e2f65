package org.tradewatch.core.listing;

import java.util.Locale;

/** Whether a listing offers an item for sale or asks to buy one. */
public enum Intent {
  BUY("buy"),
  SELL("sell");

  private final String id;

  Intent(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /**
   * Parses {@code buy}/{@code sell} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the allowed values otherwise
   */
  public static Intent fromId(String id) {
    if (id != null) {
      String wanted = id.trim().toLowerCase(Locale.ROOT);
      for (Intent intent : values()) {
        if (intent.id.equals(wanted)) {
          return intent;
        }
      }
    }
    throw new IllegalArgumentException("unknown intent '" + id + "': expected buy or sell");
  }

  @Override
  public String toString() {
    return id;
  }
}
