package org.tradewatch.persistence.quarantine;

import jakarta.persistence.EntityManagerFactory;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.tradewatch.core.ingest.QuarantineStore;
import org.tradewatch.core.ingest.QuarantinedInput;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.Transactions;

/** The quarantine in JPA. Thread-safe: every call uses an entity manager of its own. */
public final class JpaQuarantineStore implements QuarantineStore {

  private final EntityManagerFactory factory;

  public JpaQuarantineStore(EntityManagerFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  @Override
  public void addAll(Collection<QuarantinedInput> inputs) {
    Objects.requireNonNull(inputs, "inputs");
    if (inputs.isEmpty()) {
      return;
    }
    Transactions.write(
        factory,
        em -> {
          for (QuarantinedInput input : inputs) {
            em.persist(new QuarantineEntity(input));
          }
          return null;
        });
  }

  @Override
  public long count(Source source) {
    Objects.requireNonNull(source, "source");
    return Transactions.read(
        factory,
        em ->
            em.createQuery(
                    "SELECT COUNT(q) FROM QuarantineEntity q WHERE q.source = :source", Long.class)
                .setParameter("source", source.id())
                .getSingleResult());
  }

  @Override
  public List<QuarantinedInput> latest(Source source, int limit) {
    Objects.requireNonNull(source, "source");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    if (limit == 0) {
      return List.of();
    }
    return Transactions.read(
        factory,
        em ->
            em
                .createQuery(
                    "SELECT q FROM QuarantineEntity q WHERE q.source = :source"
                        // Inputs received in the same instant come newest-stored first.
                        + " ORDER BY q.receivedAt DESC, q.recordedSeq DESC",
                    QuarantineEntity.class)
                .setParameter("source", source.id())
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(QuarantineEntity::toInput)
                .toList());
  }
}
