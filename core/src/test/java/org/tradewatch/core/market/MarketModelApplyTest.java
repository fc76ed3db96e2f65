package org.tradewatch.core.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.core.market.States.T0;
import static org.tradewatch.core.market.States.bptf;
import static org.tradewatch.core.market.States.skinshark;
import static org.tradewatch.core.market.States.state;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;

class MarketModelApplyTest {

  private final MarketModel model = new MarketModel();

  @Test
  void aNewListingChangesFromNothingAndAnUpdateFromWhatWasHeld() {
    ListingState first = state(bptf("1")).value("1").seq(1).build();
    ListingState second = state(bptf("1")).value("2").updated(T0.plusSeconds(1)).seq(2).build();

    assertEquals(List.of(new MarketChange(null, first)), model.apply(List.of(first)));
    assertEquals(List.of(new MarketChange(first, second)), model.apply(List.of(second)));
    assertEquals(Optional.of(second), model.state(bptf("1")));
    assertEquals(1, model.size());
  }

  @Test
  void aStateNotNewerThanTheHeldOneIsIgnored() {
    ListingState held = state(bptf("1")).value("5").seq(10).build();
    model.apply(List.of(held));

    assertEquals(List.of(), model.apply(List.of(held)), "the same state again: a replay");
    assertEquals(
        List.of(), model.apply(List.of(state(bptf("1")).value("9").seq(10).build())), "equal seq");
    assertEquals(
        List.of(), model.apply(List.of(state(bptf("1")).value("9").seq(3).build())), "older seq");
    assertEquals(Optional.of(held), model.state(bptf("1")));
    assertEquals(List.of(held), model.search(ListingQuery.all()).rows());
    assertEquals(10, model.highestSeq(Source.BPTF));
  }

  @Test
  void statesOfOneKeyInOneBatchApplyInOrderAndAnOlderOneAmongThemIsIgnored() {
    ListingState a = state(bptf("1")).value("1").seq(1).build();
    ListingState b = state(bptf("1")).value("2").updated(T0.plusSeconds(1)).seq(3).build();
    ListingState older = state(bptf("1")).value("3").seq(2).build();
    ListingState c = state(bptf("1")).value("4").updated(T0.plusSeconds(2)).seq(4).build();

    assertEquals(
        List.of(new MarketChange(null, a), new MarketChange(a, b), new MarketChange(b, c)),
        model.apply(List.of(a, b, older, c)));
    assertEquals(Optional.of(c), model.state(bptf("1")));
    assertEquals(1, model.size());
    assertEquals(List.of(c), model.search(ListingQuery.all()).rows());
    assertEquals(1, model.search(ListingQuery.all()).total());
  }

  @Test
  void aDeletedListingIsKeptAndALaterStateRevivesIt() {
    ListingState live = state(bptf("1")).name("Key").value("1").seq(1).build();
    ListingState gone =
        live.buried("e-del", T0.plusSeconds(1), T0.plusSeconds(1), T0.plusSeconds(1), 2);
    ListingState back =
        state(bptf("1")).name("Key").value("3").updated(T0.plusSeconds(2)).seq(3).build();
    model.apply(List.of(live));

    assertEquals(List.of(new MarketChange(live, gone)), model.apply(List.of(gone)));
    assertEquals(0, model.search(ListingQuery.all()).total());
    assertEquals(0, model.search(text("key")).total());
    assertEquals(Optional.of(gone), model.state(bptf("1")));
    assertEquals(1, model.size(), "deleted listings are held");

    assertEquals(List.of(new MarketChange(gone, back)), model.apply(List.of(back)));
    assertEquals(List.of(back), model.search(ListingQuery.all()).rows());
    assertEquals(1, model.search(text("key")).total());
  }

  private static ListingQuery text(String text) {
    return new ListingQuery(
        text, null, null, null, null, null, false, ListingSort.VALUE_ASC, 1, 10);
  }

  @Test
  void heldStatesReadBackExactly() {
    List<ListingState> states =
        List.of(
            state(bptf("scale")).value("2.000").seq(1).build(),
            state(bptf("db")).value("235000.120000000000").seq(2).build(),
            state(bptf("negative-scale")).value("1E+3").seq(3).build(),
            state(bptf("beyond-long"))
                .value("12345678901234567890123456.123456789012")
                .seq(4)
                .build(),
            state(bptf("nanos"))
                .updated(Instant.parse("2026-12-01T10:00:00.123456789Z"))
                .event("ev", Instant.parse("1999-12-31T23:59:59.999999999Z"))
                .seq(5)
                .build(),
            state(bptf("far"))
                .updated(Instant.parse("+10000-01-01T00:00:00.5Z"))
                .deleted(Instant.MIN)
                .event("ev-far", Instant.MAX)
                .seq(6)
                .build(),
            state(skinshark("nulls"))
                .appid(null)
                .name(null)
                .quality(null)
                .intent(null)
                .value(null)
                .seq(7)
                .build(),
            state(skinshark("Ключ-\uD83D\uDD11")).name("Ключ").quality("Ünïque").seq(8).build(),
            state(skinshark("x".repeat(ListingKey.MAX_ID_LENGTH)))
                .intent(Intent.BUY)
                .seq(9)
                .build(),
            state(bptf("appid-min")).appid(Integer.MIN_VALUE).seq(10).build());
    model.apply(states);

    for (ListingState state : states) {
      assertEquals(Optional.of(state), model.state(state.key()), state.key().toString());
    }
    assertEquals(new BigDecimal("2.000"), model.state(bptf("scale")).orElseThrow().value());
    assertEquals(states.size(), model.size());
  }

