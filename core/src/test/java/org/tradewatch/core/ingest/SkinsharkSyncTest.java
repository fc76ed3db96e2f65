package org.tradewatch.core.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketChange;
import org.tradewatch.core.market.MarketModel;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.skinshark.MarketSync;
import org.tradewatch.core.stream.skinshark.SkinsharkDecoder;
import org.tradewatch.core.stream.skinshark.SnapshotLoader;

/**
 * The skinshark sync state machine through the real ingest rules: socket frames, snapshot pages and
 * the sweep of vanished listings go into an in-memory store the way the consumer sends them.
 */
class SkinsharkSyncTest {

  private static final long READY_TS = 1_765_000_000_000L;

  private final InMemoryListingStore store = new InMemoryListingStore();
  private final IngestService ingest =
      new IngestService(
          store,
          store,
          new MarketModel(),
          new InMemoryQuarantineStore(),
          Clock.fixed(Instant.ofEpochMilli(READY_TS + 60_000), ZoneOffset.UTC));
  private final SkinsharkDecoder decoder = new SkinsharkDecoder();
  private final List<String> forwarded = new ArrayList<>();
  private final MarketSync sync = new MarketSync(this::apply, 1000);

  private void apply(String frame) {
    forwarded.add(frame);
    applyDecoded(decoder.decode(frame));
  }

  private IngestResult applyDecoded(DecodedFrame frame) {
    return ingest.apply(Source.SKINSHARK, List.of(frame), Instant.EPOCH);
  }

  private static String listing(String id, String price) {
    return "{\"id\":\""
        + id
        + "\",\"itemId\":\"730_"
        + id.hashCode()
        + "\",\"name\":\"AK-47 | Redline (Field-Tested)\",\"price\":"
        + price
        + ",\"currency\":\"USD\",\"float\":0.25,\"wear\":\"Field-Tested\",\"rarity\":\"Classified\"}";
  }

  private static String delta(String event, String data, long ts) {
    return "{\"event\":\"" + event + "\",\"data\":" + data + ",\"ts\":" + ts + "}";
  }

  private static String update(String id, String price, long ts) {
    return delta("market.update", listing(id, price), ts);
  }

  private static String remove(String id, long ts) {
    return delta("market.remove", "{\"listingId\":\"" + id + "\"}", ts);
  }

  private static String page(long total, String... listings) {
    return "{\"items\":[" + String.join(",", listings) + "],\"total\":" + total + "}";
  }

  private static String ready(long ts) {
    return "{\"event\":\"market.ready\",\"data\":{\"scope\":\"watchlist\"},\"ts\":" + ts + "}";
  }

  private Listing stored(String id) {
    return store.listings.get(new ListingKey(Source.SKINSHARK, id));
  }

  private Map<String, BigDecimal> liveView() {
    Map<String, BigDecimal> view = new TreeMap<>();
    store.listings.forEach(
        (key, listing) -> {
          if (listing.deletedAt() == null) {
            view.put(key.id(), listing.snapshot().value());
          }
        });
    return view;
  }

  /** The consumer's steps after market.ready: pages, then the sweep, then the replay. */
  private SnapshotLoader.Result loadSnapshot(SnapshotLoader.Pages pages) throws Exception {
    Instant readyAt = sync.readyAt();
    SnapshotLoader.Result result =
        SnapshotLoader.load(
            pages, readyAt, sync::deltasReceived, 3, (frame, raw) -> applyDecoded(frame));
    ingest.sweep(Source.SKINSHARK, result.ids(), readyAt, readyAt.plusSeconds(1));
    sync.snapshotLoaded();
    return result;
  }

  @Test
  void deltasWaitForTheSnapshotThenApplyOnTopOfItInArrivalOrder() throws Exception {
    assertEquals(MarketSync.Step.READY, sync.onFrame(ready(READY_TS)));
    assertEquals(Instant.ofEpochMilli(READY_TS), sync.readyAt());
    // While the snapshot loads: A repriced, B removed, C new, D updated though never announced
    // (an insert), E removed though never stored (a no-op).
    assertEquals(MarketSync.Step.BUFFERED, sync.onFrame(update("A", "12.00", READY_TS + 5)));
    sync.onFrame(remove("B", READY_TS + 6));
    sync.onFrame(delta("market.new", listing("C", "3.00"), READY_TS + 7));
    sync.onFrame(update("D", "4.00", READY_TS + 8));
    sync.onFrame(remove("E", READY_TS + 9));
    assertTrue(forwarded.isEmpty(), "nothing reaches the store before the snapshot");
    assertEquals(5, sync.buffered());

    // The snapshot was read before the deltas reached the server's feed: old A, B still there.
    loadSnapshot((page, limit) -> page(2, listing("A", "10.00"), listing("B", "20.00")));

    assertEquals(5, forwarded.size(), "the buffer is replayed once the snapshot is in");
    assertTrue(sync.live());
    assertEquals(
        Map.of(
            "A", new BigDecimal("12.00"), "C", new BigDecimal("3.00"), "D", new BigDecimal("4.00")),
        liveView());
    assertNotNull(stored("B").deletedAt(), "removed by the buffered delta");
    assertNull(stored("E"), "a remove of an unknown listing stores nothing");

    assertEquals(MarketSync.Step.FORWARDED, sync.onFrame(update("C", "2.50", READY_TS + 10)));
    assertEquals(new BigDecimal("2.50"), stored("C").snapshot().value());
  }

