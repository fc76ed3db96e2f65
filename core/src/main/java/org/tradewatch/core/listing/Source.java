package org.tradewatch.core.listing;

import java.util.Locale;

/** An upstream marketplace that streams listings to Tradewatch. */
public enum Source {
  BPTF("bptf"),
  SKINSHARK("skinshark");

  private final String id;

  Source(String id) {
    this.id = id;
  }

  /** The short name used in URLs, JSON and configuration ({@code bptf}, {@code skinshark}). */
  public String id() {
    return id;
  }

  /**
   * Parses a source by its short name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the allowed values when {@code id} is none of them
   */
  public static Source fromId(String id) {
    if (id != null) {
      String wanted = id.trim().toLowerCase(Locale.ROOT);
      for (Source source : values()) {
        if (source.id.equals(wanted)) {
          return source;
        }
      }
    }
    throw new IllegalArgumentException("unknown source '" + id + "': expected bptf or skinshark");
  }

  @Override
  public String toString() {
    return id;
  }
}
