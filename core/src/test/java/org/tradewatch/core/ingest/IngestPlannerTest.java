package org.tradewatch.core.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.stream.ListingEvent;

class IngestPlannerTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final Instant EARLIER = Instant.parse("2025-12-31T08:00:00Z");
  private static final ListingKey A = new ListingKey(Source.BPTF, "440_1");
  private static final ListingKey B = new ListingKey(Source.BPTF, "440_2");
  private static final ListingKey C = new ListingKey(Source.SKINSHARK, "s-3");

  @Test
  void updateOfAnUnknownListingInsertsItLive() {
    ListingEvent update = update("e1", 100, A, "10");

    IngestPlan plan = plan(List.of(update), Map.of(), Set.of());

    assertEquals(List.of(new Listing(update.snapshot(), NOW, null, "e1", at(100))), plan.writes());
    assertEquals(List.of(), plan.tombstones());
    assertEquals(
        List.of(
            new HistoryEntry(
                A, "e1", HistoryEntry.Type.UPDATE, at(100), new BigDecimal("10"), "ref")),
        plan.history());
    assertCounts(plan, 1, 0, 0, 0, 0);
  }

  @Test
  void laterEventInTheBatchWinsAndEarlierOnesAreSuperseded() {
    ListingEvent first = update("e1", 100, A, "10");
    ListingEvent second = update("e2", 100, A, "11");
    ListingEvent third = update("e3", 101, A, "12");

    IngestPlan plan = plan(List.of(first, second, third), Map.of(), Set.of());

    assertEquals(List.of(new Listing(third.snapshot(), NOW, null, "e3", at(101))), plan.writes());
    assertEquals(List.of("e3"), historyIds(plan));
    assertCounts(plan, 1, 2, 0, 0, 0);
  }

  @Test
  void eventAppliedBeforeIsADuplicate() {
    IngestPlan plan = plan(List.of(update("e1", 100, A, "10")), Map.of(), Set.of("e1"));

    assertEquals(IngestPlan.empty().writes(), plan.writes());
    assertEquals(List.of(), plan.history());
    assertCounts(plan, 0, 0, 1, 0, 0);
  }

  @Test
  void storedLastEventIsADuplicateEvenIfHistoryWasPurged() {
    IngestPlan plan =
        plan(
            List.of(update("e1", 100, A, "10")),
            Map.of(A, new ListingVersion("e1", at(100), null)),
            Set.of());

    assertEquals(List.of(), plan.writes());
    assertCounts(plan, 0, 0, 1, 0, 0);
  }

  @Test
  void sameEventTwiceInOneBatchAppliesOnce() {
    ListingEvent event = update("e1", 100, A, "10");

    IngestPlan plan = plan(List.of(event, event), Map.of(), Set.of());

    assertEquals(1, plan.writes().size());
    assertEquals(List.of("e1"), historyIds(plan));
    assertCounts(plan, 1, 0, 1, 0, 0);
  }

  @Test
  void eventOlderThanTheStoredOneIsStale() {
    IngestPlan plan =
        plan(
            List.of(update("e1", 99, A, "10")),
            Map.of(A, new ListingVersion("e0", at(100), null)),
            Set.of());

    assertEquals(List.of(), plan.writes());
    assertEquals(List.of(), plan.history());
    assertCounts(plan, 0, 0, 0, 1, 0);
  }

  @Test
  void eventAsOldAsTheStoredOneAppliesBecauseTimesHaveOneSecondResolution() {
    ListingEvent update = update("e1", 100, A, "10");

    IngestPlan plan =
        plan(List.of(update), Map.of(A, new ListingVersion("e0", at(100), null)), Set.of());

    assertEquals(List.of(new Listing(update.snapshot(), NOW, null, "e1", at(100))), plan.writes());
    assertCounts(plan, 1, 0, 0, 0, 0);
  }

  @Test
  void whenTheLastEventIsStaleTheLatestEventThatIsNotAppliesInstead() {
    ListingEvent fresh = update("e1", 105, A, "10");
    ListingEvent stale = update("e2", 99, A, "11");

    IngestPlan plan =
        plan(List.of(fresh, stale), Map.of(A, new ListingVersion("e0", at(100), null)), Set.of());

    assertEquals(List.of(new Listing(fresh.snapshot(), NOW, null, "e1", at(105))), plan.writes());
    assertCounts(plan, 1, 0, 0, 1, 0);
  }

  @Test
  void eventsBeforeAnAlreadyAppliedEventAreSupersededByItNotApplied() {
    ListingEvent earlier = update("e1", 101, A, "10");
    ListingEvent replayed = update("e2", 101, A, "11");

    IngestPlan plan =
        plan(
            List.of(earlier, replayed),
            Map.of(A, new ListingVersion("e2", at(101), null)),
            Set.of("e2"));

    assertEquals(List.of(), plan.writes());
    assertEquals(List.of(), plan.history());
    assertCounts(plan, 0, 1, 1, 0, 0);
  }

  @Test
  void replayingABatchChangesNothing() {
    List<ListingEvent> batch =
        List.of(
            update("e1", 101, A, "10"),
            update("e2", 101, A, "11"),
            delete("e3", 101, B, "5"),
            update("e4", 101, B, "6"));
    IngestPlan first = plan(batch, Map.of(), Set.of());
    Map<ListingKey, ListingVersion> stored =
        Map.of(
            A, new ListingVersion("e2", at(101), null), B, new ListingVersion("e4", at(101), null));
    assertEquals(List.of("e2", "e4"), historyIds(first));

    IngestPlan replay = plan(batch, stored, Set.of("e2", "e4"));

    assertEquals(List.of(), replay.writes());
    assertEquals(List.of(), replay.history());
    assertCounts(replay, 0, 2, 2, 0, 0);
  }

  @Test
  void eventsAfterAnAlreadyAppliedEventStillApply() {
    ListingEvent replayed = update("e1", 100, A, "10");
    ListingEvent fresh = update("e2", 100, A, "11");

    IngestPlan plan =
        plan(
            List.of(replayed, fresh), Map.of(A, new ListingVersion("e1", at(100), null)), Set.of());

    assertEquals(List.of(new Listing(fresh.snapshot(), NOW, null, "e2", at(100))), plan.writes());
    assertCounts(plan, 1, 0, 1, 0, 0);
  }

  @Test
  void eventOlderThanAnAlreadyAppliedEventInTheBatchIsStale() {
    ListingEvent replayed = update("e1", 105, A, "10");
    ListingEvent older = update("e2", 104, A, "11");

    IngestPlan plan =
        plan(
            List.of(replayed, older),
            Map.of(A, new ListingVersion("e9", at(100), null)),
            Set.of("e1"));

    assertEquals(List.of(), plan.writes());
    assertCounts(plan, 0, 0, 1, 1, 0);
  }

  @Test
  void repeatWithinTheBatchDoesNotUndoWhatCameBetween() {
    ListingEvent first = update("e1", 100, A, "10");
    ListingEvent second = update("e2", 100, A, "11");

    IngestPlan plan = plan(List.of(first, second, first), Map.of(), Set.of());

    assertEquals(List.of(new Listing(second.snapshot(), NOW, null, "e2", at(100))), plan.writes());
    assertCounts(plan, 1, 1, 1, 0, 0);
  }

  @Test
  void eventOlderThanOneAppliedEarlierInTheBatchIsStaleAsIfItCameInTheNextBatch() {
    ListingEvent newer = update("e1", 105, A, "10");
    ListingEvent older = update("e2", 104, A, "11");

    IngestPlan plan = plan(List.of(newer, older), Map.of(), Set.of());

    assertEquals(List.of(new Listing(newer.snapshot(), NOW, null, "e1", at(105))), plan.writes());
    assertCounts(plan, 1, 0, 0, 1, 0);
  }

  @Test
  void laterUpdateRevivesADeletedListing() {
    ListingEvent update = update("e1", 100, A, "10");

    IngestPlan plan =
        plan(List.of(update), Map.of(A, new ListingVersion("e0", at(90), EARLIER)), Set.of());

    assertEquals(List.of(new Listing(update.snapshot(), NOW, null, "e1", at(100))), plan.writes());
  }

  @Test
  void deleteOfALiveListingKeepsTheRowWithItsDataAndDeletesItNow() {
    ListingEvent delete = delete("e1", 100, A, "10");

    IngestPlan plan =
        plan(List.of(delete), Map.of(A, new ListingVersion("e0", at(90), null)), Set.of());

    assertEquals(List.of(new Listing(delete.snapshot(), NOW, NOW, "e1", at(100))), plan.writes());
    assertEquals(
        List.of(
            new HistoryEntry(
                A, "e1", HistoryEntry.Type.DELETE, at(100), new BigDecimal("10"), "ref")),
        plan.history());
    assertCounts(plan, 1, 0, 0, 0, 0);
  }

  @Test
  void repeatedDeleteKeepsTheFirstDeletionTime() {
    ListingEvent delete = delete("e1", 100, A, "10");

    IngestPlan plan =
        plan(List.of(delete), Map.of(A, new ListingVersion("e0", at(90), EARLIER)), Set.of());

    assertEquals(
        List.of(new Listing(delete.snapshot(), NOW, EARLIER, "e1", at(100))), plan.writes());
  }

  @Test
  void deleteOfANeverSeenListingInsertsItDeletedKeepingTheData() {
    ListingEvent delete = delete("e1", 100, A, "10");

    IngestPlan plan = plan(List.of(delete), Map.of(), Set.of());

    assertEquals(List.of(new Listing(delete.snapshot(), NOW, NOW, "e1", at(100))), plan.writes());
    assertCounts(plan, 1, 0, 0, 0, 0);
  }

  @Test
  void updateThenDeleteInOneBatchDeletesNow() {
    ListingEvent update = update("e1", 100, A, "10");
    ListingEvent delete = delete("e2", 100, A, "10");

    IngestPlan plan =
        plan(List.of(update, delete), Map.of(A, new ListingVersion("e0", at(90), null)), Set.of());

    assertEquals(List.of(new Listing(delete.snapshot(), NOW, NOW, "e2", at(100))), plan.writes());
    assertCounts(plan, 1, 1, 0, 0, 0);
  }

  @Test
  void deleteThenUpdateInOneBatchLeavesTheListingLive() {
    ListingEvent delete = delete("e1", 100, A, "10");
    ListingEvent update = update("e2", 101, A, "12");

    IngestPlan plan = plan(List.of(delete, update), Map.of(), Set.of());

    assertEquals(List.of(new Listing(update.snapshot(), NOW, null, "e2", at(101))), plan.writes());
    assertCounts(plan, 1, 1, 0, 0, 0);
  }

  @Test
  void reviveThenDeleteInOneBatchIsANewDeletionNotTheStoredOne() {
    ListingEvent update = update("e1", 100, A, "10");
    ListingEvent delete = delete("e2", 101, A, "10");

    IngestPlan plan =
        plan(
            List.of(update, delete),
            Map.of(A, new ListingVersion("e0", at(90), EARLIER)),
            Set.of());

    assertEquals(List.of(new Listing(delete.snapshot(), NOW, NOW, "e2", at(101))), plan.writes());
  }

  @Test
  void bareDeleteOfAStoredListingIsATombstone() {
    IngestPlan plan =
        plan(
            List.of(bareDelete("e1", 100, C)),
            Map.of(C, new ListingVersion("e0", at(90), null)),
            Set.of());

    assertEquals(List.of(), plan.writes());
    assertEquals(List.of(new Tombstone(C, "e1", at(100), NOW, NOW)), plan.tombstones());
    assertEquals(
        List.of(new HistoryEntry(C, "e1", HistoryEntry.Type.DELETE, at(100), null, null)),
        plan.history());
    assertCounts(plan, 1, 0, 0, 0, 0);
  }

  @Test
  void bareDeleteOfADeletedListingKeepsItsDeletionTime() {
    IngestPlan plan =
        plan(
            List.of(bareDelete("e1", 100, C)),
            Map.of(C, new ListingVersion("e0", at(90), EARLIER)),
            Set.of());

    assertEquals(List.of(new Tombstone(C, "e1", at(100), EARLIER, NOW)), plan.tombstones());
  }

  @Test
  void bareDeleteOfAnUnknownListingIsANoOp() {
    IngestPlan plan = plan(List.of(bareDelete("e1", 100, C)), Map.of(), Set.of());

    assertEquals(List.of(), plan.writes());
    assertEquals(List.of(), plan.tombstones());
    assertEquals(List.of(), plan.history());
    assertCounts(plan, 0, 0, 0, 0, 1);
  }

  @Test
  void bareDeleteAfterAnUpdateInTheBatchWritesThatListingDeleted() {
    ListingEvent update = update("e1", 100, C, "10");
    ListingEvent delete = bareDelete("e2", 101, C);

    IngestPlan plan = plan(List.of(update, delete), Map.of(), Set.of());

    assertEquals(List.of(new Listing(update.snapshot(), NOW, NOW, "e2", at(101))), plan.writes());
    assertEquals(List.of(), plan.tombstones());
    assertEquals(
        List.of(
            new HistoryEntry(
                C, "e2", HistoryEntry.Type.DELETE, at(101), new BigDecimal("10"), "ref")),
        plan.history());
    assertCounts(plan, 1, 1, 0, 0, 0);
  }

  @Test
  void unknownBareDeleteBeforeAnUpdateDoesNotHideIt() {
    ListingEvent delete = bareDelete("e1", 100, C);
    ListingEvent update = update("e2", 100, C, "10");

    IngestPlan plan = plan(List.of(delete, update), Map.of(), Set.of());

    assertEquals(List.of(new Listing(update.snapshot(), NOW, null, "e2", at(100))), plan.writes());
    assertCounts(plan, 1, 0, 0, 0, 1);
  }

  @Test
  void outcomesFollowTheArrivalOfEachListingsAppliedEvent() {
    ListingEvent a1 = update("a1", 100, A, "1");
    ListingEvent b1 = update("b1", 100, B, "2");
    ListingEvent c1 = bareDelete("c1", 100, C);
    ListingEvent a2 = update("a2", 101, A, "3");

    IngestPlan plan =
        plan(List.of(a1, b1, c1, a2), Map.of(C, new ListingVersion("c0", at(90), null)), Set.of());

    assertEquals(List.of(B, A), plan.writes().stream().map(Listing::key).toList());
    assertEquals(List.of(C), plan.tombstones().stream().map(Tombstone::key).toList());
    assertEquals(List.of("b1", "c1", "a2"), historyIds(plan));
  }

  @Test
  void everyEventIsCountedExactlyOnce() {
    List<ListingEvent> events =
        List.of(
            update("a1", 100, A, "1"),
            update("a2", 101, A, "2"),
            update("a0", 99, A, "0"),
            update("b1", 100, B, "1"),
            bareDelete("c1", 100, C),
            update("a2", 101, A, "2"),
            delete("b2", 80, B, "1"));

    IngestPlan plan = plan(events, Map.of(B, new ListingVersion("b0", at(90), null)), Set.of("b1"));

    assertCounts(plan, 1, 1, 2, 2, 1);
    assertEquals(events.size(), plan.applied() + plan.skipped());
  }

  @Test
  void emptyBatchIsAnEmptyPlan() {
    assertEquals(IngestPlan.empty(), plan(List.of(), Map.of(), Set.of()));
  }

  @Test
  void argumentsMustNotBeNull() {
    List<ListingEvent> events = List.of();
    assertThrows(
        NullPointerException.class, () -> IngestPlanner.plan(null, Map.of(), Set.of(), NOW));
    assertThrows(NullPointerException.class, () -> IngestPlanner.plan(events, null, Set.of(), NOW));
    assertThrows(NullPointerException.class, () -> IngestPlanner.plan(events, Map.of(), null, NOW));
    assertThrows(
        NullPointerException.class, () -> IngestPlanner.plan(events, Map.of(), Set.of(), null));
  }

  private static IngestPlan plan(
      List<ListingEvent> events, Map<ListingKey, ListingVersion> current, Set<String> applied) {
    return IngestPlanner.plan(events, current, applied, NOW);
  }

  private static void assertCounts(
      IngestPlan plan, int applied, int superseded, int duplicates, int stale, int unknownDeletes) {
    assertEquals(
        List.of(applied, superseded, duplicates, stale, unknownDeletes),
        List.of(
            plan.applied(),
            plan.superseded(),
            plan.duplicates(),
            plan.stale(),
            plan.unknownDeletes()),
        "applied, superseded, duplicates, stale, unknown deletes");
  }

  private static List<String> historyIds(IngestPlan plan) {
    return plan.history().stream().map(HistoryEntry::eventId).toList();
  }

  static Instant at(long second) {
    return Instant.ofEpochSecond(1_765_000_000L + second);
  }

  static ListingSnapshot snapshot(ListingKey key, String value) {
    return ListingSnapshot.builder(key)
        .itemName("Item " + key.id())
        .value(new BigDecimal(value))
        .valueUnit("ref")
        .payload("{\"id\":\"" + key.id() + "\",\"value\":" + value + "}")
        .build();
  }

  static ListingEvent update(String eventId, long second, ListingKey key, String value) {
    return new ListingEvent(
        eventId, at(second), ListingEvent.Type.UPDATE, key, snapshot(key, value));
  }

  static ListingEvent delete(String eventId, long second, ListingKey key, String value) {
    return new ListingEvent(
        eventId, at(second), ListingEvent.Type.DELETE, key, snapshot(key, value));
  }

  static ListingEvent bareDelete(String eventId, long second, ListingKey key) {
    return new ListingEvent(eventId, at(second), ListingEvent.Type.DELETE, key, null);
  }
}
