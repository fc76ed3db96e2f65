package org.tradewatch.core.market;

import java.time.Instant;
import java.util.*;
import org.tradewatch.core.listing.*;

/** TEMPORARY naive model for the lead's integration work; replaced by the market-model branch. */
public final class MarketModel {
  private final Map<ListingKey, ListingState> held = new HashMap<>();

  public synchronized List<MarketChange> apply(List<ListingState> states) {
    List<MarketChange> changes = new ArrayList<>();
    for (ListingState s : states) {
      ListingState before = held.get(s.key());
      if (before != null && before.seq() >= s.seq()) continue;
      held.put(s.key(), s);
      changes.add(new MarketChange(before, s));
    }
    return changes;
  }

  public synchronized Map<ListingKey, ListingState> states(Collection<ListingKey> keys) {
    Map<ListingKey, ListingState> found = new HashMap<>();
    for (ListingKey k : keys) {
      ListingState s = held.get(k);
      if (s != null) found.put(k, s);
    }
    return found;
  }

  public synchronized Optional<ListingState> state(ListingKey key) {
    return Optional.ofNullable(held.get(key));
  }

  public synchronized MarketPage search(ListingQuery q) {
    List<ListingState> all = new ArrayList<>();
    for (ListingState s : held.values()) if (q.matches(s)) all.add(s);
    Comparator<ListingState> byKey =
        Comparator.comparing((ListingState s) -> s.key().source().id())
            .thenComparing(s -> s.key().id());
    Comparator<ListingState> order =
        switch (q.sort()) {
          case KEY -> byKey;
          case UPDATED_ASC -> Comparator.comparing(ListingState::updatedAt).thenComparing(byKey);
          case UPDATED_DESC ->
              Comparator.comparing(ListingState::updatedAt).thenComparing(byKey).reversed();
          case VALUE_ASC ->
              Comparator.comparing(
                      ListingState::value, Comparator.nullsLast(Comparator.naturalOrder()))
                  .thenComparing(byKey);
          case VALUE_DESC ->
              Comparator.comparing(
                      ListingState::value, Comparator.nullsLast(Comparator.reverseOrder()))
                  .thenComparing(byKey.reversed());
        };
    all.sort(order);
    if (q.after() != null) {
      ListingKey a = q.after();
      all.removeIf(
          s -> {
            int c = s.key().source().id().compareTo(a.source().id());
            return c < 0 || (c == 0 && s.key().id().compareTo(a.id()) <= 0);
          });
    }
    int from = (int) Math.min(all.size(), q.offset());
    int to = Math.min(all.size(), from + q.limit());
    return new MarketPage(List.copyOf(all.subList(from, to)), all.size());
  }

  public synchronized List<ListingKey> liveBefore(Source source, Instant before) {
    List<ListingKey> keys = new ArrayList<>();
    for (ListingState s : held.values())
      if (s.key().source() == source && !s.deleted() && s.lastEventAt().isBefore(before))
        keys.add(s.key());
    return keys;
  }

  public synchronized List<ListingState> changedSince(Source source, long after) {
    List<ListingState> out = new ArrayList<>();
    for (ListingState s : held.values())
      if (s.key().source() == source && s.seq() > after) out.add(s);
    return out;
  }

  public synchronized long size() {
    return held.size();
  }

  public synchronized long highestSeq(Source source) {
    long max = 0;
    for (ListingState s : held.values())
      if (s.key().source() == source) max = Math.max(max, s.seq());
    return max;
  }

  public long estimatedBytes() {
    return 0;
  }
}
