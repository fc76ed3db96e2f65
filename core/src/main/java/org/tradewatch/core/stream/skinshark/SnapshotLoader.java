package org.tradewatch.core.stream.skinshark;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.FieldLimits;

/**
 * Pages through {@code GET /market} into the sink.
 *
 * <p>The feed is sorted by price, so a listing removed or repriced on an earlier page while the
 * pages load shifts the later pages: an untouched listing can slide past a page boundary and be
 * missed. The deltas that caused the shift are buffered and replayed, but the listing they pushed
 * is in none of them. So when any delta arrived during a pass, the pages are read again (up to
 * {@code maxPasses}); every pass goes to the sink, and the union of the ids seen is what the
 * snapshot holds.
 */
public final class SnapshotLoader {

  /** The most listings {@code GET /market} returns per page. */
  public static final int PAGE_LIMIT = 500;

  private static final int MAX_PAGES = 10_000;

  /** Fetches one page's body. */
  @FunctionalInterface
  public interface Pages {
    String fetch(int page, int limit) throws IOException, InterruptedException;
  }

  /** Takes one decoded page, in order; {@code raw} is its body, kept if it cannot be stored. */
  @FunctionalInterface
  public interface Sink {
    void page(DecodedFrame page, String raw) throws InterruptedException;
  }

  /**
   * What was loaded.
   *
   * @param ids every listing id the passes saw
   * @param passes how many times the pages were read
   * @param pages pages fetched in all
   * @param settled whether the last pass saw no delta arrive
   */
  public record Result(Set<String> ids, int passes, int pages, boolean settled) {}

  private SnapshotLoader() {}

  /**
   * Loads the snapshot.
   *
   * @param pages the page source
   * @param snapshotAt the event time given to every entry: the socket's {@code market.ready} time
   * @param deltasReceived how many deltas the socket has received so far
   * @param maxPasses the most passes, at least 1
   * @param sink where the pages go
   * @throws IllegalArgumentException when {@code snapshotAt} is a time the store cannot hold: every
   *     entry would be refused, and the sweep would then mark every listing deleted
   */
  public static Result load(
      Pages pages, Instant snapshotAt, LongSupplier deltasReceived, int maxPasses, Sink sink)
      throws IOException, InterruptedException {
    Objects.requireNonNull(snapshotAt, "snapshotAt");
    FieldLimits.time("snapshot time", snapshotAt);
    if (maxPasses < 1) {
      throw new IllegalArgumentException("maxPasses must be at least 1");
    }
    Set<String> ids = new LinkedHashSet<>();
    int fetched = 0;
    int passes = 0;
    boolean settled = false;
    while (!settled && passes < maxPasses) {
      passes++;
      long before = deltasReceived.getAsLong();
      for (int page = 1; page <= MAX_PAGES; page++) {
        String body = pages.fetch(page, PAGE_LIMIT);
        fetched++;
        SkinsharkDecoder.Page decoded;
        try {
          decoded = SkinsharkDecoder.page(body, snapshotAt);
        } catch (IllegalArgumentException e) {
          throw new IOException("page " + page + " of the market is not a page: " + e.getMessage());
        }
        ids.addAll(decoded.ids());
        sink.page(decoded.frame(), body);
        int items = decoded.frame().size();
        if (items < PAGE_LIMIT || (long) page * PAGE_LIMIT >= decoded.total()) {
          break;
        }
      }
      settled = deltasReceived.getAsLong() == before;
    }
    return new Result(ids, passes, fetched, settled);
  }
}
