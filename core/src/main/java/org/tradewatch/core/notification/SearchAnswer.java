package org.tradewatch.core.notification;

/**
 * A search answer: the JSON to send, where it came from, and how old the copy behind it is. {@code
 * stale} means upstream could not be asked and the stored copy stood in; {@code complete} false
 * means the copy may lack notifications beyond what upstream last gave.
 */
public record SearchAnswer(
    String json, Source source, long syncedAtMillis, boolean stale, boolean complete) {

  /** Where the JSON came from. */
  public enum Source {
    /** Upstream's own answer, passed through unchanged. */
    UPSTREAM,
    /** Built from the stored copy right after upstream refreshed it. */
    REFRESHED,
    /** Built from the stored copy within the polling window, or while upstream is down. */
    STORE
  }
}