  @Test
  void statesAnswersForTheHeldKeysOnly() {
    ListingState one = state(bptf("1")).seq(1).build();
    ListingState two = state(skinshark("1")).seq(2).build();
    model.apply(List.of(one, two));

    Map<ListingKey, ListingState> held =
        model.states(List.of(skinshark("1"), bptf("nope"), bptf("1"), skinshark("2")));
    assertEquals(Map.of(bptf("1"), one, skinshark("1"), two), held);
    assertEquals(List.of(skinshark("1"), bptf("1")), List.copyOf(held.keySet()));
    assertEquals(Optional.empty(), model.state(bptf("nope")));
  }

  @Test
  void liveBeforeFindsTheSourcesLiveListingsWithOlderLastEvents() {
    model.apply(
        List.of(
            state(bptf("old")).event("a", T0).seq(1).build(),
            state(bptf("new")).event("b", T0.plusSeconds(10)).seq(2).build(),
            state(bptf("edge")).event("c", T0.plusSeconds(5)).seq(3).build(),
            state(bptf("old-gone")).event("d", T0).deleted(T0).seq(4).build(),
            state(skinshark("old")).event("e", T0).seq(5).build(),
            state(bptf("ancient")).event("f", Instant.MIN).seq(6).build(),
            state(bptf("far-future")).event("g", Instant.MAX).seq(7).build()));

    assertEquals(
        Set.of(bptf("old"), bptf("ancient")),
        new HashSet<>(model.liveBefore(Source.BPTF, T0.plusSeconds(5))));
    assertEquals(
        Set.of(bptf("old"), bptf("edge"), bptf("ancient")),
        new HashSet<>(model.liveBefore(Source.BPTF, T0.plusSeconds(6))));
    assertEquals(
        Set.of(bptf("old"), bptf("edge"), bptf("new"), bptf("ancient")),
        new HashSet<>(model.liveBefore(Source.BPTF, Instant.parse("+20000-01-01T00:00:00Z"))));
    assertEquals(List.of(skinshark("old")), model.liveBefore(Source.SKINSHARK, T0.plusSeconds(1)));
    assertEquals(List.of(), model.liveBefore(Source.SKINSHARK, T0));
  }

  @Test
  void changedSinceListsTheSourcesStatesAfterASeq() {
    ListingState a = state(bptf("a")).seq(1).build();
    ListingState b = state(bptf("b")).seq(5).build();
    ListingState c = state(skinshark("c")).seq(7).build();
    ListingState b2 = state(bptf("b")).value("1").seq(9).build();
    model.apply(List.of(a, b, c));
    model.apply(List.of(b2));

    assertEquals(List.of(a, b2), sorted(model.changedSince(Source.BPTF, 0)));
    assertEquals(List.of(b2), sorted(model.changedSince(Source.BPTF, 5)));
    assertEquals(List.of(), model.changedSince(Source.BPTF, 9));
    assertEquals(List.of(c), model.changedSince(Source.SKINSHARK, 6));
    assertEquals(9, model.highestSeq(Source.BPTF));
    assertEquals(7, model.highestSeq(Source.SKINSHARK));
    assertEquals(0, new MarketModel().highestSeq(Source.BPTF));
  }

  @Test
  void aCheckpointPagesThroughChangedStatesInSeqOrder() {
    List<ListingState> states = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      // Seqs out of slot order, and the other source between them.
      long seq = 1 + (i * 7919L) % 1_000 * 2;
      states.add(state(i % 3 == 0 ? skinshark("s" + i) : bptf("b" + i)).seq(seq).build());
    }
    model.apply(states);
    List<ListingState> expected =
        states.stream()
            .filter(s -> s.key().source() == Source.BPTF && s.seq() > 100)
            .sorted(Comparator.comparingLong(ListingState::seq))
            .toList();

    List<ListingState> paged = new ArrayList<>();
    long after = 100;
    for (List<ListingState> page = model.changedSince(Source.BPTF, after, 64);
        !page.isEmpty();
        page = model.changedSince(Source.BPTF, after, 64)) {
      assertTrue(page.size() <= 64);
      paged.addAll(page);
      after = page.get(page.size() - 1).seq();
    }
    assertEquals(expected, paged);
    assertEquals(expected, model.changedSince(Source.BPTF, 100, expected.size()));
    assertThrows(IllegalArgumentException.class, () -> model.changedSince(Source.BPTF, 0, 0));
  }

  private static List<ListingState> sorted(List<ListingState> states) {
    return states.stream().sorted(Comparator.comparingLong(ListingState::seq)).toList();
  }

  @Test
  void manyListingsGrowEveryPartAndStayFindable() {
    List<ListingState> states = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      states.add(
          state(bptf("440_" + (10_000_000_000L + i * 104_729L))).value("1").seq(i + 1).build());
    }
    long empty = model.estimatedBytes();
    for (int from = 0; from < states.size(); from += 1_000) {
      model.apply(states.subList(from, from + 1_000));
    }

    assertEquals(40_000, model.size());
    for (ListingState state : states) {
      assertEquals(state.seq(), model.state(state.key()).orElseThrow().seq());
    }
    long perListing = (model.estimatedBytes() - empty) / 40_000;
    assertTrue(perListing > 50 && perListing < 250, "bytes per listing: " + perListing);
  }

  @Test
  void nullsAreRefused() {
    assertThrows(NullPointerException.class, () -> model.apply(null));
    List<ListingState> withNull = new ArrayList<>();
    withNull.add(null);
    assertThrows(NullPointerException.class, () -> model.apply(withNull));
    assertThrows(NullPointerException.class, () -> model.state(null));
    assertNull(new MarketChange(null, state(bptf("1")).build()).before());
  }
}
