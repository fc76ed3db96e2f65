package org.tradewatch.core.notification;

import java.util.Objects;
import java.util.function.Function;

/**
 * A search answer: the page, where it came from, and how old the copy behind it is. {@code stale}
 * means upstream could not be asked and the stored copy stood in; {@code complete} false means the
 * copy holds only the pages upstream gave, not the whole folder.
 *
 * <p>Immutable. A kept answer goes to every client polling the same query within the window, so the
 * bytes a caller encodes it to are kept with it ({@link #encoded}) rather than made for each.
 */
public final class SearchAnswer {

  private final NotificationPage page;
  private final Source source;
  private final long syncedAtMillis;
  private final boolean stale;
  private final boolean complete;
  private volatile byte[] encoded;

  public SearchAnswer(
      NotificationPage page, Source source, long syncedAtMillis, boolean stale, boolean complete) {
    this.page = Objects.requireNonNull(page, "page");
    this.source = Objects.requireNonNull(source, "source");
    this.syncedAtMillis = syncedAtMillis;
    this.stale = stale;
    this.complete = complete;
  }

  public NotificationPage page() {
    return page;
  }

  public Source source() {
    return source;
  }

  /** When upstream gave what this answer is built from, in epoch milliseconds. */
  public long syncedAtMillis() {
    return syncedAtMillis;
  }

  public boolean stale() {
    return stale;
  }

  public boolean complete() {
    return complete;
  }

  /** The same answer, said to come from {@code other}. */
  public SearchAnswer from(Source other) {
    SearchAnswer answer = new SearchAnswer(page, other, syncedAtMillis, stale, complete);
    answer.encoded = encoded;
    return answer;
  }

  /**
   * The page as {@code encoder} writes it, encoded on the first call and the same array after:
   * every caller must pass the same encoder, and must not change the array.
   */
  public byte[] encoded(Function<NotificationPage, byte[]> encoder) {
    byte[] bytes = encoded;
    if (bytes == null) {
      bytes = encoder.apply(page);
      encoded = bytes;
    }
    return bytes;
  }

  /** Where the page came from. */
  public enum Source {
    /** Upstream's answer to this very query, just now. */
    UPSTREAM,
    /** Built from the stored copy right after upstream refreshed it. */
    REFRESHED,
    /** Built from the stored copy within the polling window, or while upstream is down. */
    STORE
  }
}
