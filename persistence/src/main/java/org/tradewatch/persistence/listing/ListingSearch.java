package org.tradewatch.persistence.listing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingPage;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.core.listing.Source;

/**
 * Runs a {@link ListingQuery} in two steps: the keys of the page's listings through one of the
 * search indexes of {@link ListingIndexes}, which carry every filter column so that no row is read
 * to decide whether it matches, then those listings whole, by key. Counting stops after {@link
 * Limits#countCap} matches: an exact count of a million listings reads a million index entries
 * (seconds), so beyond the cap the page says only that there are more ({@link
 * ListingPage#totalExact()} false).
 *
 * <p>A name search first matches its text against the vocabulary of distinct names ({@link
 * ItemNames}). When those names have few listings (a probe counts them through {@link
 * ListingIndexes#BY_NAME}, up to {@link Limits#nameProbeCap}) they are read by name and sorted;
 * when they have many, the sort's own index is walked, which finds a page of them within a few
 * thousand entries.
 *
 * <p>The SQL is plain and portable (PostgreSQL runs it too); on H2 each statement names its index
 * ({@code USE INDEX}), because H2's planner does not weigh LIMIT and would rather sort every match
 * of an indexed condition than walk an index in order. Every value the user typed is a bound
 * parameter; nothing of it becomes SQL text.
 */
final class ListingSearch {

  /**
   * How far searches count and how many names a name search may look up.
   *
   * @param countCap matches counted at most; beyond, the total is a lower bound
   * @param nameProbeCap a name search's listings counted at most before it walks the sort's index
   * @param maxNames names looked up by index at most; a text matching more is matched as a
   *     substring along the sort's index, since so common a text matches many listings
   */
  record Limits(int countCap, int nameProbeCap, int maxNames) {
    static final Limits DEFAULT = new Limits(1_000, 5_000, 2_000);
  }

  static final char LIKE_ESCAPE = '\\';

  private static final String QUALITY_CONDITION = "LOWER(quality) = LOWER(?)";

  private final EntityManager em;
  private final ListingQuery query;
  private final ItemNames names;
  private final boolean h2;
  private final KeyLookup byKey;
  private final Limits limits;

  ListingSearch(
      EntityManager em,
      ListingQuery query,
      ItemNames names,
      boolean h2,
      KeyLookup byKey,
      Limits limits) {
    this.em = em;
    this.query = query;
    this.names = names;
    this.h2 = h2;
    this.byKey = byKey;
    this.limits = limits;
  }

  /**
   * What a statement reads and the SQL conditions on it, joined by AND, with their parameters in
   * order: the listing table through the statement's index, or (on H2, for a name search) the
   * listings of a list of names, joined to it.
   */
  private static final class Where {
    final List<String> conditions = new ArrayList<>();
    final List<Object> parameters = new ArrayList<>();

    /** The names a name search looks up by join, or null to read the table alone. */
    String[] joinedNames;

    Where add(String condition, Object... values) {
      conditions.add(condition);
      Collections.addAll(parameters, values);
      return this;
    }

    Where copy() {
      Where copy = new Where();
      copy.conditions.addAll(conditions);
      copy.parameters.addAll(parameters);
      copy.joinedNames = joinedNames;
      return copy;
    }

    /** The FROM clause's tables, {@code hint} naming the listing table's index. */
    String from(String hint) {
      if (joinedNames == null) {
        return " FROM listing" + hint;
      }
      return " FROM TABLE(wanted_name VARCHAR("
          + ListingEntity.ITEM_NAME_LENGTH
          + ") = ?) wanted JOIN listing"
          + hint
          + " ON item_name = wanted_name";
    }

    /** The parameters in the order the statement binds them: the FROM clause's first. */
    List<Object> allParameters() {
      if (joinedNames == null) {
        return parameters;
      }
      List<Object> all = new ArrayList<>(parameters.size() + 1);
      all.add(joinedNames);
      all.addAll(parameters);
      return all;
    }

    String sql() {
      return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
  }

