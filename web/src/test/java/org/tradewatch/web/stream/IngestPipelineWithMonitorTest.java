package org.tradewatch.web.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.cluster.LeaseLostException;
import org.tradewatch.core.ingest.IngestPipeline;
import org.tradewatch.core.ingest.IngestService;
import org.tradewatch.core.ingest.ListingStore;
import org.tradewatch.core.ingest.QuarantineStore;
import org.tradewatch.core.ingest.QuarantinedInput;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingRecords;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketModel;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.FrameDecoder;
import org.tradewatch.core.stream.bptf.BptfFrameDecoder;

/** The pipeline between socket and store: order, back-pressure, a down database, a poison frame. */
class IngestPipelineWithMonitorTest {

  private final Clock clock = Clock.systemUTC();
  private final FakeListingStore store = new FakeListingStore();
  private final FakeQuarantine quarantine = new FakeQuarantine();
  private final StreamMonitor monitor = new StreamMonitor(Source.BPTF, clock);
  private final AtomicBoolean databaseUp = new AtomicBoolean(true);
  private final ExecutorService decoding = Executors.newFixedThreadPool(3);
  private IngestPipeline pipeline;

  private IngestPipeline start(int capacity, BooleanSupplier reachable) {
    return start(capacity, reachable, new BptfFrameDecoder());
  }

  private IngestPipeline start(int capacity, BooleanSupplier reachable, FrameDecoder decoder) {
    return start(capacity, reachable, decoder, null);
  }

  private IngestPipeline start(
      int capacity, BooleanSupplier reachable, FrameDecoder decoder, Lease lease) {
    pipeline =
        new IngestPipeline(
            Source.BPTF,
            decoder,
            decoding,
            new IngestService(store, store, new MarketModel(), quarantine, clock, lease),
            quarantine,
            monitor,
            reachable,
            clock,
            capacity,
            4);
    pipeline.start(Thread::new);
    return pipeline;
  }

  @AfterEach
  void stop() {
    if (pipeline != null) {
      databaseUp.set(true);
      store.failing.set(false);
      pipeline.stop(Duration.ofSeconds(5));
    }
    decoding.shutdownNow();
  }

  private static int counter;

