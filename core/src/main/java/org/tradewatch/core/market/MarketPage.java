package org.tradewatch.core.market;

import java.util.List;
import org.tradewatch.core.listing.ListingState;

/** One page of a model search, in the query's order, with the exact total. */
public record MarketPage(List<ListingState> rows, long total) {}
