package org.tradewatch.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.Source;

class LeaseKeeperTest {

  private static final Duration TTL = Duration.ofSeconds(15);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
  private final InMemoryLeaseStore store = new InMemoryLeaseStore();

  /** What a consumer would be told, in order. */
  private static final class Recorder implements LeaseKeeper.Listener {
    final List<String> calls = new ArrayList<>();
    Lease running;

    @Override
    public void acquired(Lease lease) {
      calls.add("acquired " + lease.epoch());
      running = lease;
    }

    @Override
    public void lost(Lease lease, String why) {
      calls.add("lost " + lease.epoch() + ": " + why);
      running = null;
    }
  }

  private final Recorder a = new Recorder();
  private final Recorder b = new Recorder();
  private final LeaseKeeper keeperA = keeper("node-a", a);
  private final LeaseKeeper keeperB = keeper("node-b", b);

  private LeaseKeeper keeper(String instance, Recorder recorder) {
    return new LeaseKeeper(Source.BPTF, instance, store, TTL, clock, recorder);
  }

  @Test
  void oneInstanceHoldsTheLeaseAndTheOtherWaits() {
    keeperA.tick();
    keeperB.tick();
    assertEquals(List.of("acquired 1"), a.calls);
    assertEquals(List.of(), b.calls);
    for (int i = 0; i < 20; i++) {
      clock.advance(keeperA.interval());
      keeperA.tick();
      keeperB.tick();
      keeperA.enforceDeadline();
    }
    assertEquals(List.of("acquired 1"), a.calls, "renewed all along");
    assertEquals(List.of(), b.calls);
    assertEquals("node-a", store.view(Source.BPTF).orElseThrow().holder());
  }

  @Test
  void aKilledHolderIsTakenOverWithinTheLeaseAndOneInterval() {
    keeperA.tick();
    Instant killedAt = clock.instant();
    // node-a is killed: it ticks no more. node-b tries every interval.
    Instant takenAt = null;
    while (takenAt == null) {
      clock.advance(keeperB.interval());
      keeperB.tick();
      if (b.running != null) {
        takenAt = clock.instant();
      }
    }
    Duration takeover = Duration.between(killedAt, takenAt);
    assertTrue(takeover.compareTo(TTL.plus(keeperB.interval())) <= 0, "took " + takeover);
    assertTrue(takeover.compareTo(TTL) >= 0, "not before the lease lapsed: " + takeover);
    assertEquals(2, b.running.epoch(), "a new epoch fences the old holder's writes");
    LeaseView.Takeover last = store.view(Source.BPTF).orElseThrow().lastTakeover();
    assertEquals("node-a", last.from());
    assertEquals("node-b", last.to());
    assertEquals(false, last.released());
  }

  @Test
  void aHolderThatCannotRenewStopsBeforeAnyoneMayTakeOver() {
    keeperA.tick();
    store.unreachable = true;
    Instant lostAt = null;
    while (lostAt == null) {
      clock.advance(Duration.ofSeconds(1));
      if (clock.instant().getEpochSecond() % 5 == 0) {
        keeperA.tick();
      }
      keeperA.enforceDeadline();
      if (a.running == null) {
        lostAt = clock.instant();
      }
    }
    store.unreachable = false;
    Instant lapsesAt = store.view(Source.BPTF).orElseThrow().expiresAt();
    assertTrue(lostAt.isBefore(lapsesAt), "stopped at " + lostAt + ", lease lapses " + lapsesAt);
    assertTrue(
        Duration.between(lostAt, lapsesAt).compareTo(keeperA.interval()) >= 0,
        "a whole interval of margin");
    assertEquals("lost 1: the lease could not be renewed in time", a.calls.get(1));

    keeperB.tick();
    assertNull(b.running, "node-b waits until the lease lapses");
    clock.advance(Duration.between(clock.instant(), lapsesAt).plusMillis(1));
    keeperB.tick();
    assertNotNull(b.running);
  }

  @Test
  void aHolderThatFindsItsLeaseTakenOverStopsAndWaits() {
    keeperA.tick();
    store.unreachable = true;
    clock.advance(TTL.plusSeconds(1));
    store.unreachable = false;
    // node-a was paused past the lease (its deadline check did not run) and node-b took over.
    keeperB.tick();
    assertNotNull(b.running);
    keeperA.tick();
    assertEquals(List.of("acquired 1", "lost 1: another instance took the lease over"), a.calls);
    keeperA.tick();
    assertNull(a.running, "node-b holds it now");
  }

  @Test
  void aFencedWriteStopsTheConsumerOnce() {
    keeperA.tick();
    Lease lease = a.running;
    keeperA.fenced(lease);
    keeperA.fenced(lease);
    keeperA.enforceDeadline();
    assertEquals(List.of("acquired 1", "lost 1: a write found the lease taken over"), a.calls);
    assertNull(keeperA.held());
  }

  @Test
  void stoppingReleasesTheLeaseSoTheOtherTakesOverAtOnce() {
    keeperA.tick();
    keeperA.stop();
    assertEquals(List.of("acquired 1", "lost 1: stopping"), a.calls);
    keeperB.tick();
    assertEquals(List.of("acquired 2"), b.calls);
    assertTrue(store.view(Source.BPTF).orElseThrow().lastTakeover().released());
    keeperA.tick();
    assertEquals(2, a.calls.size(), "a stopped keeper takes nothing");
  }

  @Test
  void anUnreachableDatabaseOnlyDelaysTheFirstAcquisition() {
    store.unreachable = true;
    keeperA.tick();
    assertNull(a.running);
    store.unreachable = false;
    keeperA.tick();
    assertNotNull(a.running);
  }

  @Test
  void aSlowFirstAcquisitionIsRenewedAtOnceInsteadOfLapsing() {
    // The first call takes 9 s (the database starts up): the lease counts from before it.
    store.afterAcquire = () -> clock.advance(Duration.ofSeconds(9));
    keeperA.tick();
    keeperA.enforceDeadline();
    assertNotNull(a.running, "still running after the slow start");
    assertEquals(clock.instant().plus(TTL), store.view(Source.BPTF).orElseThrow().expiresAt());

    clock.advance(keeperA.interval());
    keeperA.enforceDeadline();
    assertNotNull(a.running);
  }

  @Test
  void anAcquisitionTooSlowToActOnIsGivenBack() {
    store.afterAcquire = () -> clock.advance(TTL);
    store.renewalsRefused = true;
    keeperA.tick();
    assertEquals(List.of(), a.calls, "never started");
    assertTrue(store.view(Source.BPTF).orElseThrow().released());
  }

  @Test
  void aLeaseShorterThanThreeSecondsIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new LeaseKeeper(Source.BPTF, "x", store, Duration.ofSeconds(2), clock, a));
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

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
      return now;
    }
  }
}
