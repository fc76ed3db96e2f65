package org.tradewatch.core.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tradewatch.core.item.BookCursor;
import org.tradewatch.core.item.BookPage;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.item.ItemPage;
import org.tradewatch.core.item.ItemQuery;
import org.tradewatch.core.item.OrderBook;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingRecords;
import org.tradewatch.core.listing.ListingState;

/**
 * Items as readers see them: the model finds an item's book and its order; the store gives the
 * book's listings whole, by the position of the states the model holds, in one read for both sides.
 */
public final class MarketItems {

  private final MarketModel model;
  private final ListingRecords records;

  public MarketItems(MarketModel model, ListingRecords records) {
    this.model = Objects.requireNonNull(model, "model");
    this.records = Objects.requireNonNull(records, "records");
  }

  /** Items with live listings matching the query: the model alone answers. */
  public ItemPage search(ItemQuery query) {
    return model.items(Objects.requireNonNull(query, "query"));
  }

  /** One page of each side of the item's book; empty if no listing of the item was ever held. */
  public Optional<BookPage> book(
      ItemKey item, int limit, BookCursor buysAfter, BookCursor sellsAfter) {
    Optional<OrderBook> found = model.orderBook(item, limit, buysAfter, sellsAfter);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    OrderBook book = found.get();
    List<ListingState> states = new ArrayList<>(book.buys().size() + book.sells().size());
    states.addAll(book.buys());
    states.addAll(book.sells());
    List<Listing> loaded = records.load(states);
    List<Listing> buys = new ArrayList<>(book.buys().size());
    List<Listing> sells = new ArrayList<>(book.sells().size());
    // A listing whose rows are gone is left out of load's answer: match by key, in order.
    int next = 0;
    for (int i = 0; i < states.size() && next < loaded.size(); i++) {
      Listing listing = loaded.get(next);
      if (listing.key().equals(states.get(i).key())) {
        (i < book.buys().size() ? buys : sells).add(listing);
        next++;
      }
    }
    return Optional.of(
        new BookPage(book.summary(), buys, sells, book.buysNext(), book.sellsNext()));
  }
}
