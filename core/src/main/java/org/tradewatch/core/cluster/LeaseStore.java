package org.tradewatch.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.tradewatch.core.listing.Source;

/**
 * The leases in the database every instance shares; the persistence module implements it. Each call
 * is one transaction; times come from the caller's clock, so the instances' clocks must agree to
 * well within the lease's duration (NTP does).
 */
public interface LeaseStore {

  /**
   * Takes the lease of {@code source} for {@code holder} when nobody holds it (never held,
   * released, or lapsed before {@code now}), with a new epoch, until {@code now + ttl}.
   *
   * @return the lease, or empty when another instance holds it
   */
  Optional<Lease> acquire(Source source, String holder, Instant now, Duration ttl);

  /**
   * Extends a held lease until {@code now + ttl}.
   *
   * @return false when it is no longer this lease (another instance took it over)
   */
  boolean renew(Lease lease, Instant now, Duration ttl);

  /** Gives the lease up at once, so another instance may take over without waiting. */
  void release(Lease lease, Instant now);

  /** The lease of {@code source} as stored, or empty if it was never held. */
  Optional<LeaseView> view(Source source);
}
