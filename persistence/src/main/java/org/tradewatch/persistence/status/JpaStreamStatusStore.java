package org.tradewatch.persistence.status;

import jakarta.persistence.EntityManagerFactory;
import java.util.Objects;
import java.util.Optional;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.status.StreamCounters;
import org.tradewatch.core.status.StreamStatusStore;
import org.tradewatch.persistence.Transactions;

/** Stream counters in JPA. Thread-safe: every call uses an entity manager of its own. */
public final class JpaStreamStatusStore implements StreamStatusStore {

  private final EntityManagerFactory factory;

  public JpaStreamStatusStore(EntityManagerFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  @Override
  public Optional<StreamCounters> load(Source source) {
    Objects.requireNonNull(source, "source");
    return Transactions.read(
        factory,
        em ->
            Optional.ofNullable(em.find(StreamStatusEntity.class, source.id()))
                .map(StreamStatusEntity::toCounters));
  }

  @Override
  public void save(StreamCounters counters) {
    Objects.requireNonNull(counters, "counters");
    Transactions.write(
        factory,
        em -> {
          // Each source's consumer is the only writer of its row, so no lock is taken.
          StreamStatusEntity entity = em.find(StreamStatusEntity.class, counters.source().id());
          if (entity == null) {
            entity = new StreamStatusEntity(counters.source());
            entity.write(counters);
            em.persist(entity);
          } else {
            entity.write(counters);
          }
          return null;
        });
  }
}
