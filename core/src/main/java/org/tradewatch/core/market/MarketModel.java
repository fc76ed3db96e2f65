package org.tradewatch.core.market;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;

/**
 * The market in memory: every listing's current state (deleted ones too), searchable with every
 * filter, sort, page and cursor of {@code GET /api/listings} and exact totals, and readable by key
 * for the ingest's checks. It holds primitive columns, not an object per listing (see the package
 * description for its parts).
 *
 * <p>Thread-safety: any number of readers and writers. Writers are serialised. A writer first plans
 * its batch (which states are newer than what is held, and what each replaces) while readers go on,
 * then applies it in one write section, so a reader sees all of a batch or none of it and waits at
 * most for that section (about a microsecond per state).
 */
public final class MarketModel {

  /**
   * Not a StampedLock: on Java 17 its read lock is granted while a writer waits, so readers that
   * follow one another without a gap starve the writer for good. This one queues new readers behind
   * a waiting writer.
   */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private final ReentrantLock writers = new ReentrantLock();

  private final ListingTable table = new ListingTable();
  private final Counts counts = new Counts();
  private final SlotOrder byValue = new SlotOrder(table::compareByValue, table.values()::primary);
  private final SlotOrder byUpdated;
  private final SlotOrder byKey = new SlotOrder(table::compareKeys, table::sourceRank);
  private final NameMatcher names = new NameMatcher();
  private final long[] highestSeq = new long[Source.values().length];
  private final Search.Paging paging;
  private KeyTable keys = new KeyTable(table);

  public MarketModel() {
    this(Search.Paging.CHEAPEST);
  }

  /** A model whose searches find pages one way only, for tests that prove each. */
  MarketModel(Search.Paging paging) {
    this.paging = Objects.requireNonNull(paging, "paging");
    // Updated times are told apart best near the origin; ingest stamps them with the time now.
    Instant origin = Instant.now();
    this.byUpdated =
        new SlotOrder(table::compareByUpdated, slot -> table.updatedAt().primary(slot, origin));
  }

  /** One state of a batch that changes the model, at the slot it goes to. */
  private record Step(int slot, MarketChange change) {}

  /**
   * Applies committed states in order; returns one change per state that changed the model. A state
   * whose seq is not greater than the held state's (or an earlier one's in the same call) is
   * ignored and reports no change, so the log may be replayed or tailed twice. Readers see a whole
   * call's states at once or none of them.
   */
  public List<MarketChange> apply(List<ListingState> states) {
    Objects.requireNonNull(states, "states");
    writers.lock();
    try {
      List<Step> steps = plan(states);
      if (steps.isEmpty()) {
        return List.of();
      }
      int added = 0;
      for (Step step : steps) {
        if (step.change().before() == null) {
          added++;
        }
      }
      // Grown (rehashing every key) before the write section, while readers use the old one.
      KeyTable sized = keys.sizedFor(table.size() + added);
      List<MarketChange> changes = new ArrayList<>(steps.size());
      lock.writeLock().lock();
      try {
        keys = sized;
        for (Step step : steps) {
          write(step.slot(), step.change());
          changes.add(step.change());
        }
      } finally {
        lock.writeLock().unlock();
      }
      return changes;
    } finally {
      writers.unlock();
    }
  }

  /**
   * The states of a batch that change the model, each with what it replaces. Only reads the model:
   * this writer is the only one, and readers may go on meanwhile.
   */
  private List<Step> plan(List<ListingState> states) {
    List<Step> steps = new ArrayList<>(states.size());
    Map<ListingKey, Step> inBatch = new HashMap<>();
    int nextSlot = table.size();
    for (ListingState state : states) {
      Objects.requireNonNull(state, "a state in the batch is null");
      Step earlier = inBatch.get(state.key());
      int slot;
      ListingState before;
      if (earlier != null) {
        slot = earlier.slot();
        before = earlier.change().after();
        if (state.seq() <= before.seq()) {
          continue;
        }
      } else {
        slot = keys.find(state.key());
        if (slot >= 0) {
          if (state.seq() <= table.seq(slot)) {
            continue;
          }
          before = table.read(slot);
        } else {
          slot = nextSlot++;
          before = null;
        }
      }
      Step step = new Step(slot, new MarketChange(before, state));
      steps.add(step);
      inBatch.put(state.key(), step);
    }
    return steps;
  }

