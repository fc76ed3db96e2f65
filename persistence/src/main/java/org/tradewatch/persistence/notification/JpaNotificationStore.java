package org.tradewatch.persistence.notification;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.tradewatch.core.notification.FolderCopy;
import org.tradewatch.core.notification.HeldPage;
import org.tradewatch.core.notification.NotificationFolder;
import org.tradewatch.core.notification.NotificationPage;
import org.tradewatch.core.notification.NotificationQuery;
import org.tradewatch.core.notification.NotificationStore;
import org.tradewatch.core.notification.StoredNotification;
import org.tradewatch.core.notification.TokenHash;
import org.tradewatch.core.notification.TokenState;
import org.tradewatch.persistence.Transactions;

/** Notification copies in JPA. Thread-safe: every call uses an entity manager of its own. */
public final class JpaNotificationStore implements NotificationStore {

  /** Ids per IN list, well below every database's limit on bind parameters. */
  private static final int IN_LIST = 200;

  /**
   * Held pages per token and folder besides the newest: the oldest fetched go first. A client
   * chooses {@code since} and {@code skip} freely, and each new pair is a page of its own.
   */
  static final int MAX_HELD_PAGES = 32;

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
    return claim(
        token,
        entity -> entity.searchClaimedAt = nowMillis,
        entity -> {
          long latest = Math.max(entity.lastSearchAt, entity.searchClaimedAt());
          if (nowMillis - latest < windowMillis) {
            return false;
          }
          entity.searchClaimedAt = nowMillis;
          return true;
        });
  }

  @Override
  public boolean claimPageLoad(TokenHash token, long nowMillis, long intervalMillis) {
    return claim(
        token,
        entity -> entity.pageLoadClaimedAt = nowMillis,
        entity -> {
          if (entity.pageLoadClaimedAt != null
              && nowMillis - entity.pageLoadClaimedAt < intervalMillis) {
            return false;
          }
          entity.pageLoadClaimedAt = nowMillis;
          return true;
        });
  }

  /**
   * Claims on the token's row, locked, so that two instances claiming at once are ordered and the
   * second sees the first: {@code first} claims on a new row, {@code next} decides on an existing
   * one.
   */
  private boolean claim(
      TokenHash token,
      Consumer<NotificationTokenEntity> first,
      java.util.function.Predicate<NotificationTokenEntity> next) {
    String hash = token.hex();
    try {
      return Transactions.write(
          factory,
          em -> {
            NotificationTokenEntity entity =
                em.find(NotificationTokenEntity.class, hash, LockModeType.PESSIMISTIC_WRITE);
            if (entity == null) {
              entity = new NotificationTokenEntity(hash);
              first.accept(entity);
              em.persist(entity);
              return true;
            }
            return next.test(entity);
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

  /** Upstream answered a search for the token at {@code atMillis}, in the caller's transaction. */
  private static void searched(EntityManager em, String hash, long atMillis) {
    NotificationTokenEntity entity = em.find(NotificationTokenEntity.class, hash);
    if (entity == null) {
      entity = new NotificationTokenEntity(hash);
      em.persist(entity);
    }
    entity.searched(atMillis);
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

  private static NotificationFolderEntity folderEntity(EntityManager em, String hash, int folder) {
    NotificationFolderEntity entity =
        em.find(NotificationFolderEntity.class, new NotificationFolderEntity.Key(hash, folder));
    if (entity == null) {
      entity = new NotificationFolderEntity(hash, folder);
      em.persist(entity);
    }
    return entity;
  }

  @Override
  public void saveWholeFolder(
      TokenHash token, NotificationFolder folder, NotificationPage page, long atMillis) {
    String hash = token.hex();
    int code = folder.code();
    Transactions.write(
        factory,
        em -> {
          searched(em, hash, atMillis);
          em.createQuery(
                  "DELETE FROM NotificationEntity n"
                      + " WHERE n.tokenHash = :token AND n.folder = :folder")
              .setParameter("token", hash)
              .setParameter("folder", code)
              .executeUpdate();
          deletePages(em, hash, code);
          upsert(em, hash, code, page.notifications());
          NotificationFolderEntity entity = folderEntity(em, hash, code);
          entity.folderCount = page.folderCount();
          entity.complete = true;
          entity.syncedAt = atMillis;
          entity.fullSyncAt = atMillis;
          return null;
        });
  }

  @Override
  public void saveHeldPage(
      TokenHash token, NotificationQuery query, NotificationPage page, long atMillis) {
    String hash = token.hex();
    NotificationPageEntity.Key key = keyOf(hash, query.normalized());
    Transactions.write(
        factory,
        em -> {
          searched(em, hash, atMillis);
          upsert(em, hash, key.folder, page.notifications());
          NotificationPageEntity held = em.find(NotificationPageEntity.class, key);
          if (held == null) {
            held = new NotificationPageEntity(key);
            em.persist(held);
          }
          held.fetchedAt = atMillis;
          held.ids =
              String.join(",", page.notifications().stream().map(StoredNotification::id).toList());
          em.flush();
          forgetWhatNoPageShows(em, hash, key.folder);
          NotificationFolderEntity entity = folderEntity(em, hash, key.folder);
          entity.folderCount = page.folderCount();
          entity.complete = false;
          entity.syncedAt = atMillis;
          if (query.isNewestPageOfFolder()) {
            entity.fullSyncAt = atMillis;
          }
          return null;
        });
  }

  /**
   * Bounds the folder's held pages, then deletes its notifications that none of them shows: a copy
   * that is not complete answers only through its pages.
   */
  private static void forgetWhatNoPageShows(EntityManager em, String hash, int folder) {
    List<NotificationPageEntity> pages =
        em.createQuery(
                "SELECT p FROM NotificationPageEntity p"
                    + " WHERE p.tokenHash = :token AND p.folder = :folder"
                    + " ORDER BY p.fetchedAt DESC",
                NotificationPageEntity.class)
            .setParameter("token", hash)
            .setParameter("folder", folder)
            .getResultList();
    Set<String> shown = new HashSet<>();
    int kept = 0;
    for (NotificationPageEntity page : pages) {
      boolean newest =
          page.filter == 0 && page.since == NotificationPageEntity.NO_SINCE && page.skip == 0;
      if (!newest && ++kept > MAX_HELD_PAGES) {
        em.remove(page);
      } else if (!page.ids.isEmpty()) {
        shown.addAll(Arrays.asList(page.ids.split(",")));
      }
    }
    List<String> stored =
        em.createQuery(
                "SELECT n.notificationId FROM NotificationEntity n"
                    + " WHERE n.tokenHash = :token AND n.folder = :folder",
                String.class)
            .setParameter("token", hash)
            .setParameter("folder", folder)
            .getResultList();
    List<String> unshown = stored.stream().filter(id -> !shown.contains(id)).toList();
    for (int from = 0; from < unshown.size(); from += IN_LIST) {
      em.createQuery(
              "DELETE FROM NotificationEntity n"
                  + " WHERE n.tokenHash = :token AND n.notificationId IN :ids")
          .setParameter("token", hash)
          .setParameter("ids", unshown.subList(from, Math.min(unshown.size(), from + IN_LIST)))
          .executeUpdate();
    }
  }

  @Override
  public void saveRefresh(
      TokenHash token, NotificationFolder folder, NotificationPage page, long atMillis) {
    String hash = token.hex();
    int code = folder.code();
    Transactions.write(
        factory,
        em -> {
          searched(em, hash, atMillis);
          upsert(em, hash, code, page.notifications());
          em.flush();
          NotificationFolderEntity entity = folderEntity(em, hash, code);
          entity.complete = entity.complete && count(em, hash, code) == page.folderCount();
          entity.folderCount = page.folderCount();
          entity.syncedAt = atMillis;
          return null;
        });
  }

  /** Adds or updates the notifications, in {@code folder}, in the caller's transaction. */
  private static void upsert(
      EntityManager em, String hash, int folder, List<StoredNotification> notifications) {
    Map<String, StoredNotification> byId = new LinkedHashMap<>();
    notifications.forEach(n -> byId.put(n.id(), n));
    for (StoredNotification notification : byId.values()) {
      NotificationEntity existing =
          em.find(NotificationEntity.class, new NotificationEntity.Key(hash, notification.id()));
      if (existing == null) {
        em.persist(new NotificationEntity(hash, folder, notification));
      } else {
        existing.write(folder, notification);
      }
    }
  }

  private static void deletePages(EntityManager em, String hash, int folder) {
    em.createQuery(
            "DELETE FROM NotificationPageEntity p"
                + " WHERE p.tokenHash = :token AND p.folder = :folder")
        .setParameter("token", hash)
        .setParameter("folder", folder)
        .executeUpdate();
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
  public Optional<HeldPage> heldPage(TokenHash token, NotificationQuery query) {
    String hash = token.hex();
    NotificationPageEntity.Key key = keyOf(hash, query.normalized());
    return Transactions.read(
        factory,
        em -> {
          NotificationPageEntity held = em.find(NotificationPageEntity.class, key);
          if (held == null) {
            return Optional.empty();
          }
          List<String> ids = held.ids.isEmpty() ? List.of() : List.of(held.ids.split(","));
          Map<String, StoredNotification> byId = new HashMap<>();
          for (int from = 0; from < ids.size(); from += IN_LIST) {
            em.createQuery(
                    "SELECT n FROM NotificationEntity n WHERE n.tokenHash = :token"
                        + " AND n.folder = :folder AND n.notificationId IN :ids",
                    NotificationEntity.class)
                .setParameter("token", hash)
                .setParameter("folder", key.folder)
                .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + IN_LIST)))
                .getResultList()
                .forEach(row -> byId.put(row.notificationId, row.toNotification()));
          }
          // In upstream's order; those deleted or moved to the other folder since are left out.
          List<StoredNotification> shown = new ArrayList<>(ids.size());
          for (String id : ids) {
            StoredNotification notification = byId.get(id);
            if (notification != null) {
              shown.add(notification);
            }
          }
          return Optional.of(new HeldPage(held.fetchedAt, shown));
        });
  }

  private static NotificationPageEntity.Key keyOf(String hash, NotificationQuery normalized) {
    return new NotificationPageEntity.Key(
        hash,
        normalized.folder().code(),
        normalized.filter().code(),
        normalized.since() == null ? NotificationPageEntity.NO_SINCE : normalized.since(),
        normalized.skip());
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
          deletePages(em, hash, folder.code());
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

  @Override
  public void forget(TokenHash token) {
    String hash = token.hex();
    Transactions.write(
        factory,
        em -> {
          for (String entity :
              List.of("NotificationEntity", "NotificationPageEntity", "NotificationFolderEntity")) {
            em.createQuery("DELETE FROM " + entity + " e WHERE e.tokenHash = :token")
                .setParameter("token", hash)
                .executeUpdate();
          }
          changed(em, hash);
          return null;
        });
  }
}
