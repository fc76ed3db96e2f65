package org.tradewatch.persistence.watch;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tradewatch.core.watch.Alert;
import org.tradewatch.core.watch.AlertPage;
import org.tradewatch.core.watch.AlertStore;
import org.tradewatch.persistence.EpochMicrosConverter;
import org.tradewatch.persistence.InClause;
import org.tradewatch.persistence.Transactions;

/** Alerts in JPA. Thread-safe: every call uses an entity manager of its own. */
public final class JpaAlertStore implements AlertStore {

  private static final EpochMicrosConverter MICROS = new EpochMicrosConverter();

  private final EntityManagerFactory factory;

  public JpaAlertStore(EntityManagerFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** The columns of {@link AlertEntity}, written by JDBC: see {@link #add}. */
  static final String INSERT =
      "INSERT INTO watch_alert (id, owner_key, watch_id, source, listing_id, item_key, item_name,"
          + " quality, intent, value_amount, value_unit, reason, created_at, is_read)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * Stores alerts in one JDBC batch: a busy market raises thousands a second, and persisting each
   * as an entity cost several times the CPU and garbage of the insert itself.
   */
  @Override
  public List<Alert> add(List<Alert> alerts) {
    Objects.requireNonNull(alerts, "alerts");
    if (alerts.isEmpty()) {
      return List.of();
    }
    return Transactions.write(
        factory,
        em -> {
          Set<String> watches = new HashSet<>();
          for (List<String> part : InClause.parts(alerts.stream().map(Alert::watchId).toList())) {
            watches.addAll(
                em.createQuery("SELECT w.id FROM WatchEntity w WHERE w.id IN :ids", String.class)
                    .setParameter("ids", part)
                    .getResultList());
          }
          List<Alert> stored = new ArrayList<>(alerts.size());
          for (Alert alert : alerts) {
            if (watches.contains(alert.watchId())) {
              stored.add(alert);
            }
          }
          if (!stored.isEmpty()) {
            insert(em.unwrap(Connection.class), stored);
          }
          return stored;
        });
  }

  private static void insert(Connection connection, List<Alert> alerts) {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (Alert alert : alerts) {
        int i = 0;
        insert.setString(++i, alert.id());
        insert.setString(++i, alert.owner());
        insert.setString(++i, alert.watchId());
        insert.setString(++i, alert.listing().source().id());
        insert.setString(++i, alert.listing().id());
        text(insert, ++i, alert.item() == null ? null : alert.item().id());
        text(insert, ++i, alert.itemName());
        text(insert, ++i, alert.quality());
        text(insert, ++i, alert.intent() == null ? null : alert.intent().id());
        if (alert.value() == null) {
          insert.setNull(++i, Types.DECIMAL);
        } else {
          insert.setBigDecimal(++i, alert.value());
        }
        insert.setString(++i, alert.valueUnit());
        insert.setString(++i, alert.reason().id());
        insert.setLong(++i, MICROS.convertToDatabaseColumn(alert.at()));
        insert.setBoolean(++i, alert.read());
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new PersistenceException("storing " + alerts.size() + " alerts failed", e);
    }
  }

  private static void text(PreparedStatement statement, int index, String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  @Override
  public AlertPage list(String owner, boolean unreadOnly, int skip, int limit) {
    Objects.requireNonNull(owner, "owner");
    if (skip < 0 || limit < 1) {
      throw new IllegalArgumentException("skip is not negative and limit is positive");
    }
    String unread = unreadOnly ? " AND a.read = FALSE" : "";
    return Transactions.read(
        factory,
        em -> {
          List<Alert> alerts =
              em
                  .createQuery(
                      "SELECT a FROM AlertEntity a WHERE a.owner = :owner"
                          + unread
                          + " ORDER BY a.at DESC, a.id DESC",
                      AlertEntity.class)
                  .setParameter("owner", owner)
                  .setFirstResult(skip)
                  .setMaxResults(limit)
                  .getResultList()
                  .stream()
                  .map(AlertEntity::toAlert)
                  .toList();
          long total =
              em.createQuery(
                      "SELECT COUNT(a) FROM AlertEntity a WHERE a.owner = :owner" + unread,
                      Long.class)
                  .setParameter("owner", owner)
                  .getSingleResult();
          long unreadCount =
              unreadOnly
                  ? total
                  : em.createQuery(
                          "SELECT COUNT(a) FROM AlertEntity a WHERE a.owner = :owner"
                              + " AND a.read = FALSE",
                          Long.class)
                      .setParameter("owner", owner)
                      .getSingleResult();
          return new AlertPage(alerts, total, unreadCount);
        });
  }

  @Override
  public Optional<Alert> find(String owner, String id) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(id, "id");
    return Transactions.read(
        factory,
        em ->
            Optional.ofNullable(em.find(AlertEntity.class, id))
                .filter(entity -> entity.owner.equals(owner))
                .map(AlertEntity::toAlert));
  }

  @Override
  public int markRead(String owner, Collection<String> ids, boolean read) {
    Objects.requireNonNull(owner, "owner");
    return Transactions.write(
        factory,
        em -> {
          int changed = 0;
          for (List<String> part : InClause.parts(ids)) {
            changed +=
                em.createQuery(
                        "UPDATE AlertEntity a SET a.read = :read"
                            + " WHERE a.owner = :owner AND a.id IN :ids AND a.read <> :read")
                    .setParameter("read", read)
                    .setParameter("owner", owner)
                    .setParameter("ids", part)
                    .executeUpdate();
          }
          return changed;
        });
  }

  @Override
  public int markAllRead(String owner) {
    Objects.requireNonNull(owner, "owner");
    return Transactions.write(
        factory,
        em ->
            em.createQuery(
                    "UPDATE AlertEntity a SET a.read = TRUE"
                        + " WHERE a.owner = :owner AND a.read = FALSE")
                .setParameter("owner", owner)
                .executeUpdate());
  }

  @Override
  public int delete(String owner, Collection<String> ids) {
    Objects.requireNonNull(owner, "owner");
    return Transactions.write(
        factory,
        em -> {
          int deleted = 0;
          for (List<String> part : InClause.parts(ids)) {
            deleted +=
                em.createQuery("DELETE FROM AlertEntity a WHERE a.owner = :owner AND a.id IN :ids")
                    .setParameter("owner", owner)
                    .setParameter("ids", part)
                    .executeUpdate();
          }
          return deleted;
        });
  }

  @Override
  public int deleteAll(String owner) {
    Objects.requireNonNull(owner, "owner");
    return Transactions.write(
        factory,
        em ->
            em.createQuery("DELETE FROM AlertEntity a WHERE a.owner = :owner")
                .setParameter("owner", owner)
                .executeUpdate());
  }

  @Override
  public Map<String, Long> countsByWatch(String owner, Instant since) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(since, "since");
    return Transactions.read(
        factory,
        em -> {
          Map<String, Long> counts = new HashMap<>();
          for (Object[] row :
              em.createQuery(
                      "SELECT a.watchId, COUNT(a) FROM AlertEntity a"
                          + " WHERE a.owner = :owner AND a.at >= :since GROUP BY a.watchId",
                      Object[].class)
                  .setParameter("owner", owner)
                  .setParameter("since", since)
                  .getResultList()) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
          }
          return counts;
        });
  }

  @Override
  public int purge(Instant before) {
    Objects.requireNonNull(before, "before");
    return Transactions.write(
        factory,
        em ->
            em.createQuery("DELETE FROM AlertEntity a WHERE a.at < :before")
                .setParameter("before", before)
                .executeUpdate());
  }

  /** The ids, each once, in statements' worth. */
}