  /** The page the query asks for, read in the caller's transaction. */
  ListingPage run() {
    Where where = filters();
    String index = sortIndex();
    int cap = limits.countCap();
    if (query.text() != null) {
      List<String> matched = names.matching(em, query.text(), limits.maxNames());
      if (matched.isEmpty()) {
        return new ListingPage(List.of(), 0, query.page(), query.limit(), true);
      }
      Where byText =
          where
              .copy()
              .add(
                  "LOWER(item_name) LIKE LOWER(?) ESCAPE '" + LIKE_ESCAPE + "'",
                  containsPattern(query.text()));
      if (matched.size() <= limits.maxNames()) {
        Where byName = byNames(where, matched);
        long probe = count(byName, ListingIndexes.BY_NAME, limits.nameProbeCap());
        if (probe <= limits.nameProbeCap()) {
          // Few enough to sort: read them by name. The probe counted them all.
          return page(byName, ListingIndexes.BY_NAME, () -> probe, Integer.MAX_VALUE);
        }
        // Many: a page of them is near along the sort's index. There the text is matched as a
        // substring of the entry's name, cheaper than a bound IN list, which H2 tests value by
        // value.
        return page(byText, index, () -> probe, limits.nameProbeCap());
      }
      return page(byText, index, () -> count(byText, index, cap), cap);
    }
    return page(where, index, () -> countFiltered(where, index, cap), cap);
  }

  /**
   * {@link #count} of the plain filters. With a quality among them, on H2, along the quality's own
   * index: a quality few listings have would otherwise be counted along {@code index} entry by
   * entry, most of them of other qualities. The generated key equals the tested LOWER(quality), so
   * the condition on it selects the same listings. Not with a price range: the quality's index
   * lacks the value, which the value index narrows to the range itself.
   */
  private long countFiltered(Where where, String index, int cap) {
    int quality = where.conditions.indexOf(QUALITY_CONDITION);
    if (!h2 || quality < 0 || query.minValue() != null || query.maxValue() != null) {
      return count(where, index, cap);
    }
    Where byQuality = where.copy();
    byQuality.conditions.set(quality, ListingIndexes.QUALITY_KEY + " = LOWER(?)");
    return count(byQuality, ListingIndexes.BY_QUALITY, cap);
  }

  /**
   * The listings of {@code matched} names. H2 tests an {@code IN} list against every entry its
   * index finds, value by value, even though the index found the entry by one of those values: with
   * hundreds of names that test was most of a name search's time (42 against 16 ms for the 617
   * names with "sunbeams" in a million listings). Joined to the list as a table, each name is
   * looked up once and each entry compared once.
   */
  private Where byNames(Where filters, List<String> matched) {
    Where byName = filters.copy();
    if (h2) {
      byName.joinedNames = matched.toArray(new String[0]);
      return byName;
    }
    return byName.add(
        "item_name IN (" + String.join(", ", Collections.nCopies(matched.size(), "?")) + ")",
        matched.toArray());
  }

  /**
   * The page through {@code index}, and its total: {@code count} (matches counted up to {@code cap}
   * + 1), asked only when the page itself does not tell.
   */
  private ListingPage page(Where where, String index, LongSupplier count, int cap) {
    List<ListingKey> keys = keys(where, index);
    boolean more = keys.size() > query.limit();
    if (more) {
      keys = keys.subList(0, query.limit());
    }
    List<Listing> items = load(keys);
    long offset = query.offset();
    // Without a cursor, a page that is not full is the last: what came before it and what is on
    // it is every match. (With one, the total is of the matches before the cursor too.)
    if (query.after() == null && !more && (!keys.isEmpty() || offset == 0)) {
      return new ListingPage(items, offset + keys.size(), query.page(), query.limit(), true);
    }
    long total = count.getAsLong();
    if (total <= cap) {
      return new ListingPage(items, total, query.page(), query.limit(), true);
    }
    // More than the cap: say how many are known to be there (past the last page, only the cap),
    // and that there are more.
    long known = keys.isEmpty() ? cap : Math.max(cap, offset + keys.size());
    return new ListingPage(items, known, query.page(), query.limit(), false);
  }

  private Where filters() {
    Where where = new Where();
    if (query.source() != null) {
      where.add("source = ?", query.source().id());
    }
    if (query.intent() != null) {
      where.add("intent = ?", query.intent().id());
    }
    if (query.quality() != null) {
      // Through the database's LOWER on both sides: one case mapping, not two. (The search indexes
      // carry quality, not its lower-case key: a walk tests the entry alone.)
      where.add(QUALITY_CONDITION, query.quality());
    }
    if (query.appid() != null) {
      where.add("appid = ?", query.appid());
    }
    if (query.minValue() != null) {
      where.add("value_amount >= ?", query.minValue());
    }
    if (query.maxValue() != null) {
      where.add("value_amount <= ?", query.maxValue());
    }
    if (!query.includeDeleted()) {
      where.add("deleted_at IS NULL");
    }
    return where;
  }

