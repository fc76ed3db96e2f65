package org.tradewatch.persistence.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.watch.Alert;
import org.tradewatch.core.watch.AlertPage;
import org.tradewatch.core.watch.Ids;
import org.tradewatch.core.watch.Watch;
import org.tradewatch.core.watch.WatchTerms;
import org.tradewatch.persistence.InClause;
import org.tradewatch.persistence.TestDatabase;
import org.tradewatch.persistence.account.JpaAccountStore;

class JpaAlertStoreTest {

  private static final Instant T = JpaWatchStoreTest.T;

  private TestDatabase db;
  private JpaWatchStore watches;
  private JpaAlertStore store;
  private Watch alices;
  private Watch bobs;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    JpaAccountStore accounts = new JpaAccountStore(db.factory());
    accounts.create(JpaWatchStoreTest.account("alice"));
    accounts.create(JpaWatchStoreTest.account("bob"));
    watches = new JpaWatchStore(db.factory());
    store = new JpaAlertStore(db.factory());
    alices = JpaWatchStoreTest.watch("alice", WatchTerms.ofName("team captain"), 0);
    bobs = JpaWatchStoreTest.watch("bob", WatchTerms.ofName("team captain"), 0);
    watches.create(alices, 100);
    watches.create(bobs, 100);
  }

  @AfterEach
  void close() {
    db.close();
  }

  static Alert alert(Watch watch, String listingId, int second) {
    return new Alert(
        Ids.random(),
        watch.owner(),
        watch.id(),
        new ListingKey(Source.BPTF, listingId),
        ItemKey.parse("bptf.440.Team_Captain.q-Unusual"),
        "Team Captain",
        "Unusual",
        Intent.SELL,
        new BigDecimal("123.45"),
        "ref",
        Alert.Reason.MATCHED,
        T.plusSeconds(second),
        false);
  }

  @Test
  void anAlertReadsBackAsStored() {
    Alert full = alert(alices, "440_1", 1);
    Alert sparse =
        new Alert(
            Ids.random(),
            "alice",
            alices.id(),
            new ListingKey(Source.SKINSHARK, "s-1"),
            null,
            null,
            null,
            null,
            null,
            "USD",
            Alert.Reason.CROSSED,
            T.plusSeconds(2),
            true);
    assertEquals(List.of(full, sparse), store.add(List.of(full, sparse)));

    assertEquals(Optional.of(full), store.find("alice", full.id()));
    assertEquals(Optional.of(sparse), store.find("alice", sparse.id()));
  }

  @Test
  void alertsOfWatchesNoLongerStoredAreNotStored() {
    Watch gone = JpaWatchStoreTest.watch("alice", WatchTerms.ofName("hat"), 0);
    watches.create(gone, 100);
    Alert kept = alert(alices, "440_1", 1);
    Alert dropped = alert(gone, "440_1", 1);
    watches.delete("alice", gone.id());

    assertEquals(List.of(kept), store.add(List.of(kept, dropped)));
    assertEquals(1, store.list("alice", false, 0, 10).total());
  }

  @Test
  void anOwnersAlertsComeNewestFirstWithCountsAndNobodyElses() {
    List<Alert> added = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      added.add(alert(alices, "440_" + i, i));
    }
    added.add(alert(bobs, "440_9", 9));
    store.add(added);
    store.markRead("alice", List.of(added.get(1).id(), added.get(3).id()), true);

    AlertPage page = store.list("alice", false, 0, 3);
    assertEquals(
        List.of("440_4", "440_3", "440_2"),
        page.alerts().stream().map(alert -> alert.listing().id()).toList());
    assertEquals(5, page.total());
    assertEquals(3, page.unread());
    assertEquals(
        List.of("440_1", "440_0"),
        store.list("alice", false, 3, 3).alerts().stream()
            .map(alert -> alert.listing().id())
            .toList());
    AlertPage unread = store.list("alice", true, 0, 10);
    assertEquals(
        List.of("440_4", "440_2", "440_0"),
        unread.alerts().stream().map(alert -> alert.listing().id()).toList());
    assertEquals(3, unread.total());
    assertEquals(List.of("440_9"), listingIds(store.list("bob", false, 0, 10)));
  }

  @Test
  void markingAndDeletingReachOnlyTheOwnersAlerts() {
    Alert a1 = alert(alices, "440_1", 1);
    Alert a2 = alert(alices, "440_2", 2);
    Alert b1 = alert(bobs, "440_1", 1);
    store.add(List.of(a1, a2, b1));

    assertEquals(0, store.markRead("alice", List.of(b1.id()), true), "bob's");
    assertEquals(0, store.delete("alice", List.of(b1.id())), "bob's");
    assertEquals(Optional.empty(), store.find("alice", b1.id()));
    assertEquals(1, store.markRead("alice", List.of(a1.id(), a1.id(), b1.id()), true));
    assertEquals(0, store.markRead("alice", List.of(a1.id()), true), "read already");
    assertEquals(1, store.markRead("alice", List.of(a1.id()), false));
    assertEquals(2, store.markAllRead("alice"));
    assertEquals(0, store.list("alice", true, 0, 10).total());
    assertEquals(1, store.list("bob", true, 0, 10).total(), "bob's stays unread");

    assertEquals(1, store.delete("alice", List.of(a1.id(), "0000000000000000")));
    assertEquals(1, store.deleteAll("alice"));
    assertEquals(0, store.list("alice", false, 0, 10).total());
    assertEquals(1, store.list("bob", false, 0, 10).total());
  }

  @Test
  void manyIdsAreMarkedInParts() {
    List<Alert> many = new ArrayList<>();
    for (int i = 0; i < InClause.MAX + 20; i++) {
      many.add(alert(alices, "440_" + i, i));
    }
    store.add(many);
    List<String> ids = many.stream().map(Alert::id).toList();
    assertEquals(many.size(), store.markRead("alice", ids, true));
    assertEquals(many.size(), store.delete("alice", ids));
  }

  @Test
  void countsByWatchSinceATime() {
    Watch other = JpaWatchStoreTest.watch("alice", WatchTerms.ofName("hat"), 0);
    watches.create(other, 100);
    store.add(
        List.of(
            alert(alices, "440_1", 10),
            alert(alices, "440_2", 20),
            alert(alices, "440_3", 30),
            alert(other, "440_4", 5),
            alert(bobs, "440_5", 30)));

    assertEquals(
        Map.of(alices.id(), 2L), store.countsByWatch("alice", T.plusSeconds(20)), "20 included");
    assertEquals(Map.of(alices.id(), 3L, other.id(), 1L), store.countsByWatch("alice", T));
  }

  @Test
  void purgeDropsEveryOwnersOldAlerts() {
    store.add(
        List.of(alert(alices, "440_1", 0), alert(bobs, "440_2", 0), alert(alices, "440_3", 60)));
    assertEquals(2, store.purge(T.plus(Duration.ofSeconds(30))));
    assertEquals(List.of("440_3"), listingIds(store.list("alice", false, 0, 10)));
    assertEquals(0, store.list("bob", false, 0, 10).total());
    assertEquals(0, store.purge(T));
  }

  private static List<String> listingIds(AlertPage page) {
    return page.alerts().stream().map(alert -> alert.listing().id()).toList();
  }
}
