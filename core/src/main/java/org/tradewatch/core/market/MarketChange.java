package org.tradewatch.core.market;

import org.tradewatch.core.listing.ListingState;

/** One listing's change in the model: what it held before (null if new) and what it holds now. */
public record MarketChange(ListingState before, ListingState after) {}