  /** How many listings match, counting no further than {@code cap + 1}. */
  private long count(Where where, String index, int cap) {
    String sql =
        "SELECT COUNT(*) FROM (SELECT 1 AS one"
            + where.from(hint(index))
            + where.sql()
            + " LIMIT "
            + (cap + 1L)
            + ") counted";
    return ((Number) bind(em.createNativeQuery(sql), where.allParameters()).getSingleResult())
        .longValue();
  }

  /** The keys of the page, in order, and one more if there is one. */
  private List<ListingKey> keys(Where filters, String index) {
    Where where = filters;
    if (query.after() != null) {
      // The cursor narrows the page only: the count is of every match, so it reads the same on
      // every page of a walk.
      where = filters.copy();
      String source = query.after().source().id();
      where.add(
          "(source > ? OR (source = ? AND listing_id > ?))", source, source, query.after().id());
    }
    String sql =
        "SELECT source, listing_id"
            + where.from(hint(index))
            + where.sql()
            + " ORDER BY "
            + orderBy()
            + " LIMIT "
            + (query.limit() + 1L)
            + " OFFSET "
            + query.offset();
    @SuppressWarnings("unchecked")
    List<Object[]> rows = bind(em.createNativeQuery(sql), where.allParameters()).getResultList();
    List<ListingKey> keys = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      keys.add(new ListingKey(Source.fromId((String) row[0]), (String) row[1]));
    }
    return keys;
  }

  /** The listings of {@code keys}, whole, in the keys' order. */
  private List<Listing> load(List<ListingKey> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    Map<ListingKey, ListingEntity> found = new HashMap<>();
    for (ListingEntity entity : byKey.entities(em, keys)) {
      found.put(new ListingKey(Source.fromId(entity.source), entity.listingId), entity);
    }
    List<Listing> listings = new ArrayList<>(keys.size());
    for (ListingKey key : keys) {
      ListingEntity entity = found.get(key);
      // A listing is never removed, only marked deleted; one missing here is a key read before a
      // concurrent change that no longer holds, and the page is simply one shorter.
      if (entity != null) {
        listings.add(entity.toListing());
      }
    }
    return listings;
  }

  /**
   * The sort, then the key in the same direction, so pages never overlap or skip and a descending
   * sort is the ascending one reversed, except that listings without a value come last either way.
   * Each matches its index column for column, so that the index serves it in order.
   */
  private String orderBy() {
    return switch (query.sort()) {
      case VALUE_ASC -> "value_amount ASC NULLS LAST, source ASC, listing_id ASC";
      case VALUE_DESC -> "value_amount DESC NULLS LAST, source DESC, listing_id DESC";
      case UPDATED_ASC -> "updated_at ASC, source ASC, listing_id ASC";
      case UPDATED_DESC -> "updated_at DESC, source DESC, listing_id DESC";
      case KEY -> "source ASC, listing_id ASC";
    };
  }

  /** The index that serves the sort in order, or null where the primary key or no index does. */
  private String sortIndex() {
    ListingSort sort = query.sort();
    return switch (sort) {
      case VALUE_ASC -> ListingIndexes.BY_VALUE;
      case VALUE_DESC -> ListingIndexes.BY_VALUE_DESC;
      case UPDATED_DESC -> ListingIndexes.BY_UPDATED;
      case UPDATED_ASC, KEY -> null;
    };
  }

  private String hint(String index) {
    return h2 && index != null ? " USE INDEX (" + index + ")" : "";
  }

  private static Query bind(Query query, List<Object> parameters) {
    for (int i = 0; i < parameters.size(); i++) {
      query.setParameter(i + 1, Objects.requireNonNull(parameters.get(i)));
    }
    return query;
  }

  /** A LIKE pattern matching {@code text} anywhere, its own wildcard characters made literal. */
  static String containsPattern(String text) {
    StringBuilder pattern = new StringBuilder(text.length() + 8).append('%');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == LIKE_ESCAPE || c == '%' || c == '_') {
        pattern.append(LIKE_ESCAPE);
      }
      pattern.append(c);
    }
    return pattern.append('%').toString();
  }
}