  /** A batch frame of listing updates with fresh event ids, one per listing id given. */
  private static String frame(String... listingIds) {
    StringBuilder json = new StringBuilder("[");
    for (String id : listingIds) {
      if (json.length() > 1) {
        json.append(',');
      }
      String eventId = String.format("%08x%016x", 1_700_000_000, ++counter);
      json.append("{\"id\":\"")
          .append(eventId)
          .append("\",\"event\":\"listing-update\",\"payload\":{\"id\":\"")
          .append(id)
          .append("\",\"intent\":\"sell\",\"item\":{\"name\":\"Item ")
          .append(id)
          .append("\"},\"value\":{\"raw\":1.5}}}");
    }
    return json.append(']').toString();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  @Test
  void appliesFramesInArrivalOrderAndDrainsOnStop() throws Exception {
    start(8, databaseUp::get);
    for (int i = 0; i < 20; i++) {
      assertTrue(pipeline.submit(frame("440_" + i, "440_x")));
    }
    assertEquals(0, pipeline.stop(Duration.ofSeconds(10)));
    pipeline = null;

    assertEquals(40, monitor.counters().eventsApplied() + monitor.counters().eventsSkipped());
    assertEquals(21, store.stored.size(), "20 listings and the one updated in every frame");
    assertEquals(
        "440_x", store.writes.get(store.writes.size() - 1).key().id(), "the last write is last");
    assertTrue(quarantine.inputs.isEmpty());
  }

  @Test
  void framesDecodedOutOfOrderAreStillAppliedInArrivalOrder() throws Exception {
    // The first frame's decoding is held until the third one's is done.
    CountDownLatch thirdDecoded = new CountDownLatch(1);
    BptfFrameDecoder real = new BptfFrameDecoder();
    String first = frame("440_first");
    String third = frame("440_third");
    FrameDecoder decoder =
        text -> {
          if (text.equals(first)) {
            try {
              assertTrue(thirdDecoded.await(10, TimeUnit.SECONDS), "the third frame was decoded");
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          DecodedFrame decoded = real.decode(text);
          if (text.equals(third)) {
            thirdDecoded.countDown();
          }
          return decoded;
        };
    start(8, databaseUp::get, decoder);
    pipeline.submit(first);
    pipeline.submit(frame("440_second"));
    pipeline.submit(third);
    assertEquals(0, pipeline.stop(Duration.ofSeconds(10)));
    pipeline = null;

    assertEquals(
        List.of("440_first", "440_second", "440_third"),
        store.writes.stream().map(listing -> listing.key().id()).toList());
  }

  @Test
  void aFrameTheDecoderFailsOnIsQuarantinedWholeAndTheRestGoOn() throws Exception {
    BptfFrameDecoder real = new BptfFrameDecoder();
    String bad = frame("440_bad");
    start(
        8,
        databaseUp::get,
        text -> {
          if (text.equals(bad)) {
            throw new IllegalStateException("decoder bug");
          }
          return real.decode(text);
        });
    pipeline.submit(frame("440_1"));
    pipeline.submit(bad);
    pipeline.submit(frame("440_2"));
    assertEquals(0, pipeline.stop(Duration.ofSeconds(10)));
    pipeline = null;

    assertEquals(Set.of("440_1", "440_2"), store.stored.keySet());
    assertEquals(1, quarantine.inputs.size());
    assertEquals(bad, quarantine.inputs.get(0).raw(), "the whole frame is kept as received");
    assertTrue(
        quarantine.inputs.get(0).reason().contains("decoder bug"),
        quarantine.inputs.get(0).reason());
    assertEquals(1, monitor.view().quarantined());
  }

  @Test
  void keepsFramesWhileTheDatabaseIsDownAndAppliesThemWhenItIsBack() throws Exception {
    store.failing.set(true);
    databaseUp.set(false);
    start(2, databaseUp::get);

    CompletableFuture<Void> producer =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < 6; i++) {
                try {
                  pipeline.submit(frame("440_" + i));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }
            });
    await("the queue to fill", () -> pipeline.depth() == 2);
    assertFalse(producer.isDone(), "the socket thread is held back while the queue is full");
    assertTrue(store.stored.isEmpty());

    store.failing.set(false);
    databaseUp.set(true);
    producer.get(10, TimeUnit.SECONDS);
    await("every frame to be applied", () -> store.stored.size() == 6);
    assertTrue(quarantine.inputs.isEmpty(), "nothing is quarantined for a database outage");
  }

  @Test
  void aFrameTheDatabaseRefusesIsQuarantinedAndTheRestGoOn() throws Exception {
    store.poison = "440_poison";
    start(8, databaseUp::get);
    String bad = frame("440_a", "440_poison");
    pipeline.submit(frame("440_1"));
    pipeline.submit(bad);
    pipeline.submit(frame("440_2"));
    pipeline.stop(Duration.ofSeconds(10));
    pipeline = null;

    assertEquals(Set.of("440_1", "440_2"), store.stored.keySet());
    assertEquals(1, quarantine.inputs.size());
    QuarantinedInput kept = quarantine.inputs.get(0);
    assertEquals(bad, kept.raw(), "the whole frame is kept as received");
    assertTrue(kept.reason().startsWith("could not be stored"), kept.reason());
  }

  @Test
  void aTakenOverLeaseStopsTheApplierAtOnceAndQuarantinesNothing() throws Exception {
    Lease lease = new Lease(Source.BPTF, "node-a", 1);
    store.currentEpoch = 1;
    AtomicInteger fenced = new AtomicInteger();
    start(8, databaseUp::get, new BptfFrameDecoder(), lease).onFenced(fenced::incrementAndGet);
    pipeline.submit(frame("440_1"));
    await("the first frame", () -> store.stored.size() == 1);

    store.currentEpoch = 2;
    pipeline.submit(frame("440_2"));
    await("the fence to be reported", () -> fenced.get() == 1);
    assertFalse(pipeline.submit(frame("440_3")), "a fenced pipeline takes no more frames");
    assertEquals(Set.of("440_1"), store.stored.keySet());
    assertTrue(quarantine.inputs.isEmpty(), "a lost lease is not bad input");
    assertEquals("the lease was taken over by another instance", monitor.view().problem());
  }

  /** Keeps listings in a map; can fail every call, or any batch holding one listing id. */
  private static final class FakeListingStore implements ListingStore, ListingRecords {
    final Map<String, Listing> stored = new HashMap<>();
    final List<Listing> writes = new CopyOnWriteArrayList<>();
    final AtomicBoolean failing = new AtomicBoolean();
    volatile String poison;
    volatile long currentEpoch;
    private long seq;

    @Override
    public synchronized long[] append(Source source, List<LogEntry> entries, Lease lease) {
      if (lease != null && lease.epoch() < currentEpoch) {
        throw new LeaseLostException(lease);
      }
      if (failing.get()) {
        throw new IllegalStateException("database down");
      }
      if (poison != null && entries.stream().anyMatch(e -> e.key().id().equals(poison))) {
        throw new IllegalStateException("value too long for column");
      }
      long[] seqs = new long[entries.size()];
      for (int i = 0; i < entries.size(); i++) {
        LogEntry entry = entries.get(i);
        Listing listing =
            new Listing(
                entry.snapshot(),
                entry.updatedAt(),
                entry.deletedAt(),
                entry.eventId(),
                entry.eventAt());
        stored.put(entry.key().id(), listing);
        writes.add(listing);
        seqs[i] = ++seq;
      }
      return seqs;
    }

    @Override
    public Set<String> applied(Map<String, ListingState> candidates) {
      return Set.of();
    }

    @Override
    public List<Listing> load(List<ListingState> states) {
      return List.of();
    }

    @Override
    public List<HistoryEntry> history(ListingState state, int limit) {
      return List.of();
    }

    @Override
    public void states(Consumer<List<ListingState>> sink) {}

    @Override
    public List<Logged> after(Source source, long seq, int max) {
      return List.of();
    }

    @Override
    public void checkpoint(Source source, List<ListingState> latest, long upTo) {}

    @Override
    public long checkpointSeq(Source source) {
      return 0;
    }

    @Override
    public int purgeHistory(Instant cutoff) {
      return 0;
    }
  }

  private static final class FakeQuarantine implements QuarantineStore {
    final List<QuarantinedInput> inputs = new CopyOnWriteArrayList<>();

    @Override
    public void addAll(Collection<QuarantinedInput> more) {
      inputs.addAll(more);
    }

    @Override
    public long count(Source source) {
      return inputs.size();
    }

    @Override
    public List<QuarantinedInput> latest(Source source, int limit) {
      return new ArrayList<>(inputs);
    }
  }
}
