package org.tradewatch.core.market;

import java.util.Objects;
import org.tradewatch.core.listing.ListingState;

/**
 * One listing's change by {@link MarketModel#apply}.
 *
 * @param before the state held until then, or null for a listing new to the model
 * @param after the state now held
 */
public record MarketChange(ListingState before, ListingState after) {

  public MarketChange {
    Objects.requireNonNull(after, "after");
  }
}
