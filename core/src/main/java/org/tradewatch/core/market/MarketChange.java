package org.tradewatch.core.market;

import java.util.List;
import java.util.Objects;
import org.tradewatch.core.deal.DealChange;
import org.tradewatch.core.listing.ListingState;

/**
 * One listing's change by {@link MarketModel#apply}.
 *
 * @param before the state held until then, or null for a listing new to the model
 * @param after the state now held
 * @param deals the deals that the call changed on the items this listing was or is of, given with
 *     the call's last change of each item (so after every listing change that made them), and empty
 *     on the others; at most one per listing in a call
 */
public record MarketChange(ListingState before, ListingState after, List<DealChange> deals) {

  public MarketChange {
    Objects.requireNonNull(after, "after");
    deals = List.copyOf(deals);
  }

  /** A change that changed no deal. */
  public MarketChange(ListingState before, ListingState after) {
    this(before, after, List.of());
  }

  /** This change with {@code more} deal changes after its own. */
  MarketChange withDeals(List<DealChange> more) {
    if (more.isEmpty()) {
      return this;
    }
    if (deals.isEmpty()) {
      return new MarketChange(before, after, more);
    }
    List<DealChange> all = new java.util.ArrayList<>(deals);
    all.addAll(more);
    return new MarketChange(before, after, all);
  }
}
