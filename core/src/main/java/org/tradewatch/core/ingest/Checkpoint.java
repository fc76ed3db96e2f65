package org.tradewatch.core.ingest;

import java.util.List;
import java.util.Objects;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketModel;

/**
 * Folds what changed in a source since its last checkpoint into the store's checkpoint table, from
 * the model: each listing's latest state, in pages of {@link #PAGE} in log order, each page moving
 * the marker to its last position. A start-up then reads the table and only the log after the
 * marker. Run it where the source's changes reach the model first: on the instance holding the
 * source's lease.
 */
public final class Checkpoint {

  /** States written per step: a million at once would hold a few hundred MB of states. */
  static final int PAGE = 10_000;

  private Checkpoint() {}

  /**
   * @return the listings written
   */
  public static long run(MarketModel model, ListingStore store, Source source) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(store, "store");
    long after = store.checkpointSeq(source);
    long written = 0;
    while (true) {
      List<ListingState> page = model.changedSince(source, after, PAGE);
      if (page.isEmpty()) {
        return written;
      }
      long upTo = page.get(page.size() - 1).seq();
      store.checkpoint(source, page, upTo);
      written += page.size();
      after = upTo;
      if (page.size() < PAGE) {
        return written;
      }
    }
  }
}
