package org.tradewatch.core.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.ListingEvent;
import org.tradewatch.core.stream.RejectedInput;

/**
 * Applies decoded frames of one source: one ingest transaction for the group's listing events, then
 * the group's rejected input into quarantine. Meant for the one applier thread of a source, which
 * keeps the frames and retries when this throws.
 *
 * <p>Rejected input is stored only after the listing events were: if the store fails, the caller
 * retries the whole group, and quarantining first would keep the same rejects once per attempt. If
 * the quarantine fails after the events were stored, the retry finds them applied (duplicates) and
 * only the quarantine is done again.
 */
public final class IngestService {

  private final ListingStore listings;
  private final QuarantineStore quarantine;
  private final Clock clock;
  private final Lease lease;

  public IngestService(ListingStore listings, QuarantineStore quarantine, Clock clock) {
    this(listings, quarantine, clock, null);
  }

  /**
   * @param lease the lease every ingest transaction is fenced by, or null for none
   */
  public IngestService(
      ListingStore listings, QuarantineStore quarantine, Clock clock, Lease lease) {
    this.listings = Objects.requireNonNull(listings, "listings");
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
   * @throws RuntimeException whatever the stores throw; nothing is quarantined if the listing store
   *     failed
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
    if (!events.isEmpty()) {
      Set<ListingKey> keys = new LinkedHashSet<>();
      Set<String> eventIds = new LinkedHashSet<>();
      for (ListingEvent event : events) {
        keys.add(event.key());
        eventIds.add(event.eventId());
      }
      plan =
          Objects.requireNonNull(
              listings.ingest(
                  keys, eventIds, IngestPlanner.forBatch(events, clock.instant()), lease),
              "the listing store returned no plan");
    }
    if (!rejected.isEmpty()) {
      quarantine.addAll(rejected);
    }
    return IngestResult.of(plan, rejected.size(), ignored);
  }
}
