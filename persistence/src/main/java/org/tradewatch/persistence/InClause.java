package org.tradewatch.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Values for {@code ... IN :values}, split so that no statement binds more than {@link #MAX}
 * parameters: every supported database accepts that many, and a frame of 500 events is one round
 * trip.
 */
public final class InClause {

  /** Values bound per statement at most. */
  public static final int MAX = 500;

  private InClause() {}

  /** The distinct {@code values}, in their first order, in parts of at most {@link #MAX}. */
  public static <T> List<List<T>> parts(Collection<T> values) {
    List<T> distinct = new ArrayList<>(new LinkedHashSet<>(values));
    List<List<T>> parts = new ArrayList<>((distinct.size() + MAX - 1) / MAX);
    for (int from = 0; from < distinct.size(); from += MAX) {
      parts.add(distinct.subList(from, Math.min(distinct.size(), from + MAX)));
    }
    return parts;
  }
}
