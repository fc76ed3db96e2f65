package org.tradewatch.persistence.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.persistence.listing.Fixtures.T0;
import static org.tradewatch.persistence.listing.Fixtures.bptf;
import static org.tradewatch.persistence.listing.Fixtures.delete;
import static org.tradewatch.persistence.listing.Fixtures.remove;
import static org.tradewatch.persistence.listing.Fixtures.skinshark;
import static org.tradewatch.persistence.listing.Fixtures.snapshot;
import static org.tradewatch.persistence.listing.Fixtures.update;

import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.item.OrderBook;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketModel;
import org.tradewatch.core.stream.ListingEvent;
import org.tradewatch.persistence.TestDatabase;

/**
 * Checkpoints and the retention: the listing table every listing's latest state is folded into, how
 * start-up builds the model from it and the log after it, and which log rows may go.
 */
class JpaListingStoreCheckpointTest {

  private static final Instant NOW = Instant.parse("2025-03-01T13:00:00.654321Z");

  private TestDatabase db;
  private Market market;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    market = new Market(db.factory(), NOW);
  }

  @AfterEach
  void close() {
    db.close();
  }

  /**
   * One round of updates, deletes of both kinds and a sweep, in both sources; rounds are 100 s
   * apart.
   */
  private void ingestSomeOfEverything(int round) {
    Instant at = T0.plusSeconds(round * 100L);
    market.at(NOW.plusSeconds(round * 100L));
    market.apply(
        update(bptf("1"), "Team Captain", Integer.toString(round + 1), "b1-" + round, at),
        update(bptf("2"), "Earbuds", "2.5", "b2-" + round, at),
        update(bptf("r" + round), "Key", "60", "br-" + round, at));
    market.apply(
        delete(snapshot(bptf("2"), "Earbuds", "2").build(), "b2d-" + round, at.plusSeconds(1)));
    market.apply(
        update(skinshark("1"), "AK-47 | Redline", "10.5", "s1-" + round, at),
        update(skinshark("2"), "AWP | Asiimov", "45", "s2-" + round, at),
        update(skinshark("r" + round), "Glock | Fade", "300", "sr-" + round, at));
    market.apply(remove(skinshark("2"), "s2r-" + round, at.plusSeconds(1)));
    market.sweep(Set.of("1", "2"), at.plusSeconds(1));
  }

  @Test
  void aModelBuiltFromTheStatesIsTheModelIngestBuilt() {
    ingestSomeOfEverything(0);
    assertEquals(Market.everything(market.model), Market.everything(Market.built(market.store)));

    market.checkpoint();
    ingestSomeOfEverything(1);
    assertEquals(Market.everything(market.model), Market.everything(Market.built(market.store)));

    market.checkpointAndPurgeEverything();
    assertEquals(Market.everything(market.model), Market.everything(Market.built(market.store)));
  }

  /**
   * What the item key needs beyond the name (quality, effect, craftable, killstreak tier,
   * australium, festivized, StatTrak and wear) and the suggested price are stored in the log and
   * folded into the listing table, so a model built from either has the same items and books.
   */
  @Test
  void itemsAndSuggestedPricesAreBuiltBackFromTheLogAndTheCheckpoint() {
    ListingSnapshot kit =
        snapshot(bptf("k1"), "Strange Rocket Launcher", "70.11")
            .quality("Strange")
            .particle("Hot")
            .craftable(false)
            .killstreakTier(2)
            .australium(true)
            .festivized(true)
            .suggested(new BigDecimal("80.5"))
            .build();
    ListingSnapshot kitBuy =
        snapshot(bptf("k2"), "Strange Rocket Launcher", "65")
            .intent(Intent.BUY)
            .quality("Strange")
            .particle("Hot")
            .craftable(false)
            .killstreakTier(2)
            .australium(true)
            .festivized(true)
            .build();
    ListingSnapshot skin =
        snapshot(skinshark("s1"), "AK-47 | Redline", "12.5")
            .wear("Field-Tested (0.15)")
            .stattrak(true)
            .valueUnit("USD")
            .build();
    market.apply(update(kit, "k1", T0), update(kitBuy, "k2", T0));
    market.apply(update(skin, "s1", T0));
    ItemKey item = ItemKey.of(kit);
    assertEquals(
        "bptf.440.Strange_Rocket_Launcher.q-Strange.e-Hot.ks2.australium.festivized.uncraftable",
        item.id());
    assertEquals(item, ItemKey.of(kitBuy));
    ItemKey skinItem = ItemKey.of(skin);
    assertEquals("StatTrak\u2122 AK-47 | Redline (Field-Tested)", skinItem.name());
    OrderBook book = market.model.orderBook(item, 10, null, null).orElseThrow();
    assertEquals(new BigDecimal("80.5"), book.summary().suggested());
    assertEquals(1, book.summary().buyCount());

    for (int round = 0; round < 2; round++) {
      MarketModel built = Market.built(market.store);
      assertEquals(Market.everything(market.model), Market.everything(built));
      assertEquals(book, built.orderBook(item, 10, null, null).orElseThrow());
      assertEquals(
          market.model.orderBook(skinItem, 10, null, null),
          built.orderBook(skinItem, 10, null, null));
      assertEquals(
          kit, market.reader.findAll(List.of(kit.key())).get(0).snapshot(), "the stored listing");
      market.checkpointAndPurgeEverything();
    }
  }

  @Test
  void aCheckpointLandingWhileTheStatesAreReadLosesNoState() {
    ingestSomeOfEverything(0);
    market.checkpoint();
    ingestSomeOfEverything(1);
    MarketModel built = new MarketModel();
    AtomicBoolean checkpointed = new AtomicBoolean();

    market.store.states(
        batch -> {
          built.apply(batch);
          // The holder checkpoints while this instance builds its model: after the table was
          // read, before the log after the marker is.
          if (checkpointed.compareAndSet(false, true)) {
            market.checkpoint();
          }
        });

    assertTrue(checkpointed.get());
    assertEquals(Market.everything(market.model), Market.everything(built));
  }

  @Test
  void statesHandTheCheckpointTableFirstThenEachSourcesLogAfterItsCheckpoint() {
    ingestSomeOfEverything(0);
    market.checkpoint();
    ingestSomeOfEverything(1);
    long bptfMarker = market.store.checkpointSeq(Source.BPTF);
    long skinsharkMarker = market.store.checkpointSeq(Source.SKINSHARK);

    List<ListingState> handed = new ArrayList<>();
    market.store.states(handed::addAll);

    // The table: the state of round 0's last row of each of its 6 listings (three of each
    // source); then the log after each marker, in log order.
    List<ListingState> table = handed.subList(0, 6);
    for (ListingState state : table) {
      long marker = state.key().source() == Source.BPTF ? bptfMarker : skinsharkMarker;
      assertTrue(state.seq() <= marker, state + " is folded");
    }
    List<ListingState> log = handed.subList(6, handed.size());
    assertEquals(
        market.store.after(Source.BPTF, bptfMarker, 1000).size()
            + market.store.after(Source.SKINSHARK, skinsharkMarker, 1000).size(),
        log.size());
    for (int i = 1; i < log.size(); i++) {
      ListingState previous = log.get(i - 1);
      ListingState state = log.get(i);
      if (previous.key().source() == state.key().source()) {
        assertTrue(previous.seq() < state.seq(), "log order");
      }
    }
  }

  @Test
  void aCheckpointFoldsAStateInOnlyWhenItIsNewerThanTheTables() throws SQLException {
    ListingKey key = bptf("1");
    market.apply(update(key, "A", "1", "e1", T0));
    ListingState first = market.state(key);
    market.apply(update(key, "A", "2", "e2", T0.plusSeconds(1)));
    ListingState second = market.state(key);

    market.store.checkpoint(Source.BPTF, List.of(second), second.seq());
    market.store.checkpoint(Source.BPTF, List.of(first), first.seq());

    assertEquals("e2 at " + second.seq(), folded(key));
    assertEquals(second.seq(), market.store.checkpointSeq(Source.BPTF), "never moved back");
    market.store.checkpoint(Source.BPTF, List.of(second), second.seq());
    assertEquals("e2 at " + second.seq(), folded(key), "a repeated checkpoint changes nothing");
  }

  /** What the checkpoint table holds of the listing: its last event and the row it came from. */
  private String folded(ListingKey key) throws SQLException {
    try (Connection connection = db.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT last_event_id, last_seq FROM listing WHERE source = ? AND listing_id = ?")) {
      query.setString(1, key.source().id());
      query.setString(2, key.id());
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getString(1) + " at " + row.getLong(2) : "nothing";
      }
    }
  }

  @Test
  void aSourcesFirstAppendMarksItJustBelowItsFirstRowAndStartUpSkipsASourceWithoutOne()
      throws SQLException {
    market.apply(update(bptf("1"), "Team Captain", "1", "b1", T0));
    long first = market.state(bptf("1")).seq();

    assertEquals(first - 1, market.store.checkpointSeq(Source.BPTF));
    try (Connection connection = db.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM listing_checkpoint WHERE source = ?")) {
      query.setString(1, Source.SKINSHARK.id());
      try (ResultSet count = query.executeQuery()) {
        count.next();
        assertEquals(0, count.getLong(1), "a source that never appended has no marker");
      }
    }
    market.apply(update(bptf("2"), "Earbuds", "2", "b2", T0));
    assertEquals(first - 1, market.store.checkpointSeq(Source.BPTF), "only the first append marks");
    MarketModel rebuilt = new MarketModel();
    market.store.states(rebuilt::apply);
    assertEquals(2, rebuilt.size());
  }

  @Test
  void theMarkerMovesOnlyForward() {
    assertEquals(0, market.store.checkpointSeq(Source.BPTF));

    market.store.checkpoint(Source.BPTF, List.of(), 40);
    market.store.checkpoint(Source.BPTF, List.of(), 30);

    assertEquals(40, market.store.checkpointSeq(Source.BPTF));
    assertEquals(0, market.store.checkpointSeq(Source.SKINSHARK));
    market.store.checkpoint(Source.BPTF, List.of(), 50);
    assertEquals(50, market.store.checkpointSeq(Source.BPTF));
  }

  @Test
  void aSourceWithNothingLoggedYetCanBeCheckpointedAgainAndAgain() {
    // What a periodic checkpoint does for a source whose stream has sent nothing yet.
    market.checkpoint();
    market.checkpoint();

    assertEquals(0, market.store.checkpointSeq(Source.SKINSHARK));
    market.apply(update(skinshark("1"), "A", "1", "s1", T0));
    market.checkpoint();
    assertEquals(market.state(skinshark("1")).seq(), market.store.checkpointSeq(Source.SKINSHARK));
  }

  @Test
  void aRestartedInstanceBuildsTheSameModelAndAppendsAfterWhatIsThere() {
    ingestSomeOfEverything(0);
    market.checkpoint();
    ingestSomeOfEverything(1);
    long highest =
        Math.max(market.model.highestSeq(Source.BPTF), market.model.highestSeq(Source.SKINSHARK));

    EntityManagerFactory factory = db.open();
    try {
      Market restarted = Market.restarted(factory, NOW.plusSeconds(500));

      assertEquals(Market.everything(market.model), Market.everything(restarted.model));
      for (ListingKey key : Market.everything(market.model).keySet()) {
        assertEquals(market.find(key), restarted.find(key));
        assertEquals(market.historyIds(key), restarted.historyIds(key));
      }
      restarted.apply(update(bptf("1"), "Team Captain", "9", "after-restart", T0.plusSeconds(500)));
      assertTrue(restarted.state(bptf("1")).seq() > highest);
      assertEquals("after-restart", restarted.historyIds(bptf("1")).get(0));
      // An event the earlier instance applied is known through the rows it appended.
      assertEquals(
          1,
          restarted
              .apply(update(bptf("1"), "Team Captain", "2", "b1-1", T0.plusSeconds(100)))
              .duplicates());
    } finally {
      factory.close();
    }
  }

  @Test
  void thePurgeDeletesOnlyRowsAppliedBeforeTheCutoffThatACheckpointFoldedIn() {
    ListingKey key = bptf("1");
    ListingKey other = skinshark("1");
    market.at(NOW).apply(update(key, "A", "1", "e1", T0));
    market.at(NOW.plusSeconds(60)).apply(update(key, "A", "2", "e2", T0.plusSeconds(60)));
    market.apply(update(other, "S", "1", "s1", T0.plusSeconds(60)));
    ListingState second = market.state(key);
    market.at(NOW.plusSeconds(120)).apply(update(key, "A", "3", "e3", T0.plusSeconds(120)));
    // Only the first two rows of bptf are folded in; skinshark is not at all.
    market.store.checkpoint(Source.BPTF, List.of(second), second.seq());

    assertEquals(1, market.store.purgeHistory(NOW.plusSeconds(60)), "before the cutoff");
    assertEquals(List.of("e3", "e2"), market.historyIds(key));

    assertEquals(1, market.store.purgeHistory(NOW.plusSeconds(600)), "up to the checkpoint");
    assertEquals(List.of("e3"), market.historyIds(key));
    assertEquals(List.of("s1"), market.historyIds(other), "a source never folded keeps its log");
    assertEquals(0, market.store.purgeHistory(NOW.plusSeconds(600)));

    market.checkpoint();
    assertEquals(2, market.store.purgeHistory(NOW.plusSeconds(600)));
    assertEquals(List.of(), market.historyIds(key));
  }

  @Test
  void moreListingsThanOneInListAreFoldedInAndReadBackFromTheTable() {
    List<ListingKey> keys = new ArrayList<>();
    for (Source source : Source.values()) {
      List<ListingEvent> frame = new ArrayList<>();
      for (int i = 0; i < 1_201; i++) {
        ListingKey key = new ListingKey(source, "many-" + i);
        keys.add(key);
        frame.add(update(key, "Item " + i, Integer.toString(i), source.id() + "-e" + i, T0));
      }
      market.apply(frame.toArray(ListingEvent[]::new));
    }
    List<Listing> before = market.reader.findAll(keys);

    market.checkpointAndPurgeEverything();

    assertEquals(keys.size(), before.size());
    assertEquals(Set.copyOf(before), Set.copyOf(market.reader.findAll(keys)));
    assertEquals(Market.everything(market.model), Market.everything(Market.built(market.store)));
  }

  @Test
  void aListingWhoseRowsThePurgeRemovedIsReadFromTheCheckpointTable() {
    ListingKey key = bptf("1");
    market.apply(update(key, "A", "1", "e1", T0));
    market.apply(update(bptf("2"), "B", "2", "e2", T0));
    List<Listing> before = market.reader.findAll(List.of(key, bptf("2")));

    market.checkpointAndPurgeEverything();

    assertEquals(List.of(), market.store.after(Source.BPTF, 0, 10), "the log is empty");
    assertEquals(before, market.reader.findAll(List.of(key, bptf("2"))));
    assertEquals(List.of(), market.historyIds(key));
  }
}
