package org.tradewatch.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.tradewatch.core.listing.Source;

/**
 * The lease store's contract in memory, with a switch that makes every call fail, one that makes
 * renewals fail as taken over, and a hook that runs once an acquisition is decided (to let it take
 * time).
 */
final class InMemoryLeaseStore implements LeaseStore {

  private final Map<Source, LeaseView> rows = new EnumMap<>(Source.class);
  boolean unreachable;
  boolean renewalsRefused;
  Runnable afterAcquire = () -> {};

  @Override
  public synchronized Optional<Lease> acquire(
      Source source, String holder, Instant now, Duration ttl) {
    reachable();
    LeaseView row = rows.get(source);
    if (row != null && row.heldAt(now)) {
      return Optional.empty();
    }
    long epoch = row == null ? 1 : row.epoch() + 1;
    LeaseView.Takeover takeover =
        row == null
            ? null
            : new LeaseView.Takeover(
                row.holder(), holder, now, row.released(), row.lastAppliedAt(), null);
    rows.put(
        source, new LeaseView(source, holder, epoch, now, now.plus(ttl), false, null, takeover));
    afterAcquire.run();
    return Optional.of(new Lease(source, holder, epoch));
  }

  @Override
  public synchronized boolean renew(Lease lease, Instant now, Duration ttl) {
    reachable();
    LeaseView row = current(lease);
    if (row == null || renewalsRefused) {
      return false;
    }
    rows.put(
        lease.source(),
        new LeaseView(
            row.source(),
            row.holder(),
            row.epoch(),
            row.acquiredAt(),
            now.plus(ttl),
            false,
            row.lastAppliedAt(),
            row.lastTakeover()));
    return true;
  }

  @Override
  public synchronized void release(Lease lease, Instant now) {
    reachable();
    LeaseView row = current(lease);
    if (row != null) {
      rows.put(
          lease.source(),
          new LeaseView(
              row.source(),
              row.holder(),
              row.epoch(),
              row.acquiredAt(),
              now,
              true,
              row.lastAppliedAt(),
              row.lastTakeover()));
    }
  }

  @Override
  public synchronized Optional<LeaseView> view(Source source) {
    return Optional.ofNullable(rows.get(source));
  }

  private LeaseView current(Lease lease) {
    LeaseView row = rows.get(lease.source());
    return row != null && row.epoch() == lease.epoch() && row.holder().equals(lease.holder())
        ? row
        : null;
  }

  private void reachable() {
    if (unreachable) {
      throw new IllegalStateException("database unreachable");
    }
  }
}
