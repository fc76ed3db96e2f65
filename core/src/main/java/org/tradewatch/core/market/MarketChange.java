package org.tradewatch.core.market;

import java.util.List;
import java.util.Objects;
import org.tradewatch.core.deal.DealChange;
import org.tradewatch.core.item.ItemSummary;
import org.tradewatch.core.listing.ListingState;

/**
 * One listing's change by {@link MarketModel#apply}.
 *
 * @param before the state held until then, or null for a listing new to the model
 * @param after the state now held
 * @param deals the deals that the call changed on the items this listing was or is of, given with
 *     the call's last change of each item (so after every listing change that made them), and empty
 *     on the others; at most one per listing in a call
 * @param items the items whose best buy or best sell (its listing or its price) the call moved,
 *     each as it is after the call, given like {@code deals} with the call's last change of the
 *     item
 */
public record MarketChange(
    ListingState before, ListingState after, List<DealChange> deals, List<ItemSummary> items) {

  public MarketChange {
    Objects.requireNonNull(after, "after");
    deals = List.copyOf(deals);
    items = List.copyOf(items);
  }

  /** A change that moved no item's best prices. */
  public MarketChange(ListingState before, ListingState after, List<DealChange> deals) {
    this(before, after, deals, List.of());
  }

  /** A change that changed no deal. */
  public MarketChange(ListingState before, ListingState after) {
    this(before, after, List.of());
  }

  /** This change with {@code item}'s best prices moved too. */
  MarketChange withItem(ItemSummary item) {
    List<ItemSummary> all = new java.util.ArrayList<>(items);
    all.add(item);
    return new MarketChange(before, after, deals, all);
  }

  /** This change with {@code more} deal changes after its own. */
  MarketChange withDeals(List<DealChange> more) {
    if (more.isEmpty()) {
      return this;
    }
    if (deals.isEmpty()) {
      return new MarketChange(before, after, more, items);
    }
    List<DealChange> all = new java.util.ArrayList<>(deals);
    all.addAll(more);
    return new MarketChange(before, after, all, items);
  }
}
