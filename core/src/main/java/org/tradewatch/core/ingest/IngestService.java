package org.tradewatch.core.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingRecords;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketChange;
import org.tradewatch.core.market.MarketModel;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.ListingEvent;
import org.tradewatch.core.stream.RejectedInput;

/**
 * Applies decoded frames of one source: checks the events against the market model, appends what
 * applies to the store's log in one transaction, and only once that committed changes the model;
 * then quarantines the group's rejected input. Meant for the one applier thread of a source, which
 * keeps the frames and retries when this throws.
 *
 * <p>The database is asked nothing on the way: the model holds every listing's last event, so the
 * store is read only for an event that is not newer than its listing's last one (a replay), to
 * learn whether it was applied before.
 *
 * <p>Rejected input is stored only after the listing events were: if the store fails, the caller
 * retries the whole group, and quarantining first would keep the same rejects once per attempt. If
 * the quarantine fails after the events were stored, the retry finds them applied (duplicates) and
 * only the quarantine is done again.
 */
public final class IngestService {

  private final ListingStore listings;
  private final ListingRecords records;
  private final MarketModel model;
  private final QuarantineStore quarantine;
  private final Clock clock;
  private final Lease lease;

  /**
   * Whether an append failed since the model last agreed with the log: a commit can succeed and
   * still report a failure (the connection lost on its answer), so the model first reads back what
   * the log may have gained, or a retry would append the same events again.
   */
  private boolean uncertain;

  public IngestService(
      ListingStore listings,
      ListingRecords records,
      MarketModel model,
      QuarantineStore quarantine,
      Clock clock) {
    this(listings, records, model, quarantine, clock, null);
  }

  /**
   * @param records the log read back after a failed append
   * @param lease the lease every ingest transaction is fenced by, or null for none
   */
  public IngestService(
      ListingStore listings,
      ListingRecords records,
      MarketModel model,
      QuarantineStore quarantine,
      Clock clock,
      Lease lease) {
    this.listings = Objects.requireNonNull(listings, "listings");
    this.records = Objects.requireNonNull(records, "records");
    this.model = Objects.requireNonNull(model, "model");
    this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lease = lease;
  }

  /**
   * Applies a group of frames.
   *
   * @param source where the frames came from; every event must be of it
   * @param frames the decoded frames, in arrival order
   * @param receivedAt when the frames were received, kept with quarantined input
   * @return what was applied and skipped
   * @throws IllegalArgumentException if an event is of another source (nothing is stored then)
   * @throws org.tradewatch.core.cluster.LeaseLostException when the lease was taken over (nothing
   *     is stored then)
   * @throws RuntimeException whatever the stores throw; nothing is quarantined and the model is
   *     unchanged if the listing store failed
   */
  public IngestResult apply(Source source, List<DecodedFrame> frames, Instant receivedAt) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(frames, "frames");
    Objects.requireNonNull(receivedAt, "receivedAt");

    List<ListingEvent> events = new ArrayList<>();
    List<QuarantinedInput> rejected = new ArrayList<>(0);
    Map<String, Integer> ignored = new HashMap<>(4);
    for (DecodedFrame frame : frames) {
      for (ListingEvent event : frame.events()) {
        if (event.key().source() != source) {
          throw new IllegalArgumentException(
              "frames of " + source + " hold an event for " + event.key());
        }
        events.add(event);
      }
      for (RejectedInput input : frame.rejected()) {
        rejected.add(new QuarantinedInput(source, receivedAt, input.reason(), input.raw()));
      }
      frame.ignored().forEach((name, count) -> ignored.merge(name, count, Integer::sum));
    }

