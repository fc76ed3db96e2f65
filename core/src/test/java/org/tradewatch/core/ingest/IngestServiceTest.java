package org.tradewatch.core.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.cluster.LeaseLostException;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketChange;
import org.tradewatch.core.market.MarketModel;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.RejectedInput;
import org.tradewatch.core.stream.bptf.BptfFrameDecoder;
import org.tradewatch.core.stream.bptf.Samples;

class IngestServiceTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final Instant RECEIVED = Instant.parse("2026-01-01T11:59:58Z");
  private static final String BAD_EVENT = "{\"event\":\"listing-update\",\"payload\":{}}";
  private static final ListingKey SELL = new ListingKey(Source.BPTF, "440_15060000001");
  private static final ListingKey DELETED =
      new ListingKey(Source.BPTF, "440_76561198000000002_605f67acc80a9b35345514725f0e2a5f");

  private final BptfFrameDecoder decoder = new BptfFrameDecoder();
  private final InMemoryListingStore store = new InMemoryListingStore();
  private final InMemoryQuarantineStore quarantine = new InMemoryQuarantineStore();
  private final MarketModel model = new MarketModel();
  private final IngestService service =
      new IngestService(store, store, model, quarantine, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void appliesTheSampleFramesAndQuarantinesWhatCouldNotBeDecoded() {
    List<DecodedFrame> frames = sampleFrames();

    IngestResult result = service.apply(Source.BPTF, frames, RECEIVED);

    assertEquals(4, result.applied());
    assertEquals(1, result.superseded());
    assertEquals(0, result.duplicates());
    assertEquals(0, result.stale());
    assertEquals(0, result.unknownDeletes());
    assertEquals(2, result.quarantined());
    assertEquals(Map.of("client-limit-exceeded", 1), result.ignored());
    assertEquals(4, result.writes().size());
    assertEquals(List.of(), result.tombstones());

    assertEquals(4, store.listings.size());
    Listing sell = store.listings.get(SELL);
    assertEquals("69346e7b1111111111110002", sell.lastEventId());
    assertEquals(new BigDecimal("124.0"), sell.snapshot().value());
    assertEquals(NOW, sell.updatedAt());
    Listing deleted = store.listings.get(DELETED);
    assertEquals(NOW, deleted.deletedAt());
    assertEquals("The Chicken Kiev", deleted.snapshot().itemName());
    assertEquals(4, store.history.size());
    assertEquals(List.copyOf(store.listings.values()), result.writes());

    assertEquals(
        List.of(
            new QuarantinedInput(
                Source.BPTF, RECEIVED, frames.get(1).rejected().get(0).reason(), BAD_EVENT),
            new QuarantinedInput(
                Source.BPTF, RECEIVED, frames.get(2).rejected().get(0).reason(), "not json")),
        quarantine.inputs);
    assertEquals(1, quarantine.calls);
  }

  @Test
  void oneAppendForTheGroupAskingTheStoreNothing() {
    IngestResult result = service.apply(Source.BPTF, sampleFrames(), RECEIVED);

    assertEquals(1, store.leasesAsked.size(), "one append");
    assertEquals(List.of(), store.appliedAsked, "new listings need no look-up of applied events");
    assertEquals(
        List.of(
            "440_76561198000000001_26b1c3911028c585c5bb08dd3a9b16b7",
            "730_31000000001",
            "440_76561198000000002_605f67acc80a9b35345514725f0e2a5f",
            "440_15060000001"),
        store.log.stream().map(row -> row.listing().key().id()).toList());
    assertEquals(4, result.changes().size());
    for (int i = 0; i < 4; i++) {
      MarketChange change = result.changes().get(i);
      assertEquals(null, change.before());
      assertEquals(store.log.get(i).seq(), change.after().seq());
      assertEquals(Optional.of(change.after()), model.state(change.after().key()));
    }
  }

  @Test
  void theModelChangesOnlyAfterTheAppendCommitted() {
    store.failure = new IllegalStateException("database is down");

    assertThrows(
        IllegalStateException.class, () -> service.apply(Source.BPTF, sampleFrames(), RECEIVED));

    assertEquals(0, model.size());
  }

  @Test
  void aRetryAfterAnAppendThatCommittedButFailedAppendsNothingTwice() {
    store.failureAfterCommit = new IllegalStateException("connection lost after the commit");
    assertThrows(
        IllegalStateException.class, () -> service.apply(Source.BPTF, sampleFrames(), RECEIVED));
    int rows = store.log.size();

    IngestResult retry = service.apply(Source.BPTF, sampleFrames(), RECEIVED);

    assertEquals(rows, store.log.size(), "the retry found its events in the log");
    assertEquals(0, retry.applied());
    assertEquals(4, retry.duplicates());
    assertEquals(4, retry.writes().size(), "what the live layer never saw is handed on now");
    assertEquals(4, model.size());
  }

  @Test
  void onlyEventsNotNewerThanTheirListingsLastAreLookedUpAsReplays() {
    service.apply(Source.BPTF, List.of(decode(Samples.SELL)), RECEIVED);
    String newer =
        Samples.read(Samples.SELL).replace("69346e7b1111111111110001", "69346e7c0000000000000001");
    String older =
        Samples.read(Samples.SELL).replace("69346e7b1111111111110001", "69346e7a0000000000000001");

    service.apply(Source.BPTF, List.of(decoder.decode(newer)), RECEIVED);
    assertEquals(List.of(), store.appliedAsked);
    IngestResult replay = service.apply(Source.BPTF, List.of(decode(Samples.SELL)), RECEIVED);
    IngestResult stale = service.apply(Source.BPTF, List.of(decoder.decode(older)), RECEIVED);

    assertEquals(
        List.of(Set.of("69346e7b1111111111110001"), Set.of("69346e7a0000000000000001")),
        store.appliedAsked);
    assertEquals(1, replay.duplicates());
    assertEquals(1, stale.stale());
    assertEquals("69346e7c0000000000000001", store.listings.get(SELL).lastEventId());
  }

  @Test
  void everyTransactionIsFencedByTheConsumersLeaseAndALostLeaseQuarantinesNothing() {
    Lease lease = new Lease(Source.BPTF, "node-a", 7);
    IngestService fenced =
        new IngestService(store, store, model, quarantine, Clock.fixed(NOW, ZoneOffset.UTC), lease);
    fenced.apply(Source.BPTF, sampleFrames(), RECEIVED);
    assertEquals(List.of(Optional.of(lease)), store.leasesAsked);

    store.failure = new LeaseLostException(lease);
    List<DecodedFrame> next =
        List.of(
            decoder.decode(
                Samples.read(Samples.SELL)
                    .replace("69346e7b1111111111110001", "69346e7c0000000000000001")),
            decoder.decode("not json"));
    assertThrows(LeaseLostException.class, () -> fenced.apply(Source.BPTF, next, RECEIVED));
    assertEquals(1, quarantine.calls, "only the first group's rejects");
  }

  @Test
  void retryingAGroupThatWasAppliedChangesNoListing() {
    service.apply(Source.BPTF, sampleFrames(), RECEIVED);
    Map<ListingKey, Listing> before = Map.copyOf(store.listings);

    IngestResult retry = service.apply(Source.BPTF, sampleFrames(), RECEIVED);

    assertEquals(0, retry.applied());
    assertEquals(4, retry.duplicates());
    assertEquals(1, retry.superseded());
    assertEquals(List.of(), retry.writes());
    assertEquals(before, Map.copyOf(store.listings));
  }

  @Test
  void laterGroupDeletesWhatAnEarlierOneInserted() {
    service.apply(Source.BPTF, List.of(decode(Samples.SELL)), RECEIVED);
    String delete =
        Samples.read(Samples.SELL)
            .replace("\"listing-update\"", "\"listing-delete\"")
            .replace("69346e7b1111111111110001", "69346e7c0000000000000001");

    IngestResult result = service.apply(Source.BPTF, List.of(decoder.decode(delete)), RECEIVED);

    assertEquals(1, result.applied());
    assertEquals(NOW, store.listings.get(SELL).deletedAt());
    assertEquals(result.writes(), List.of(store.listings.get(SELL)));
  }

  @Test
  void storeFailurePropagatesAndNothingIsQuarantined() {
    IllegalStateException down = new IllegalStateException("database is down");
    store.failure = down;

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () -> service.apply(Source.BPTF, sampleFrames(), RECEIVED));

    assertSame(down, thrown);
    assertEquals(0, quarantine.calls);
    assertEquals(List.of(), quarantine.inputs);
  }

  @Test
  void onlyRejectsNeedNoListingTransaction() {
    IngestResult result = service.apply(Source.BPTF, List.of(decoder.decode("[1, 2]")), RECEIVED);

    assertEquals(List.of(), store.leasesAsked);
    assertEquals(2, result.quarantined());
    assertEquals(2, quarantine.inputs.size());
    assertEquals(0, result.applied());
  }

  @Test
  void anEmptyBatchTouchesNoStore() {
    IngestResult result =
        service.apply(
            Source.BPTF,
            List.of(decoder.decode("[]"), decoder.decode("{\"event\":\"client-limit-exceeded\"}")),
            RECEIVED);

    assertEquals(List.of(), store.leasesAsked);
    assertEquals(0, quarantine.calls);
    assertEquals(Map.of("client-limit-exceeded", 1), result.ignored());
    assertEquals(1, result.ignoredCount());
    assertEquals(0, result.applied() + result.skipped() + result.quarantined());
  }

  @Test
  void ignoredEventsAreCountedAcrossFrames() {
    DecodedFrame frame = decode(Samples.BATCH);

    IngestResult result = service.apply(Source.BPTF, List.of(frame, frame), RECEIVED);

    assertEquals(Map.of("client-limit-exceeded", 2), result.ignored());
    assertEquals(5, result.duplicates());
  }

  @Test
  void eventOfAnotherSourceIsRefusedBeforeAnythingIsStored() {
    ListingKey key = new ListingKey(Source.SKINSHARK, "s-1");
    DecodedFrame frame =
        new DecodedFrame(
            List.of(IngestPlannerTest.update("e1", 1, key, "1")),
            List.of(new RejectedInput("x", "bad")),
            Map.of());

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> service.apply(Source.BPTF, List.of(frame), RECEIVED));

    assertTrue(e.getMessage().contains("skinshark/s-1"), e.getMessage());
    assertEquals(List.of(), store.leasesAsked);
    assertEquals(0, quarantine.calls);
  }

  @Test
  void resultCountsMustNotBeNegative() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new IngestResult(0, 0, -1, 0, 0, 0, Map.of(), List.of(), List.of(), List.of()));
  }

  private List<DecodedFrame> sampleFrames() {
    return List.of(
        decode(Samples.BATCH), decoder.decode("[" + BAD_EVENT + "]"), decoder.decode("not json"));
  }

  private DecodedFrame decode(String sample) {
    DecodedFrame frame = decoder.decode(Samples.read(sample));
    assertTrue(frame.events().stream().allMatch(e -> e.key().source() == Source.BPTF));
    return frame;
  }
}
