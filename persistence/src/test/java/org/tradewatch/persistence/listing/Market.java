package org.tradewatch.persistence.listing;

import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.ingest.IngestResult;
import org.tradewatch.core.ingest.IngestService;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingRecords;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketChange;
import org.tradewatch.core.market.MarketListings;
import org.tradewatch.core.market.MarketModel;
import org.tradewatch.core.market.MarketPage;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.ListingEvent;
import org.tradewatch.persistence.quarantine.JpaQuarantineStore;

/**
 * One instance's listings as the application wires them: core's ingest rules and market model over
 * this module's store, with a clock the test sets. Ingest tests go through it, so the store is
 * exercised by the rows ingest really appends.
 */
final class Market {

  final JpaListingStore store;
  final MarketModel model;
  final MarketListings reader;
  final IngestService ingest;
  private final TestClock clock;

  /** Unfenced ingest, its clock at {@code now}. */
  Market(EntityManagerFactory factory, Instant now) {
    this(factory, now, null);
  }

  /** Ingest fenced by {@code lease} (null for none), its clock at {@code now}. */
  Market(EntityManagerFactory factory, Instant now, Lease lease) {
    this(new JpaListingStore(factory), new MarketModel(), factory, now, lease);
  }

  private Market(
      JpaListingStore store,
      MarketModel model,
      EntityManagerFactory factory,
      Instant now,
      Lease lease) {
    this.store = store;
    this.model = model;
    this.reader = new MarketListings(model, store);
    this.clock = new TestClock(now);
    this.ingest =
        new IngestService(store, store, model, new JpaQuarantineStore(factory), clock, lease);
  }

  /**
   * The market a restarted instance has on {@code factory}: a new store, and a model built from the
   * store's states alone.
   */
  static Market restarted(EntityManagerFactory factory, Instant now) {
    return restarted(factory, now, null);
  }

  /** As {@link #restarted(EntityManagerFactory, Instant)}, its ingest fenced by {@code lease}. */
  static Market restarted(EntityManagerFactory factory, Instant now, Lease lease) {
    JpaListingStore store = new JpaListingStore(factory);
    return new Market(store, built(store), factory, now, lease);
  }

  /** A model built the way start-up builds it: from every state the records hand over. */
  static MarketModel built(ListingRecords records) {
    MarketModel model = new MarketModel();
    records.states(model::apply);
    return model;
  }

  /** Every listing's state the model holds, deleted ones too, by key. */
  static Map<ListingKey, ListingState> everything(MarketModel model) {
    Map<ListingKey, ListingState> all = new LinkedHashMap<>();
    ListingKey after = null;
    while (true) {
      MarketPage page =
          model.search(
              new ListingQuery(
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  true,
                  ListingSort.KEY,
                  1,
                  ListingQuery.MAX_LIMIT,
                  after));
      for (ListingState state : page.rows()) {
        all.put(state.key(), state);
      }
      if (page.rows().size() < ListingQuery.MAX_LIMIT) {
        return all;
      }
      after = page.rows().get(page.rows().size() - 1).key();
    }
  }

  Instant now() {
    return clock.instant();
  }

  /** Sets the clock that stamps what ingest applies. */
  Market at(Instant now) {
    clock.now = Objects.requireNonNull(now, "now");
    return this;
  }

  /** Applies the events as one frame of their source, received now. */
  IngestResult apply(ListingEvent... events) {
    Source source = events[0].key().source();
    return ingest.apply(
        source, List.of(new DecodedFrame(List.of(events), List.of(), Map.of())), clock.instant());
  }

  /** Applies each event in a frame of its own, in turn. */
  void applyEach(ListingEvent... events) {
    for (ListingEvent event : events) {
      apply(event);
    }
  }

  /** The skinshark snapshot sweep: listings it lacks whose last event is before {@code before}. */
  List<MarketChange> sweep(Collection<String> keep, Instant before) {
    return ingest.sweep(Source.SKINSHARK, keep, before, clock.instant());
  }

  /** The listing as readers see it, which must be there. */
  Listing find(ListingKey key) {
    return reader.find(key).orElseThrow(() -> new AssertionError(key + " is not found"));
  }

  /** The event ids of the listing's history, newest first. */
  List<String> historyIds(ListingKey key) {
    List<String> ids = new ArrayList<>();
    for (HistoryEntry entry : reader.history(key, 100)) {
      ids.add(entry.eventId());
    }
    return ids;
  }

  /** The listing's state in the model, which must be there. */
  ListingState state(ListingKey key) {
    return model.state(key).orElseThrow(() -> new AssertionError(key + " is not in the model"));
  }

  /**
   * Checkpoints every source the way the application does: the states the model changed since the
   * source's last checkpoint, up to the highest position it holds of the source.
   */
  void checkpoint() {
    for (Source source : Source.values()) {
      long from = store.checkpointSeq(source);
      store.checkpoint(source, model.changedSince(source, from), model.highestSeq(source));
    }
  }

  /**
   * Folds every source into the checkpoint table and purges the whole log (all of it was applied
   * before the clock's time), so that every listing is read from the table from now on.
   */
  void checkpointAndPurgeEverything() {
    checkpoint();
    store.purgeHistory(clock.instant().plusSeconds(1));
  }

  /** A clock the test moves by hand. */
  private static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the test clock is UTC only");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