    IngestPlan plan = IngestPlan.empty();
    List<MarketChange> changes = new ArrayList<>();
    List<Listing> recovered = new ArrayList<>(0);
    if (!events.isEmpty() || uncertain) {
      changes.addAll(catchUp(source, recovered));
    }
    if (!events.isEmpty()) {
      Set<ListingKey> keys = new LinkedHashSet<>();
      for (ListingEvent event : events) {
        keys.add(event.key());
      }
      Map<ListingKey, ListingState> held = model.states(keys);
      Map<ListingKey, ListingVersion> current = new HashMap<>(held.size() * 2);
      held.forEach((key, state) -> current.put(key, ListingVersion.of(state)));
      Instant now = clock.instant();
      plan = IngestPlanner.plan(events, current, appliedBefore(events, held), now);
      changes.addAll(write(source, plan, held));
    }
    if (!rejected.isEmpty()) {
      quarantine.addAll(rejected);
    }
    IngestResult result = IngestResult.of(plan, changes, rejected.size(), ignored);
    return recovered.isEmpty() ? result : result.withRecovered(recovered);
  }

  /**
   * After a failed append, applies to the model what the log holds beyond it (what the failed
   * append committed after all), adding those listings to {@code recovered}.
   */
  private List<MarketChange> catchUp(Source source, List<Listing> recovered) {
    if (!uncertain) {
      return List.of();
    }
    List<MarketChange> changes = new ArrayList<>();
    while (true) {
      List<ListingRecords.Logged> rows = records.after(source, model.highestSeq(source), 1_000);
      List<ListingState> states = new ArrayList<>(rows.size());
      Map<Long, Listing> bySeq = new HashMap<>();
      for (ListingRecords.Logged row : rows) {
        states.add(row.state());
        bySeq.put(row.seq(), row.listing());
      }
      for (MarketChange change : model.apply(states)) {
        changes.add(change);
        recovered.add(bySeq.get(change.after().seq()));
      }
      if (rows.size() < 1_000) {
        break;
      }
    }
    uncertain = false;
    return changes;
  }

  /**
   * Those of the events that were applied before. An event newer than its listing's last one cannot
   * have been (applied events only move a listing forward), nor can an event of a listing never
   * stored, so only the rest are looked up.
   */
  private Set<String> appliedBefore(List<ListingEvent> events, Map<ListingKey, ListingState> held) {
    Map<String, ListingState> candidates = null;
    for (ListingEvent event : events) {
      ListingState state = held.get(event.key());
      if (state != null
          && !event.eventAt().isAfter(state.lastEventAt())
          && !state.lastEvent().matches(event.eventId())) {
        if (candidates == null) {
          candidates = new HashMap<>();
        }
        candidates.put(event.eventId(), state);
      }
    }
    return candidates == null ? Set.of() : Set.copyOf(listings.applied(candidates));
  }

  /** Appends the plan's rows, then changes the model to what was committed. */
  private List<MarketChange> write(
      Source source, IngestPlan plan, Map<ListingKey, ListingState> held) {
    if (plan.history().isEmpty()) {
      return List.of();
    }
    Map<ListingKey, Listing> writes = new HashMap<>(plan.writes().size() * 2);
    for (Listing listing : plan.writes()) {
      writes.put(listing.key(), listing);
    }
    Map<ListingKey, Tombstone> tombstones = new HashMap<>(plan.tombstones().size() * 2);
    for (Tombstone tombstone : plan.tombstones()) {
      tombstones.put(tombstone.key(), tombstone);
    }
    // One row per applied listing, in the order the plan's history has them (arrival order).
    List<ListingStore.LogEntry> entries = new ArrayList<>(plan.history().size());
    for (HistoryEntry entry : plan.history()) {
      ListingKey key = entry.key();
      ListingState before = held.get(key);
      long previous = before == null ? 0 : before.seq();
      ListingStore.Kind kind =
          entry.type() == HistoryEntry.Type.UPDATE
              ? ListingStore.Kind.UPDATE
              : ListingStore.Kind.DELETE;
      Listing listing = writes.get(key);
      if (listing != null) {
        entries.add(
            new ListingStore.LogEntry(
                key,
                kind,
                listing.lastEventId(),
                listing.lastEventAt(),
                listing.snapshot(),
                listing.updatedAt(),
                listing.deletedAt(),
                previous));
      } else {
        Tombstone tombstone = Objects.requireNonNull(tombstones.get(key), "plan entry " + key);
        entries.add(
            new ListingStore.LogEntry(
                key,
                kind,
                tombstone.eventId(),
                tombstone.eventAt(),
                null,
                tombstone.updatedAt(),
                tombstone.deletedAt(),
                previous));
      }
    }
    long[] seqs = append(source, entries);
    List<ListingState> states = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      ListingStore.LogEntry entry = entries.get(i);
      Listing listing = writes.get(entry.key());
      states.add(
          listing != null
              ? ListingState.of(listing, seqs[i])
              : held.get(entry.key())
                  .buried(
                      entry.eventId(),
                      entry.eventAt(),
                      entry.deletedAt(),
                      entry.updatedAt(),
                      seqs[i]));
    }
    return model.apply(states);
  }

  private long[] append(Source source, List<ListingStore.LogEntry> entries) {
    try {
      return listings.append(source, entries, lease);
    } catch (RuntimeException e) {
      uncertain = true;
      throw e;
    }
  }

  /**
   * Marks deleted every live listing of {@code source} that {@code keep} does not hold and whose
   * last event is older than {@code before}: what a fresh snapshot taken at {@code before} no
   * longer has. Listings changed at or after {@code before} (by deltas of the new session) are left
   * alone, so this may run in any order with those deltas. Runs on the source's applier, like
   * {@link #apply}.
   *
   * @param keep the ids the snapshot holds
   * @param deletedAt the deletion time to store (also stored as the updated time)
   * @return the listings marked deleted
   */
  public List<MarketChange> sweep(
      Source source, Collection<String> keep, Instant before, Instant deletedAt) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(deletedAt, "deletedAt");
    Set<String> kept = new HashSet<>(keep);
    List<ListingKey> missing = new ArrayList<>();
    for (ListingKey key : model.liveBefore(source, before)) {
      if (!kept.contains(key.id())) {
        missing.add(key);
      }
    }
    if (missing.isEmpty()) {
      return List.of();
    }
    Map<ListingKey, ListingState> held = model.states(missing);
    List<ListingStore.LogEntry> entries = new ArrayList<>(missing.size());
    for (ListingKey key : missing) {
      entries.add(
          new ListingStore.LogEntry(
              key,
              ListingStore.Kind.SWEEP,
              null,
              null,
              null,
              deletedAt,
              deletedAt,
              held.get(key).seq()));
    }
    catchUp(source, new ArrayList<>());
    long[] seqs = append(source, entries);
    List<ListingState> states = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      ListingState was = held.get(entries.get(i).key());
      states.add(was.swept(deletedAt, seqs[i]));
    }
    return model.apply(states);
  }
}
