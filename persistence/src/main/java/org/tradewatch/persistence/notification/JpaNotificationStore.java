package org.tradewatch.persistence.notification;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tradewatch.core.notification.FolderCopy;
import org.tradewatch.core.notification.NotificationFolder;
import org.tradewatch.core.notification.NotificationStore;
import org.tradewatch.core.notification.StoredNotification;
import org.tradewatch.core.notification.TokenHash;
import org.tradewatch.core.notification.TokenState;
import org.tradewatch.core.notification.UpstreamPage;
import org.tradewatch.persistence.Transactions;

/** Notification copies in JPA. Thread-safe: every call uses an entity manager of its own. */
public final class JpaNotificationStore implements NotificationStore {

  /** Ids per IN list, well below every database's limit on bind parameters. */
  private static final int IN_LIST = 200;

  private final EntityManagerFactory factory;

  public JpaNotificationStore(EntityManagerFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  @Override
  public Optional<TokenState> tokenState(TokenHash token) {
    return Transactions.read(
        factory,
        em -> {
          NotificationTokenEntity entity = em.find(NotificationTokenEntity.class, token.hex());
          return entity == null
              ? Optional.empty()
              : Optional.of(new TokenState(entity.lastSearchAt, entity.version()));
        });
  }

  @Override
  public boolean claimSearch(TokenHash token, long nowMillis, long windowMillis) {
    String hash = token.hex();
    try {
      return Transactions.write(
          factory,
          em -> {
            // Locked, so two instances claiming at once are ordered and the second sees the first.
            NotificationTokenEntity entity =
                em.find(NotificationTokenEntity.class, hash, LockModeType.PESSIMISTIC_WRITE);
            if (entity == null) {
              entity = new NotificationTokenEntity(hash);
              entity.searchClaimedAt = nowMillis;
              em.persist(entity);
              return true;
            }
            long latest = Math.max(entity.lastSearchAt, entity.searchClaimedAt());
            if (nowMillis - latest < windowMillis) {
              return false;
            }
            entity.searchClaimedAt = nowMillis;
            return true;
          });
    } catch (RuntimeException e) {
      // Two first claims insert the same row: the one that lost the race finds it now.
      if (tokenState(token).isPresent()) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void releaseClaim(TokenHash token, long claimedAtMillis) {
    Transactions.write(
        factory,
        em -> {
          NotificationTokenEntity entity =
              em.find(NotificationTokenEntity.class, token.hex(), LockModeType.PESSIMISTIC_WRITE);
          if (entity != null && entity.searchClaimedAt() == claimedAtMillis) {
            entity.searchClaimedAt = 0L;
          }
          return null;
        });
  }

  /** Marks the token's copy changed, in the caller's transaction; nothing for an unknown token. */
  private static void changed(EntityManager em, String hash) {
    NotificationTokenEntity entity = em.find(NotificationTokenEntity.class, hash);
    if (entity != null) {
      entity.changed();
    }
  }

  @Override
  public Optional<FolderCopy> folder(TokenHash token, NotificationFolder folder) {
    return Transactions.read(factory, em -> folderCopy(em, token.hex(), folder.code()));
  }

  private static Optional<FolderCopy> folderCopy(EntityManager em, String hash, int folder) {
    NotificationFolderEntity entity =
        em.find(NotificationFolderEntity.class, new NotificationFolderEntity.Key(hash, folder));
    if (entity == null) {
      return Optional.empty();
    }
    Long newest =
        em.createQuery(
                "SELECT MAX(n.sent) FROM NotificationEntity n"
                    + " WHERE n.tokenHash = :token AND n.folder = :folder",
                Long.class)
            .setParameter("token", hash)
            .setParameter("folder", folder)
            .getSingleResult();
    return Optional.of(
        new FolderCopy(
            entity.folderCount, entity.complete, entity.syncedAt, entity.fullSyncAt, newest));
  }

  @Override
  public void saveSearch(
      TokenHash token,
      NotificationFolder folder,
      UpstreamPage page,
      boolean replace,
      long atMillis) {
    String hash = token.hex();
    int code = folder.code();
    Transactions.write(
        factory,
        em -> {
          NotificationTokenEntity tokenEntity = em.find(NotificationTokenEntity.class, hash);
          if (tokenEntity == null) {
            tokenEntity = new NotificationTokenEntity(hash);
            em.persist(tokenEntity);
          }
          tokenEntity.lastSearchAt = atMillis;
          tokenEntity.searchClaimedAt = 0L;
          tokenEntity.changed();
          if (replace) {
            em.createQuery(
                    "DELETE FROM NotificationEntity n"
                        + " WHERE n.tokenHash = :token AND n.folder = :folder")
                .setParameter("token", hash)
                .setParameter("folder", code)
                .executeUpdate();
          }
          Map<String, StoredNotification> byId = new LinkedHashMap<>();
          page.notifications().forEach(n -> byId.put(n.id(), n));
          for (StoredNotification notification : byId.values()) {
            NotificationEntity existing =
                em.find(
                    NotificationEntity.class, new NotificationEntity.Key(hash, notification.id()));
            if (existing == null) {
              em.persist(new NotificationEntity(hash, code, notification));
            } else {
              existing.write(code, notification);
            }
          }
          em.flush();
          long stored = count(em, hash, code);
          NotificationFolderEntity folderEntity =
              em.find(NotificationFolderEntity.class, new NotificationFolderEntity.Key(hash, code));
          boolean wasComplete = folderEntity != null && folderEntity.complete;
          if (folderEntity == null) {
            folderEntity = new NotificationFolderEntity(hash, code);
            em.persist(folderEntity);
          }
          folderEntity.folderCount = page.folderCount();
          folderEntity.syncedAt = atMillis;
          if (replace) {
            folderEntity.fullSyncAt = atMillis;
          }
          folderEntity.complete = (replace || wasComplete) && stored == page.folderCount();
          return null;
        });
  }

  private static long count(EntityManager em, String hash, int folder) {
    return em.createQuery(
            "SELECT COUNT(n) FROM NotificationEntity n"
                + " WHERE n.tokenHash = :token AND n.folder = :folder",
            Long.class)
        .setParameter("token", hash)
        .setParameter("folder", folder)
        .getSingleResult();
  }

  @Override
  public List<StoredNotification> page(
      TokenHash token,
      NotificationFolder folder,
      Set<Integer> types,
      Long since,
      int skip,
      int limit) {
    return Transactions.read(
        factory,
        em -> {
          StringBuilder jpql =
              new StringBuilder(
                  "SELECT n FROM NotificationEntity n"
                      + " WHERE n.tokenHash = :token AND n.folder = :folder");
          if (types != null) {
            jpql.append(" AND n.type IN :types");
          }
          if (since != null) {
            jpql.append(" AND n.sent >= :since");
          }
          jpql.append(" ORDER BY n.sent DESC, n.notificationId DESC");
          TypedQuery<NotificationEntity> query =
              em.createQuery(jpql.toString(), NotificationEntity.class)
                  .setParameter("token", token.hex())
                  .setParameter("folder", folder.code());
          if (types != null) {
            query.setParameter("types", List.copyOf(types));
          }
          if (since != null) {
            query.setParameter("since", since);
          }
          return query.setFirstResult(skip).setMaxResults(limit).getResultList().stream()
              .map(NotificationEntity::toNotification)
              .toList();
        });
  }

  @Override
  public void markedRead(TokenHash token, NotificationFolder folder) {
    Transactions.write(
        factory,
        em -> {
          em.createQuery(
                  "UPDATE NotificationEntity n SET n.unreadJson = NULL"
                      + " WHERE n.tokenHash = :token AND n.folder = :folder")
              .setParameter("token", token.hex())
              .setParameter("folder", folder.code())
              .executeUpdate();
          changed(em, token.hex());
          return null;
        });
  }

  @Override
  public void emptied(TokenHash token, NotificationFolder folder) {
    String hash = token.hex();
    Transactions.write(
        factory,
        em -> {
          em.createQuery(
                  "DELETE FROM NotificationEntity n"
                      + " WHERE n.tokenHash = :token AND n.folder = :folder")
              .setParameter("token", hash)
              .setParameter("folder", folder.code())
              .executeUpdate();
          NotificationFolderEntity entity =
              em.find(
                  NotificationFolderEntity.class,
                  new NotificationFolderEntity.Key(hash, folder.code()));
          if (entity != null) {
            entity.folderCount = 0;
            entity.complete = true;
          }
          changed(em, hash);
          return null;
        });
  }

  @Override
  public void deleted(TokenHash token, Collection<String> ids, long modified) {
    String hash = token.hex();
    List<String> all = List.copyOf(Set.copyOf(ids));
    Transactions.write(
        factory,
        em -> {
          int[] removed = new int[2];
          for (int from = 0; from < all.size(); from += IN_LIST) {
            List<String> part = all.subList(from, Math.min(all.size(), from + IN_LIST));
            List<NotificationEntity> rows =
                em.createQuery(
                        "SELECT n FROM NotificationEntity n"
                            + " WHERE n.tokenHash = :token AND n.notificationId IN :ids",
                        NotificationEntity.class)
                    .setParameter("token", hash)
                    .setParameter("ids", part)
                    .getResultList();
            for (NotificationEntity row : rows) {
              removed[row.folder]++;
              em.remove(row);
            }
          }
          // Upstream deleted ids the copy never had: their folder is unknown, so neither count
          // can be trusted, and the next search goes upstream (this delete was one call, so the
          // polling budget is not exceeded) instead of answering with a wrong folder_count.
          boolean unknownDeleted = modified > removed[0] + removed[1];
          NotificationTokenEntity tokenEntity = em.find(NotificationTokenEntity.class, hash);
          if (tokenEntity != null) {
            tokenEntity.changed();
            if (unknownDeleted) {
              tokenEntity.lastSearchAt = 0;
              tokenEntity.searchClaimedAt = 0L;
            }
          }
          for (int folder = 0; folder < 2; folder++) {
            NotificationFolderEntity entity =
                em.find(
                    NotificationFolderEntity.class, new NotificationFolderEntity.Key(hash, folder));
            if (entity != null) {
              entity.folderCount = Math.max(0, entity.folderCount - removed[folder]);
              if (unknownDeleted) {
                entity.complete = false;
              }
            }
          }
          return null;
        });
  }
}