  @Test
  void aDeltaAppliedBeforeTheSnapshotIsNotUndoneByIt() throws Exception {
    sync.onFrame(ready(READY_TS));
    sync.onFrame(update("A", "12.00", READY_TS));
    // The server applied the delta before the page was read: the page already says 12.
    loadSnapshot((page, limit) -> page(1, listing("A", "12.00")));
    assertEquals(new BigDecimal("12.00"), stored("A").snapshot().value());
    // Same time as the snapshot entry: equal times apply, so the later-arriving delta stands.
    assertTrue(stored("A").lastEventId().startsWith("ss:"));
    assertFalse(stored("A").lastEventId().startsWith("ss:s:"));
  }

  @Test
  void noDeltaIsAppliedTwiceWhenAFrameIsDeliveredAgain() throws Exception {
    sync.onFrame(ready(READY_TS));
    String repriced = update("A", "12.00", READY_TS + 5);
    sync.onFrame(repriced);
    loadSnapshot((page, limit) -> page(1, listing("A", "10.00")));
    int history = store.history.size();

    IngestResult again = applyDecoded(decoder.decode(repriced));
    assertEquals(0, again.applied());
    assertEquals(1, again.duplicates(), "the same frame has the same id");
    assertEquals(history, store.history.size());
    assertEquals(new BigDecimal("12.00"), stored("A").snapshot().value());
  }

  @Test
  void aReconnectRemovesWhatVanishedWhileAwayButKeepsWhatTheNewSessionTouched() throws Exception {
    sync.onFrame(ready(READY_TS));
    loadSnapshot((page, limit) -> page(3, listing("A", "1"), listing("B", "2"), listing("C", "3")));
    sync.onFrame(update("B", "2.50", READY_TS + 100));

    // Away: C vanished, B kept; the new socket sees D appear while its snapshot loads.
    long second = READY_TS + 60_000;
    MarketSync next = new MarketSync(this::apply, 1000);
    next.onFrame(ready(second));
    next.onFrame(delta("market.new", listing("D", "4"), second + 1));
    SnapshotLoader.Result result =
        SnapshotLoader.load(
            (page, limit) -> page(2, listing("A", "1"), listing("B", "2.50")),
            next.readyAt(),
            next::deltasReceived,
            3,
            (frame, raw) -> applyDecoded(frame));
    next.snapshotLoaded();
    List<MarketChange> swept =
        ingest.sweep(
            Source.SKINSHARK, result.ids(), next.readyAt(), Instant.ofEpochMilli(second + 2));

    assertEquals(
        List.of(new ListingKey(Source.SKINSHARK, "C")),
        swept.stream().map(change -> change.after().key()).toList());
    assertEquals(Instant.ofEpochMilli(second + 2), stored("C").deletedAt());
    assertEquals(swept.get(0).before().lastEvent(), swept.get(0).after().lastEvent());
    assertEquals(Set.of("A", "B", "D"), liveView().keySet());
  }

  @Test
  void pagesAreReadAgainWhenDeltasArriveDuringAPass() throws Exception {
    sync.onFrame(ready(READY_TS));
    Map<Integer, Integer> calls = new HashMap<>();
    SnapshotLoader.Result result =
        SnapshotLoader.load(
            (page, limit) -> {
              if (calls.merge(page, 1, Integer::sum) == 1 && page == 1) {
                try {
                  sync.onFrame(update("Z", "9", READY_TS + 1));
                } catch (MarketSync.BufferFull e) {
                  throw new java.io.IOException(e);
                }
              }
              return page(1, listing("A", "1"));
            },
            sync.readyAt(),
            sync::deltasReceived,
            3,
            (frame, raw) -> applyDecoded(frame));
    assertEquals(2, result.passes());
    assertTrue(result.settled());
    assertEquals(Set.of("A"), result.ids());
  }

  @Test
  void aBufferThatOverflowsAsksForAResync() throws Exception {
    MarketSync small = new MarketSync(this::apply, 2);
    small.onFrame(ready(READY_TS));
    small.onFrame(update("A", "1", READY_TS + 1));
    small.onFrame(update("A", "2", READY_TS + 2));
    assertThrows(MarketSync.BufferFull.class, () -> small.onFrame(update("A", "3", READY_TS + 3)));
    assertThrows(
        IllegalStateException.class, () -> new MarketSync(this::apply, 2).snapshotLoaded());
  }

  @Test
  void framesThatAreNotListingEventsAreCountedNotApplied() {
    DecodedFrame ready = decoder.decode(ready(READY_TS));
    assertEquals(Map.of("market.ready", 1), ready.ignored());
    DecodedFrame broken = decoder.decode("{\"event\":\"market.update\",\"data\":");
    assertEquals(1, broken.rejected().size());
    DecodedFrame noId = decoder.decode(delta("market.update", "{\"price\":1}", READY_TS));
    assertEquals(1, noId.rejected().size());
    DecodedFrame ok = decoder.decode(update("A", "12.34", READY_TS));
    assertEquals("USD", ok.events().get(0).snapshot().valueUnit());
    assertEquals(new BigDecimal("12.34"), ok.events().get(0).snapshot().value());
    assertEquals(730, ok.events().get(0).snapshot().appid());
  }
}
