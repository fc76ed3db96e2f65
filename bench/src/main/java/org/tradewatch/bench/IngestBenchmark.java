package org.tradewatch.bench;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.stream.ListingEvent;

/**
 * Issue 6, items 1 and 3: the simulator streams N backpack.tf events in frames of 500 as fast as
 * the consumer takes them. Prints the end-to-end rate (socket to committed rows, in a Tradewatch
 * with {@code -Xmx512m} and an H2 file database), the decode-only rate of the same frames (a client
 * that parses and drops them), their ratio and Tradewatch's peak heap, then checks that the store
 * holds exactly the listings the simulator sent. Both runs use the same seed and the simulator's
 * synthetic clock, so they see the same frames.
 *
 * <p>With a {@code dbOptions} such as H2's {@code ;THROTTLE=450} (the database sleeps 450 ms after
 * every 50 ms of work: ten times slower) the same run shows what a slow database does: the queue
 * fills, the lag shows in {@code /api/streams}, memory stays bounded and no event is lost.
 */
final class IngestBenchmark {

  private static final Duration PATIENCE = Duration.ofMinutes(30);

  /** What one run measured; {@code prefix} names its figures. */
  record Result(
      double perSecond,
      long peakHeapBytes,
      Bench.HeapAfterGc heapAfterGc,
      long peakLagMillis,
      int peakQueueDepth,
      long listings,
      long accounted,
      boolean outOfMemory) {}

  private final Bench.Setup setup;
  private final List<String> tradewatchJvm;
  private double lastRate;

  IngestBenchmark(Bench.Setup setup, List<String> tradewatchJvm) {
    this.setup = setup;
    this.tradewatchJvm = tradewatchJvm;
  }

  /**
   * Runs the end-to-end and the decode-only pass and prints {@code prefix.*} figures.
   *
   * @return whether the store held exactly what the simulator sent
   */
  boolean run(String prefix, long events, String dbOptions, boolean decodeOnlyToo)
      throws Exception {
    Path dir = setup.fresh(prefix);
    try (MicroServer simulator = setup.startSimulator(dir, FrameReader.fullSpeed(events))) {
      Result stored = endToEnd(dir, simulator, events, dbOptions);
      lastRate = stored.perSecond();
      simulator.post("/control/bptf/config?restart=true");
      DecodeOnly decoded = decodeOnly(simulator, events);

      Bench.print(prefix + ".events", events, "events");
      Bench.print(prefix + ".endToEnd", stored.perSecond(), "events/s");
      if (decodeOnlyToo) {
        Bench.print(prefix + ".decodeOnly", decoded.perSecond(), "events/s");
        Bench.print(prefix + ".ratio", stored.perSecond() / decoded.perSecond(), "");
      }
      Bench.print(prefix + ".peakHeap", stored.peakHeapBytes() / (1024.0 * 1024.0), "MiB");
      Bench.HeapAfterGc gc = stored.heapAfterGc();
      Bench.print(
          prefix + (gc.afterFull() ? ".liveHeapAfterFullGc" : ".heapAfterYoungGc"),
          gc.peakMiB(),
          "MiB");
      Bench.print(prefix + ".fullGcs", gc.fullCollections(), "");
      Bench.print(prefix + ".peakLag", stored.peakLagMillis(), "ms");
      Bench.print(prefix + ".peakQueueDepth", stored.peakQueueDepth(), "frames");
      Bench.print(prefix + ".storedListings", stored.listings(), "listings");
      Bench.print(prefix + ".sentListings", decoded.listings().size(), "listings");
      boolean exact =
          stored.listings() == decoded.listings().size()
              && stored.accounted() == events
              && !stored.outOfMemory();
      Bench.print(
          prefix + ".check",
          exact
              ? "store holds exactly what the simulator sent"
              : "FAILED (events accounted for "
                  + stored.accounted()
                  + " of "
                  + events
                  + (stored.outOfMemory() ? ", OutOfMemoryError in the log" : "")
                  + ")");
      return exact;
    }
  }

  /** The end-to-end rate of the last run, in events per second. */
  double lastRate() {
    return lastRate;
  }

  record DecodeOnly(double perSecond, Set<ListingKey> listings) {}

  private Result endToEnd(Path dir, MicroServer simulator, long events, String dbOptions)
      throws Exception {
    try (MicroServer tradewatch = setup.startTradewatch(dir, simulator, dbOptions, tradewatchJvm)) {
      long peakHeap = 0;
      long peakLag = 0;
      int peakDepth = 0;
      long started = 0;
      long accounted = 0;
      long lastHeapAt = 0;
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (System.nanoTime() < deadline) {
        JsonObject stream = Bench.bptfStream(tradewatch);
        long now = System.nanoTime();
        if (started == 0 && stream.getJsonNumber("framesReceived").longValue() > 0) {
          started = now;
        }
        accounted = Bench.accounted(stream);
        peakLag = Math.max(peakLag, stream.getJsonNumber("lagMillis").longValue());
        peakDepth = Math.max(peakDepth, stream.getInt("queueDepth"));
        // The polls cost the measured process too: the heap once a second is enough for a peak.
        if (now - lastHeapAt >= TimeUnit.SECONDS.toNanos(1)) {
          peakHeap = Math.max(peakHeap, Bench.usedHeap(tradewatch));
          lastHeapAt = now;
        }
        if (accounted >= events && stream.getInt("queueDepth") == 0) {
          double seconds = (now - started) / 1e9;
          return new Result(
              events / seconds,
              peakHeap,
              Bench.HeapAfterGc.read(dir.resolve("gc.log")),
              peakLag,
              peakDepth,
              Bench.countListings(tradewatch),
              accounted,
              Bench.ranOutOfMemory(dir.resolve("tradewatch.log")));
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
      }
      throw new IllegalStateException(
          "Tradewatch accounted for " + accounted + " of " + events + " events in " + PATIENCE);
    }
  }

  private static DecodeOnly decodeOnly(MicroServer simulator, long events) throws Exception {
    Set<ListingKey> listings = new HashSet<>();
    double rate =
        FrameReader.read(
            simulator,
            events,
            frame -> {
              for (ListingEvent event : frame.events()) {
                listings.add(event.key());
              }
            },
            PATIENCE);
    return new DecodeOnly(rate, listings);
  }
}
