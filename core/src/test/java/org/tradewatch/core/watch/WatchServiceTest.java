package org.tradewatch.core.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.core.watch.Listings.Listing.sell;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WatchServiceTest {

  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00.123456789Z");

  private final InMemoryWatchStore store = new InMemoryWatchStore(Set.of("alice", "bob"));
  private final WatchBook book = new WatchBook(DealTest.underSuggested(BigDecimal.TEN));
  private final WatchService watches =
      new WatchService(store, book, Clock.fixed(T0, ZoneOffset.UTC));
  private final Listings market = new Listings();

  private static JsonValue json(String text) {
    try (var reader = Json.createReader(new StringReader(text.replace('\'', '"')))) {
      return reader.readValue();
    }
  }

  @Test
  void aCreatedWatchIsStoredAndMatchesAtOnce() {
    Watch watch = watches.create("alice", json("{'name': 'team captain', 'intent': 'sell'}"));

    assertTrue(Ids.valid(watch.id()));
    assertEquals("alice", watch.owner());
    assertEquals(Instant.parse("2026-12-01T00:00:00.123456Z"), watch.createdAt(), "micros");
    assertEquals(watch.createdAt(), watch.updatedAt());
    assertEquals(List.of(watch), store.list("alice"));
    assertEquals(
        1, book.match(List.of(market.apply(sell("440_1", "Team Captain", null, "1")))).size());
  }

  @Test
  void anAccountKeepsAtMostAHundredWatches() {
    for (int i = 0; i < Watch.MAX_PER_ACCOUNT; i++) {
      watches.create("alice", json("{'name': 'hat " + i + "'}"));
    }
    WatchLimitException e =
        assertThrows(
            WatchLimitException.class, () -> watches.create("alice", json("{'name': 'one more'}")));
    assertTrue(e.getMessage().contains("at most 100 watches"), e.getMessage());
    assertEquals(100, store.list("alice").size());
    assertEquals(100, book.size());
    watches.create("bob", json("{'name': 'hat'}"));
  }

  @Test
  void anInvalidWatchIsNeitherStoredNorMatched() {
    assertThrows(InvalidWatchException.class, () -> watches.create("alice", json("{'name': ''}")));
    assertEquals(List.of(), store.all());
    assertEquals(0, book.size());
  }

  @Test
  void anotherAccountsWatchIsNoWatchAtAll() {
    Watch alices = watches.create("alice", json("{'name': 'hat'}"));

    assertEquals(Optional.empty(), watches.find("bob", alices.id()));
    assertEquals(Optional.empty(), watches.patch("bob", alices.id(), json("{'paused': true}")));
    assertEquals(Optional.empty(), watches.replace("bob", alices.id(), json("{'name': 'cap'}")));
    assertFalse(watches.delete("bob", alices.id()));
    assertEquals(List.of(), watches.list("bob"));

    assertEquals(Optional.of(alices), watches.find("alice", alices.id()), "unchanged");
    assertTrue(book.holds(alices.id()));
  }

  @Test
  void idsThatAreNoIdsFindNothing() {
    assertEquals(Optional.empty(), watches.find("alice", "../etc"));
    assertEquals(Optional.empty(), watches.find("alice", "0123456789ABCDEF"));
    assertFalse(watches.delete("alice", ""));
  }

  @Test
  void aChangedWatchMatchesByItsNewTermsAndADeletedOneNoMore() {
    Watch watch = watches.create("alice", json("{'name': 'hat'}"));
    Watch changed = watches.patch("alice", watch.id(), json("{'name': 'cap'}")).orElseThrow();
    assertEquals("cap", changed.terms().name());
    assertEquals(watch.createdAt(), changed.createdAt());
    assertEquals(List.of(changed), store.list("alice"));
    assertEquals(1, book.match(List.of(market.apply(sell("440_1", "Cap", null, "1")))).size());
    assertEquals(0, book.match(List.of(market.apply(sell("440_2", "Hat", null, "1")))).size());

    Watch replaced =
        watches.replace("alice", watch.id(), json("{'name': 'hat', 'paused': true}")).orElseThrow();
    assertTrue(replaced.paused());

    assertTrue(watches.delete("alice", watch.id()));
    assertFalse(book.holds(watch.id()));
    assertEquals(List.of(), store.list("alice"));
  }
}
