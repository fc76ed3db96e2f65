package org.tradewatch.core.notification;

import java.nio.charset.StandardCharsets;

/**
 * A search answer: the JSON to send, where it came from, and how old the copy behind it is. {@code
 * stale} means upstream could not be asked and the stored copy stood in; {@code complete} false
 * means the copy may lack notifications beyond what upstream last gave.
 *
 * <p>The JSON is also held encoded ({@code utf8}), because a kept answer is sent to every client
 * polling the same token within the window and encoding it for each was a good part of a poll's
 * cost. The array is shared: read it, never change it.
 */
public record SearchAnswer(
    String json, byte[] utf8, Source source, long syncedAtMillis, boolean stale, boolean complete) {

  public SearchAnswer(
      String json, Source source, long syncedAtMillis, boolean stale, boolean complete) {
    this(json, json.getBytes(StandardCharsets.UTF_8), source, syncedAtMillis, stale, complete);
  }

  /** The same answer, said to come from {@code other}. */
  public SearchAnswer from(Source other) {
    return new SearchAnswer(json, utf8, other, syncedAtMillis, stale, complete);
  }

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
