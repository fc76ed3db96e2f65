package org.tradewatch.persistence.cluster;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.cluster.LeaseStore;
import org.tradewatch.core.cluster.LeaseView;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.Transactions;

/**
 * The leases in JPA. Every change reads the row with a write lock first, so two instances that try
 * to take a lapsed lease at once are ordered by the database and only the first gets it.
 */
public final class JpaLeaseStore implements LeaseStore {

  private final EntityManagerFactory factory;

  public JpaLeaseStore(EntityManagerFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  @Override
  public Optional<Lease> acquire(Source source, String holder, Instant now, Duration ttl) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(holder, "holder");
    Instant until = now.plus(ttl);
    try {
      return Transactions.write(
          factory,
          em -> {
            StreamLeaseEntity row =
                em.find(StreamLeaseEntity.class, source.id(), LockModeType.PESSIMISTIC_WRITE);
            if (row == null) {
              row = new StreamLeaseEntity(source);
              row.takeBy(holder, now, until);
              em.persist(row);
            } else if (row.heldAt(now)) {
              return Optional.empty();
            } else {
              row.takeBy(holder, now, until);
            }
            return Optional.of(new Lease(source, holder, row.epoch));
          });
    } catch (RuntimeException e) {
      // Two first acquisitions insert the same row: the one that lost the race sees it now.
      if (view(source).isPresent()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public boolean renew(Lease lease, Instant now, Duration ttl) {
    Objects.requireNonNull(lease, "lease");
    return Transactions.write(
        factory,
        em -> {
          StreamLeaseEntity row = held(em, lease);
          if (row == null) {
            return false;
          }
          row.expiresAt = now.plus(ttl);
          return true;
        });
  }

  @Override
  public void release(Lease lease, Instant now) {
    Objects.requireNonNull(lease, "lease");
    Transactions.write(
        factory,
        em -> {
          StreamLeaseEntity row = held(em, lease);
          if (row != null) {
            row.released = true;
            row.expiresAt = now;
          }
          return null;
        });
  }

  @Override
  public Optional<LeaseView> view(Source source) {
    Objects.requireNonNull(source, "source");
    return Transactions.read(
        factory,
        em ->
            Optional.ofNullable(em.find(StreamLeaseEntity.class, source.id()))
                .map(StreamLeaseEntity::toView));
  }

  private static StreamLeaseEntity held(jakarta.persistence.EntityManager em, Lease lease) {
    StreamLeaseEntity row =
        em.find(StreamLeaseEntity.class, lease.source().id(), LockModeType.PESSIMISTIC_WRITE);
    return row != null
            && !row.released
            && row.epoch == lease.epoch()
            && row.holder.equals(lease.holder())
        ? row
        : null;
  }
}
