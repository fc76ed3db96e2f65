package org.tradewatch.persistence.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.persistence.listing.Fixtures.T0;
import static org.tradewatch.persistence.listing.Fixtures.bptf;
import static org.tradewatch.persistence.listing.Fixtures.buried;
import static org.tradewatch.persistence.listing.Fixtures.listing;
import static org.tradewatch.persistence.listing.Fixtures.skinshark;
import static org.tradewatch.persistence.listing.Fixtures.updated;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.ingest.ListingStore.LogEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingRecords.Logged;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.TestDatabase;

/** The log through the store's own ports: positions, tailing, whole listings by position. */
class JpaListingStoreLogTest {

  private TestDatabase db;
  private JpaListingStore store;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    store = new JpaListingStore(db.factory());
  }

  @AfterEach
  void close() {
    db.close();
  }

  private long append(Listing listing) {
    return store.append(listing.key().source(), List.of(updated(listing, 0)), null)[0];
  }

  private static void assertGrowing(long[] seqs, long after) {
    long previous = after;
    for (long seq : seqs) {
      assertTrue(seq > previous, seq + " after " + previous);
      previous = seq;
    }
  }

  @Test
  void positionsGrowAcrossAppendsAndSources() {
    long[] first =
        store.append(
            Source.BPTF,
            List.of(
                updated(listing(bptf("1"), "A", "1", "e1", T0), 0),
                updated(listing(bptf("2"), "B", "2", "e2", T0), 0)),
            null);
    long[] other =
        store.append(
            Source.SKINSHARK,
            List.of(updated(listing(skinshark("3"), "C", "3", "s3", T0), 0)),
            null);
    long[] next =
        store.append(
            Source.BPTF, List.of(updated(listing(bptf("1"), "A", "4", "e4", T0), first[0])), null);

    assertGrowing(first, 0);
    assertGrowing(other, first[1]);
    assertGrowing(next, other[0]);
    assertEquals(0, store.append(Source.BPTF, List.of(), null).length);
  }

  @Test
  void anAppendOfMoreRowsThanOneBlockOfPositionsTakesAsManyBlocks() {
    int rows = ListingSchema.BLOCK * 2 + 3;
    List<LogEntry> entries = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      entries.add(updated(listing(bptf("b" + i), "Item " + i, "1", "e" + i, T0), 0));
    }
    long before = append(listing(bptf("first"), "First", "1", "e-first", T0));

    long[] seqs = store.append(Source.BPTF, entries, null);
    long after = append(listing(bptf("last"), "Last", "1", "e-last", T0));

    assertEquals(rows, seqs.length);
    assertGrowing(seqs, before);
    assertTrue(after > seqs[rows - 1]);
    List<Logged> logged = store.after(Source.BPTF, before, rows + 10);
    assertEquals(rows + 1, logged.size());
    for (int i = 0; i < rows; i++) {
      assertEquals(seqs[i], logged.get(i).seq());
      assertEquals("e" + i, logged.get(i).listing().lastEventId());
    }
  }

  @Test
  void afterTailsOneSourceInLogOrderWithALimit() {
    Listing a1 = listing(bptf("a"), "A", "1", "a1", T0);
    Listing s1 = listing(skinshark("s"), "S", "1", "s1", T0);
    Listing b1 = listing(bptf("b"), "B", "1", "b1", T0);
    Listing a2 = listing(bptf("a"), "A", "2", "a2", T0.plusSeconds(1));
    long seqA1 = append(a1);
    long seqS1 = append(s1);
    long seqB1 = append(b1);
    long seqA2 = store.append(Source.BPTF, List.of(updated(a2, seqA1)), null)[0];

    assertEquals(
        List.of(new Logged(a1, seqA1), new Logged(b1, seqB1)), store.after(Source.BPTF, 0, 2));
    assertEquals(List.of(new Logged(a2, seqA2)), store.after(Source.BPTF, seqB1, 10));
    assertEquals(List.of(), store.after(Source.BPTF, seqA2, 10));
    assertEquals(List.of(new Logged(s1, seqS1)), store.after(Source.SKINSHARK, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> store.after(Source.BPTF, 0, 0));
  }

  @Test
  void loadReadsTheStatesAskedForInTheirOrderAndLeavesOutWhatIsNotStored() {
    Listing a1 = listing(bptf("a"), "A", "1", "a1", T0);
    Listing b1 = listing(bptf("b"), "B", "1", "b1", T0);
    Listing a2 = listing(bptf("a"), "A", "2", "a2", T0.plusSeconds(1));
    long seqA1 = append(a1);
    long seqB1 = append(b1);
    long seqA2 = store.append(Source.BPTF, List.of(updated(a2, seqA1)), null)[0];
    ListingState never = ListingState.of(listing(bptf("never"), "N", "1", "n1", T0), 0);
    ListingState unknown = ListingState.of(listing(bptf("gone"), "G", "1", "g1", T0), seqA2 + 1);

    assertEquals(
        List.of(b1, a2, a1),
        store.load(
            List.of(
                ListingState.of(b1, seqB1),
                never,
                ListingState.of(a2, seqA2),
                unknown,
                // An older state of a listing is read as it was: a page shows what it matched.
                ListingState.of(a1, seqA1))));
    assertEquals(List.of(), store.load(List.of()));
  }

  @Test
  void aReplayIsAppliedOnlyToTheListingWhoseRowsHoldIt() {
    Listing a1 = listing(bptf("a"), "A", "1", "a1", T0);
    Listing a2 = listing(bptf("a"), "A", "2", "a2", T0);
    Listing b1 = listing(bptf("b"), "B", "1", "b1", T0);
    long seqA1 = append(a1);
    long seqA2 = store.append(Source.BPTF, List.of(updated(a2, seqA1)), null)[0];
    long seqB1 = append(b1);
    ListingState a = ListingState.of(a2, seqA2);
    ListingState b = ListingState.of(b1, seqB1);

    assertEquals(
        Set.of("a1", "a2"), store.applied(Map.of("a1", a, "a2", a, "new", a, "b1", a, "x", b)));
    assertEquals(Set.of("b1"), store.applied(Map.of("b1", b)));
    assertEquals(Set.of(), store.applied(Map.of()));
  }

  @Test
  void anAppendThatFailsStoresNoneOfItsRows() {
    ListingKey stored = bptf("stored");
    Listing first = listing(stored, "A", "1", "e1", T0);
    long seq = append(first);
    Instant later = T0.plusSeconds(1);

    // The second row buries a listing that is stored nowhere: there is no snapshot to carry.
    assertThrows(
        IllegalStateException.class,
        () ->
            store.append(
                Source.BPTF,
                List.of(
                    updated(listing(stored, "A", "2", "e2", later), seq),
                    buried(bptf("nowhere"), "e3", later, 0)),
                null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            store.append(
                Source.BPTF,
                List.of(updated(listing(skinshark("s"), "S", "1", "s1", T0), 0)),
                null));

    assertEquals(List.of(new Logged(first, seq)), store.after(Source.BPTF, 0, 10));
    assertEquals(List.of(), store.after(Source.SKINSHARK, 0, 10));
  }
}