  /** Writes one change, inside the write section: out of the orders, the columns, back in. */
  private void write(int slot, MarketChange change) {
    ListingState after = change.after();
    ListingState before = change.before();
    if (before == null) {
      table.add(after);
      keys.add(slot);
      byKey.insert(slot);
      byUpdated.insert(slot);
      byValue.insert(slot);
    } else {
      boolean moved = !before.updatedAt().equals(after.updatedAt());
      boolean revalued = !table.values().sameValue(slot, after.value());
      if (moved) {
        byUpdated.remove(slot);
      }
      if (revalued) {
        byValue.remove(slot);
      }
      counts.add(table.combo(slot), table.nameId(slot), table.qualityId(slot), -1);
      table.write(slot, after);
      if (moved) {
        byUpdated.insert(slot);
      }
      if (revalued) {
        byValue.insert(slot);
      }
    }
    counts.add(table.combo(slot), table.nameId(slot), table.qualityId(slot), 1);
    int source = after.key().source().ordinal();
    highestSeq[source] = Math.max(highestSeq[source], after.seq());
  }

  /** The held states of those keys that are held (deleted or not), in the keys' order. */
  public Map<ListingKey, ListingState> states(Collection<ListingKey> keys) {
    Objects.requireNonNull(keys, "keys");
    return read(
        () -> {
          Map<ListingKey, ListingState> held = new LinkedHashMap<>();
          for (ListingKey key : keys) {
            int slot = this.keys.find(key);
            if (slot >= 0) {
              held.put(key, table.read(slot));
            }
          }
          return held;
        });
  }

  /** The held state of the key (deleted or not), if held. */
  public Optional<ListingState> state(ListingKey key) {
    Objects.requireNonNull(key, "key");
    return read(
        () -> {
          int slot = keys.find(key);
          return slot < 0 ? Optional.empty() : Optional.of(table.read(slot));
        });
  }

  /** One page of listings matching the query, in its order, with the exact total. */
  public MarketPage search(ListingQuery query) {
    Objects.requireNonNull(query, "query");
    return read(
        () -> new Search(table, counts, byValue, byUpdated, byKey, names, query, paging).run());
  }

  /** Live listings of the source whose last event is older than {@code before}. */
  public List<ListingKey> liveBefore(Source source, Instant before) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(before, "before");
    return read(
        () -> {
          List<ListingKey> found = new ArrayList<>();
          InstantColumn lastEventAt = table.lastEventAt();
          for (int slot = 0; slot < table.size(); slot++) {
            int combo = table.combo(slot);
            if (ListingTable.comboSource(combo) == source
                && !ListingTable.comboDeleted(combo)
                && lastEventAt.compareTo(slot, before) < 0) {
              found.add(table.key(slot));
            }
          }
          return found;
        });
  }

  /** States of the source with seq greater than {@code after}, in no particular order. */
  public List<ListingState> changedSince(Source source, long after) {
    Objects.requireNonNull(source, "source");
    return read(
        () -> {
          List<ListingState> found = new ArrayList<>();
          for (int slot = 0; slot < table.size(); slot++) {
            if (table.seq(slot) > after && ListingTable.comboSource(table.combo(slot)) == source) {
              found.add(table.read(slot));
            }
          }
          return found;
        });
  }

  /** Listings held, deleted included. */
  public long size() {
    return read(() -> (long) table.size());
  }

  /** The greatest seq applied for the source, 0 when none. */
  public long highestSeq(Source source) {
    Objects.requireNonNull(source, "source");
    return read(() -> highestSeq[source.ordinal()]);
  }

  /**
   * The model's own estimate of its heap use in bytes: its arrays as allocated (with their unused
   * room), dictionaries and side tables.
   */
  public long estimatedBytes() {
    return read(
        () ->
            table.bytes()
                + keys.bytes()
                + byValue.bytes()
                + byUpdated.bytes()
                + byKey.bytes()
                + counts.bytes());
  }

  private <T> T read(Supplier<T> reading) {
    lock.readLock().lock();
    try {
      return reading.get();
    } finally {
      lock.readLock().unlock();
    }
  }
}
