package org.tradewatch.persistence.listing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.ParameterExpression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingPage;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSort;

/**
 * Turns a {@link ListingQuery} into a page query and a count query with the same filters. Every
 * value the user typed is a bound parameter; nothing of it becomes SQL text.
 */
final class ListingSearch {

  static final char LIKE_ESCAPE = '\\';

  private final CriteriaBuilder cb;
  private final ListingQuery query;
  private final Map<ParameterExpression<?>, Object> parameters = new LinkedHashMap<>();

  private ListingSearch(CriteriaBuilder cb, ListingQuery query) {
    this.cb = cb;
    this.query = query;
  }

  static ListingPage run(EntityManager em, ListingQuery query) {
    ListingSearch search = new ListingSearch(em.getCriteriaBuilder(), query);
    long total = search.count(em);
    List<Listing> items = List.of();
    // An offset past the total is an empty page, not an error; past int it cannot be asked for.
    if (query.offset() < total && query.offset() <= Integer.MAX_VALUE) {
      items = search.page(em);
    }
    return new ListingPage(items, total, query.page(), query.limit());
  }

  private long count(EntityManager em) {
    parameters.clear();
    CriteriaQuery<Long> count = cb.createQuery(Long.class);
    Root<ListingEntity> root = count.from(ListingEntity.class);
    // The total is of every match, before the cursor, so it means the same on every page.
    count.select(cb.count(root)).where(filters(root, false));
    return bind(em.createQuery(count)).getSingleResult();
  }

  private List<Listing> page(EntityManager em) {
    parameters.clear();
    CriteriaQuery<ListingEntity> select = cb.createQuery(ListingEntity.class);
    Root<ListingEntity> root = select.from(ListingEntity.class);
    select.select(root).where(filters(root, true)).orderBy(order(root));
    return bind(em.createQuery(select))
        .setFirstResult((int) query.offset())
        .setMaxResults(query.limit())
        .getResultList()
        .stream()
        .map(ListingEntity::toListing)
        .toList();
  }

  private <T> TypedQuery<T> bind(TypedQuery<T> typed) {
    parameters.forEach((parameter, value) -> setParameter(typed, parameter, value));
    return typed;
  }

  @SuppressWarnings("unchecked")
  private static <T, V> void setParameter(
      TypedQuery<T> typed, ParameterExpression<V> parameter, Object value) {
    typed.setParameter(parameter, (V) value);
  }

  private <V> ParameterExpression<V> parameter(Class<V> type, V value) {
    ParameterExpression<V> parameter = cb.parameter(type);
    parameters.put(parameter, value);
    return parameter;
  }

  private Predicate[] filters(Root<ListingEntity> root, boolean afterCursor) {
    List<Predicate> filters = new ArrayList<>();
    if (afterCursor && query.after() != null) {
      String source = query.after().source().id();
      filters.add(
          cb.or(
              cb.greaterThan(root.<String>get("source"), parameter(String.class, source)),
              cb.and(
                  cb.equal(root.get("source"), parameter(String.class, source)),
                  cb.greaterThan(
                      root.<String>get("listingId"),
                      parameter(String.class, query.after().id())))));
    }
    if (query.text() != null) {
      // Both sides go through the database's LOWER so the two case mappings cannot disagree.
      filters.add(
          cb.like(
              cb.lower(root.get("itemName")),
              cb.lower(parameter(String.class, containsPattern(query.text()))),
              LIKE_ESCAPE));
    }
    if (query.source() != null) {
      filters.add(cb.equal(root.get("source"), parameter(String.class, query.source().id())));
    }
    if (query.intent() != null) {
      filters.add(cb.equal(root.get("intent"), parameter(String.class, query.intent().id())));
    }
    if (query.quality() != null) {
      // Through the database's LOWER on both sides, as for the text: one case mapping, not two.
      filters.add(
          cb.equal(
              cb.lower(root.get("quality")), cb.lower(parameter(String.class, query.quality()))));
    }
    if (query.appid() != null) {
      filters.add(cb.equal(root.get("appid"), parameter(Integer.class, query.appid())));
    }
    if (query.minValue() != null) {
      filters.add(
          cb.greaterThanOrEqualTo(
              root.<BigDecimal>get("value"), parameter(BigDecimal.class, query.minValue())));
    }
    if (query.maxValue() != null) {
      filters.add(
          cb.lessThanOrEqualTo(
              root.<BigDecimal>get("value"), parameter(BigDecimal.class, query.maxValue())));
    }
    if (!query.includeDeleted()) {
      filters.add(cb.isNull(root.get("deletedAt")));
    }
    return filters.toArray(Predicate[]::new);
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

  /**
   * The sort, then the key in the same direction, so pages never overlap or skip and a descending
   * sort is the ascending one reversed, except that listings without a value come last either way
   * (whatever the database's own NULL ordering is).
   */
  private List<Order> order(Root<ListingEntity> root) {
    ListingSort sort = query.sort();
    boolean ascending =
        sort == ListingSort.VALUE_ASC || sort == ListingSort.UPDATED_ASC || sort == ListingSort.KEY;
    List<Order> order = new ArrayList<>();
    if (sort == ListingSort.VALUE_ASC || sort == ListingSort.VALUE_DESC) {
      Expression<Integer> valueMissing =
          cb.<Integer>selectCase()
              .when(cb.isNull(root.get("value")), cb.literal(1))
              .otherwise(cb.literal(0));
      order.add(cb.asc(valueMissing));
      order.add(direction(root.get("value"), ascending));
    } else if (sort == ListingSort.UPDATED_ASC || sort == ListingSort.UPDATED_DESC) {
      order.add(direction(root.get("updatedAt"), ascending));
    }
    order.add(direction(root.get("source"), ascending));
    order.add(direction(root.get("listingId"), ascending));
    return order;
  }

  private Order direction(Expression<?> expression, boolean ascending) {
    return ascending ? cb.asc(expression) : cb.desc(expression);
  }
}
