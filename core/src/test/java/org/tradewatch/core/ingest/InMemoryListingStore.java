package org.tradewatch.core.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingRecords;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;

/** The listing log in memory, appended the way the persistence module must. */
final class InMemoryListingStore implements ListingStore, ListingRecords {

  /** One appended row: the listing's whole state after it. */
  record Row(long seq, long previous, Kind kind, Listing listing) {}

  final List<Row> log = new ArrayList<>();
  final Map<ListingKey, Listing> listings = new LinkedHashMap<>();
  final List<HistoryEntry> history = new ArrayList<>();
  final List<Optional<Lease>> leasesAsked = new ArrayList<>();
  final List<Set<String>> appliedAsked = new ArrayList<>();
  final Map<Source, Long> checkpoints = new LinkedHashMap<>();
  RuntimeException failure;

  /** Fails the next append after it stored its rows, as a commit whose answer was lost. */
  RuntimeException failureAfterCommit;

  private long next = 1;

  @Override
  public long[] append(Source source, List<LogEntry> entries, Lease lease) {
    leasesAsked.add(Optional.ofNullable(lease));
    if (failure != null) {
      throw failure;
    }
    long[] seqs = new long[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      LogEntry entry = entries.get(i);
      if (entry.key().source() != source) {
        throw new IllegalArgumentException(entry.key() + " appended as " + source);
      }
      Listing previous = listings.get(entry.key());
      ListingSnapshot snapshot = entry.snapshot() != null ? entry.snapshot() : previous.snapshot();
      String eventId = entry.kind() == Kind.SWEEP ? previous.lastEventId() : entry.eventId();
      Instant eventAt = entry.kind() == Kind.SWEEP ? previous.lastEventAt() : entry.eventAt();
      Listing listing =
          new Listing(snapshot, entry.updatedAt(), entry.deletedAt(), eventId, eventAt);
      seqs[i] = next;
      next += 3; // positions need not be dense
      log.add(new Row(seqs[i], entry.previousSeq(), entry.kind(), listing));
      listings.put(entry.key(), listing);
      if (entry.kind() != Kind.SWEEP) {
        history.add(
            new HistoryEntry(
                entry.key(),
                eventId,
                entry.kind() == Kind.UPDATE ? HistoryEntry.Type.UPDATE : HistoryEntry.Type.DELETE,
                eventAt,
                entry.snapshot() == null ? null : snapshot.value(),
                entry.snapshot() == null ? null : snapshot.valueUnit()));
      }
    }
    if (failureAfterCommit != null) {
      RuntimeException thrown = failureAfterCommit;
      failureAfterCommit = null;
      throw thrown;
    }
    return seqs;
  }

  @Override
  public List<Listing> load(List<ListingState> states) {
    List<Listing> found = new ArrayList<>();
    for (ListingState state : states) {
      for (Row row : log) {
        if (row.seq() == state.seq()) {
          found.add(row.listing());
        }
      }
    }
    return found;
  }

  @Override
  public List<HistoryEntry> history(ListingState state, int limit) {
    List<HistoryEntry> entries = new ArrayList<>();
    for (int i = history.size() - 1; i >= 0 && entries.size() < limit; i--) {
      if (history.get(i).key().equals(state.key())) {
        entries.add(history.get(i));
      }
    }
    return entries;
  }

  @Override
  public void states(Consumer<List<ListingState>> sink) {
    List<ListingState> states = new ArrayList<>();
    for (Row row : log) {
      states.add(ListingState.of(row.listing(), row.seq()));
    }
    sink.accept(states);
  }

  @Override
  public List<Logged> after(Source source, long seq, int max) {
    List<Logged> rows = new ArrayList<>();
    for (Row row : log) {
      if (row.listing().key().source() == source && row.seq() > seq && rows.size() < max) {
        rows.add(new Logged(row.listing(), row.seq()));
      }
    }
    return rows;
  }

  @Override
  public Set<String> applied(Map<String, ListingState> candidates) {
    appliedAsked.add(Set.copyOf(candidates.keySet()));
    Set<String> applied = new HashSet<>();
    for (HistoryEntry entry : history) {
      ListingState state = candidates.get(entry.eventId());
      if (state != null && state.key().equals(entry.key())) {
        applied.add(entry.eventId());
      }
    }
    return applied;
  }

  /** Each checkpoint call: its states' count and the position it moved the marker to. */
  final List<long[]> checkpointCalls = new ArrayList<>();

  @Override
  public void checkpoint(Source source, List<ListingState> latest, long upTo) {
    for (ListingState state : latest) {
      if (state.seq() > upTo || state.key().source() != source) {
        throw new IllegalArgumentException(state + " in a checkpoint of " + source + " to " + upTo);
      }
    }
    checkpointCalls.add(new long[] {latest.size(), upTo});
    checkpoints.put(source, Math.max(upTo, checkpoints.getOrDefault(source, 0L)));
  }

  @Override
  public long checkpointSeq(Source source) {
    return checkpoints.getOrDefault(source, 0L);
  }

  @Override
  public int purgeHistory(Instant cutoff) {
    int before = history.size();
    history.removeIf(entry -> entry.eventAt().isBefore(cutoff));
    return before - history.size();
  }
}
