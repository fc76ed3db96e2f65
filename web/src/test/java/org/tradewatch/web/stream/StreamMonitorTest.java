package org.tradewatch.web.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.ingest.IngestResult;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.status.EventRate;
import org.tradewatch.core.status.StreamCounters;
import org.tradewatch.web.stream.StreamMonitor.SkipReason;

/**
 * A stream's counts: each counted once, read as this run's counts by the metrics and, with what
 * earlier runs counted, as lifetime counts by {@code /api/streams}.
 */
class StreamMonitorTest {

  private static final Instant T0 = Instant.ofEpochSecond(1_800_000_000L);

  private final Instant[] now = {T0.plusMillis(200)};
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now[0];
        }
      };
  private final StreamMonitor monitor = new StreamMonitor(Source.BPTF, clock);

  private static IngestResult applied(int events) {
    return result(events, 0, 0, 0, 0, 0, Map.of());
  }

  private static IngestResult result(
      int applied,
      int superseded,
      int duplicates,
      int stale,
      int unknownDeletes,
      int quarantined,
      Map<String, Integer> ignored) {
    return new IngestResult(
        applied,
        superseded,
        duplicates,
        stale,
        unknownDeletes,
        quarantined,
        ignored,
        List.of(),
        List.of(),
        List.of());
  }

  @Test
  void theAppliedCountsOfEachBatchMakeTheChartAndTheRate() {
    monitor.applied(applied(3));
    monitor.applied(applied(2));
    now[0] = T0.plusSeconds(2);
    monitor.applied(applied(4));
    now[0] = T0.plusSeconds(3);

    assertEquals(
        new EventRate.Series(T0.getEpochSecond(), new long[] {5, 0, 4}),
        monitor.appliedPerSecond());
    assertEquals(9.0 / 4, monitor.view().eventsPerSecond(), "9 events over 4 seconds");
  }

  @Test
  void skippedEventsAreCountedByReasonAndTogether() {
    monitor.applied(result(1, 2, 3, 4, 5, 0, Map.of()));
    monitor.applied(result(0, 1, 0, 0, 1, 0, Map.of()));

    assertEquals(3, monitor.skippedSinceStart(SkipReason.SUPERSEDED));
    assertEquals(3, monitor.skippedSinceStart(SkipReason.DUPLICATE));
    assertEquals(4, monitor.skippedSinceStart(SkipReason.STALE));
    assertEquals(6, monitor.skippedSinceStart(SkipReason.UNKNOWN_DELETE));
    StreamMonitor.StreamView view = monitor.view();
    assertEquals(16, view.eventsSkipped());
    assertEquals(6, view.unknownDeletesSinceStart());
    assertEquals(16, monitor.counters().eventsSkipped());
  }

  @Test
  void restoredCountsShowInTheLifetimeFiguresAndLeaveThisRunsCountsAlone() {
    monitor.applied(result(10, 1, 0, 0, 0, 2, Map.of("client-limit-exceeded", 3)));
    monitor.connected(true);

    long quarantinedRows = 20;
    monitor.restore(
        new StreamCounters(Source.BPTF, 1000, 100, 50, 7, T0.minusSeconds(60)), quarantinedRows);

    StreamMonitor.StreamView restored = monitor.view();
    assertEquals(1000, restored.eventsApplied(), "the saved figures, as saved");
    assertEquals(100, restored.eventsSkipped());
    assertEquals(50, restored.eventsIgnored());
    assertEquals(7, restored.reconnects());
    assertEquals(20, restored.quarantined());
    assertEquals(T0.minusSeconds(60), restored.lastFrameAt());
    assertEquals(10, monitor.appliedSinceStart(), "this run's counts are not restored");
    assertEquals(1, monitor.skippedSinceStart(SkipReason.SUPERSEDED));
    assertEquals(3, monitor.ignoredSinceStart("client-limit-exceeded"));
    assertEquals(2, monitor.quarantinedSinceStart());
    assertEquals(1, monitor.reconnectsSinceStart());

    monitor.applied(result(5, 0, 1, 0, 0, 1, Map.of("client-limit-exceeded", 1)));
    monitor.connected(true);

    StreamCounters lifetime = monitor.counters();
    assertEquals(new StreamCounters(Source.BPTF, 1005, 101, 51, 8, T0.minusSeconds(60)), lifetime);
    assertEquals(21, monitor.view().quarantined());
    assertEquals(15, monitor.appliedSinceStart());
    assertEquals(2, monitor.reconnectsSinceStart());
  }

  @Test
  void aStandbyShowsWhatTheHolderSavedWhileItsOwnCountsNeverGoBack() {
    monitor.applied(applied(500));
    monitor.standby(null);

    // The holder saved less than this instance had counted before it lost the lease.
    monitor.restore(new StreamCounters(Source.BPTF, 400, 0, 0, 0, null), 0);
    assertEquals(400, monitor.view().eventsApplied());
    monitor.restore(new StreamCounters(Source.BPTF, 900, 0, 0, 0, null), 0);
    assertEquals(900, monitor.view().eventsApplied());

    assertEquals(500, monitor.appliedSinceStart());
  }

  @Test
  void ignoredEventsAreCountedByNameUpToALimitAndTheRestTogether() {
    List<String> told = new ArrayList<>();
    monitor.applied(result(0, 0, 0, 0, 0, 0, Map.of("client-limit-exceeded", 2)));
    monitor.onIgnoredName(told::add);
    assertEquals(List.of("client-limit-exceeded"), told, "names seen before are told at once");

    for (int i = 1; i < StreamMonitor.MAX_IGNORED_NAMES; i++) {
      monitor.applied(result(0, 0, 0, 0, 0, 0, Map.of("event-" + i, 1)));
    }
    monitor.applied(result(0, 0, 0, 0, 0, 0, Map.of("one-too-many", 4, "event-1", 1)));
    monitor.applied(result(0, 0, 0, 0, 0, 0, Map.of("x".repeat(65), 1, "another", 2)));
    monitor.applied(result(0, 0, 0, 0, 0, 0, Map.of("client-limit-exceeded", 1)));

    assertEquals(StreamMonitor.MAX_IGNORED_NAMES + 1, told.size(), "each name told once");
    assertEquals(StreamMonitor.OTHER_IGNORED, told.get(told.size() - 1));
    assertEquals(Set.copyOf(told), monitor.ignoredNames());
    assertEquals(3, monitor.ignoredSinceStart("client-limit-exceeded"));
    assertEquals(2, monitor.ignoredSinceStart("event-1"));
    assertEquals(4 + 1 + 2, monitor.ignoredSinceStart(StreamMonitor.OTHER_IGNORED));
    assertEquals(0, monitor.ignoredSinceStart("one-too-many"), "counted with the rest");
    assertEquals(3 + (StreamMonitor.MAX_IGNORED_NAMES - 1) + 1 + 7, monitor.view().eventsIgnored());
  }

  @Test
  void aFailingListenerDoesNotFailTheBatch() {
    monitor.onIgnoredName(
        name -> {
          throw new IllegalStateException("no registry");
        });

    monitor.applied(result(3, 0, 0, 0, 0, 0, Map.of("client-limit-exceeded", 1)));

    assertEquals(3, monitor.appliedSinceStart());
    assertEquals(1, monitor.ignoredSinceStart("client-limit-exceeded"));
  }

  @Test
  void queueDepthAndLagAreReadWhenAsked() {
    Instant[] oldest = {null};
    int[] depth = {0};
    monitor.watchQueue(() -> depth[0], () -> oldest[0]);
    assertEquals(0, monitor.lagMillis());

    depth[0] = 3;
    oldest[0] = now[0].minusMillis(1500);

    assertEquals(3, monitor.queueDepth());
    assertEquals(1500, monitor.lagMillis());
    assertEquals(1500, monitor.view().lagMillis());
    monitor.standby(null);
    assertEquals(0, monitor.queueDepth(), "a standby instance queues nothing");
  }
}
