package org.tradewatch.web.market;

import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingDetail;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingPage;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingReader;
import org.tradewatch.core.listing.ListingRecords;
import org.tradewatch.core.market.MarketListings;
import org.tradewatch.web.api.ApiException;

/**
 * Listings for REST, the pages and the live layer, read through the market model; while the model
 * is still being built a read is answered 503 rather than with a partial result.
 */
public final class MarketReader implements ListingReader {

  private final Market market;
  private final MarketListings listings;

  public MarketReader(Market market, ListingRecords records) {
    this.market = market;
    this.listings = new MarketListings(market.model(), records);
  }

  private MarketListings built() {
    if (!market.built()) {
      throw new ApiException(
          Response.Status.SERVICE_UNAVAILABLE,
          "the market is loading from the database ("
              + market.loaded()
              + " listings so far); try again in a few seconds");
    }
    return listings;
  }

  @Override
  public ListingPage search(ListingQuery query) {
    return built().search(query);
  }

  @Override
  public Optional<Listing> find(ListingKey key) {
    return built().find(key);
  }

  @Override
  public List<Listing> findAll(Collection<ListingKey> keys) {
    return built().findAll(keys);
  }

  @Override
  public Optional<ListingDetail> detail(ListingKey key, int historyLimit) {
    return built().detail(key, historyLimit);
  }

  @Override
  public List<HistoryEntry> history(ListingKey key, int limit) {
    return built().history(key, limit);
  }
}
