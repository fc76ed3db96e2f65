package org.tradewatch.core.market;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingDetail;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingPage;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingReader;
import org.tradewatch.core.listing.ListingRecords;
import org.tradewatch.core.listing.ListingState;

/**
 * Listings as readers see them: the model decides which listings a query finds, in which order and
 * how many there are; the store gives the found page's listings whole, by the position of the state
 * the model matched, so a page always shows the listings it matched even while ingest goes on.
 */
public final class MarketListings implements ListingReader {

  private final MarketModel model;
  private final ListingRecords records;

  public MarketListings(MarketModel model, ListingRecords records) {
    this.model = Objects.requireNonNull(model, "model");
    this.records = Objects.requireNonNull(records, "records");
  }

  @Override
  public ListingPage search(ListingQuery query) {
    Objects.requireNonNull(query, "query");
    MarketPage page = model.search(query);
    return new ListingPage(
        records.load(page.rows()), page.total(), query.page(), query.limit(), true);
  }

  @Override
  public Optional<Listing> find(ListingKey key) {
    Objects.requireNonNull(key, "key");
    return model.state(key).flatMap(state -> records.load(List.of(state)).stream().findFirst());
  }

  @Override
  public List<Listing> findAll(Collection<ListingKey> keys) {
    Objects.requireNonNull(keys, "keys");
    return records.load(new ArrayList<>(model.states(keys).values()));
  }

  @Override
  public Optional<ListingDetail> detail(ListingKey key, int historyLimit) {
    Objects.requireNonNull(key, "key");
    if (historyLimit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + historyLimit);
    }
    // One state for both reads: the log row it points at and the chain back from it.
    return model
        .state(key)
        .flatMap(
            state ->
                records.load(List.of(state)).stream()
                    .findFirst()
                    .map(
                        listing ->
                            new ListingDetail(
                                listing,
                                historyLimit == 0
                                    ? List.of()
                                    : records.history(state, historyLimit))));
  }

  @Override
  public List<HistoryEntry> history(ListingKey key, int limit) {
    Objects.requireNonNull(key, "key");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    Optional<ListingState> state = model.state(key);
    return state.isEmpty() || limit == 0 ? List.of() : records.history(state.get(), limit);
  }
}
