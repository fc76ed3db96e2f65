package org.tradewatch.persistence.listing;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.tradewatch.core.listing.Listing;

/**
 * The item-name vocabulary ({@link ItemNameEntity}) kept in memory, so that a name search matches
 * its text against tens of thousands of names in Java in about a millisecond, then looks their
 * listings up by index. This instance's own ingest adds its new names as it commits them; names
 * other instances add (other sources, in a cluster) are picked up by a row count checked at most
 * once a second.
 */
final class ItemNames {

  static final long RECHECK_NANOS = 1_000_000_000L;

  /** One distinct name, with the lower case it is matched in (ROOT, as the live socket matches). */
  private record Name(String name, String lower) {}

  private final LongSupplier nanoTime;

  /** Every (source, name) row this instance knows of, as source + NUL + name. */
  private final Set<String> rows = ConcurrentHashMap.newKeySet();

  private volatile Name[] names = new Name[0];
  private volatile boolean loaded;
  private volatile long checkedAt;

  ItemNames() {
    this(System::nanoTime);
  }

  ItemNames(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * The distinct stored names containing {@code text}, ignoring case, in no particular order; at
   * most {@code max + 1} of them, so a caller can tell that more than {@code max} matched.
   */
  List<String> matching(EntityManager em, String text, int max) {
    refreshIfStale(em);
    String wanted = text.toLowerCase(Locale.ROOT);
    List<String> found = new ArrayList<>();
    for (Name name : names) {
      if (name.lower.contains(wanted)) {
        found.add(name.name);
        if (found.size() > max) {
          break;
        }
      }
    }
    return found;
  }

  /**
   * Writes, in the ingest's transaction, the names among {@code listings} that the vocabulary does
   * not hold yet, and returns them: pass them to {@link #committed} once the transaction commits
   * (not before, or a rolled-back name would be taken as stored).
   */
  Set<String> register(EntityManager em, Connection connection, Collection<Listing> listings)
      throws SQLException {
    ensureLoaded(em);
    Map<String, Set<String>> unknownBySource = new HashMap<>();
    for (Listing listing : listings) {
      String name = Text.fit(listing.snapshot().itemName(), ListingEntity.ITEM_NAME_LENGTH);
      String source = listing.key().source().id();
      if (name != null && !rows.contains(row(source, name))) {
        unknownBySource.computeIfAbsent(source, s -> new LinkedHashSet<>()).add(name);
      }
    }
    Set<String> added = new HashSet<>();
    for (Map.Entry<String, Set<String>> entry : unknownBySource.entrySet()) {
      String source = entry.getKey();
      Set<String> unknown = entry.getValue();
      // Another instance may have held this source's consumer before this one: ask first.
      for (List<String> chunk : JpaListingStore.chunks(unknown)) {
        String sql =
            "SELECT name FROM listing_name WHERE source = ? AND name IN ("
                + String.join(", ", Collections.nCopies(chunk.size(), "?"))
                + ")";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
          select.setString(1, source);
          for (int i = 0; i < chunk.size(); i++) {
            select.setString(i + 2, chunk.get(i));
          }
          try (ResultSet stored = select.executeQuery()) {
            while (stored.next()) {
              String name = stored.getString(1);
              unknown.remove(name);
              added.add(row(source, name));
            }
          }
        }
      }
      if (!unknown.isEmpty()) {
        try (PreparedStatement insert =
            connection.prepareStatement("INSERT INTO listing_name (source, name) VALUES (?, ?)")) {
          for (String name : unknown) {
            insert.setString(1, source);
            insert.setString(2, name);
            insert.addBatch();
            added.add(row(source, name));
          }
          insert.executeBatch();
        }
      }
    }
    return added;
  }

  /** Takes the rows {@link #register} returned into the vocabulary, their transaction committed. */
  void committed(Set<String> added) {
    if (added.isEmpty()) {
      return;
    }
    synchronized (this) {
      Set<String> distinct = new HashSet<>();
      for (Name name : names) {
        distinct.add(name.name);
      }
      List<Name> grown = new ArrayList<>(List.of(names));
      for (String row : added) {
        if (rows.add(row)) {
          String name = row.substring(row.indexOf('\0') + 1);
          if (distinct.add(name)) {
            grown.add(new Name(name, name.toLowerCase(Locale.ROOT)));
          }
        }
      }
      names = grown.toArray(Name[]::new);
    }
  }

  private void ensureLoaded(EntityManager em) {
    if (!loaded) {
      reload(em);
    }
  }

  private void refreshIfStale(EntityManager em) {
    long now = nanoTime.getAsLong();
    if (!loaded) {
      reload(em);
      return;
    }
    if (now - checkedAt < RECHECK_NANOS) {
      return;
    }
    checkedAt = now;
    long stored =
        em.createQuery("SELECT COUNT(n) FROM ItemNameEntity n", Long.class).getSingleResult();
    if (stored != rows.size()) {
      reload(em);
    }
  }

  private synchronized void reload(EntityManager em) {
    List<Object[]> stored =
        em.createQuery("SELECT n.source, n.name FROM ItemNameEntity n", Object[].class)
            .getResultList();
    Map<String, Name> distinct = new HashMap<>();
    Set<String> loadedRows = new HashSet<>();
    for (Object[] row : stored) {
      String name = (String) row[1];
      loadedRows.add(row((String) row[0], name));
      distinct.computeIfAbsent(name, n -> new Name(n, n.toLowerCase(Locale.ROOT)));
    }
    rows.addAll(loadedRows);
    rows.retainAll(loadedRows);
    names = distinct.values().toArray(Name[]::new);
    checkedAt = nanoTime.getAsLong();
    loaded = true;
  }

  /**
   * Fills an empty vocabulary from the stored listings: a database from before the vocabulary has
   * listings but no names. (Once filled, ingest keeps it complete in the listings' own
   * transactions.)
   */
  static void backfill(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      try (ResultSet names = statement.executeQuery("SELECT COUNT(*) FROM listing_name")) {
        if (names.next() && names.getLong(1) > 0) {
          return;
        }
      }
      statement.executeUpdate(
          "INSERT INTO listing_name (source, name)"
              + " SELECT DISTINCT source, item_name FROM listing WHERE item_name IS NOT NULL");
    }
  }

  private static String row(String source, String name) {
    return source + '\0' + name;
  }
}
