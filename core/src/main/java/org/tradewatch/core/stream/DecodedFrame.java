package org.tradewatch.core.stream;

import java.util.List;
import java.util.Map;

/**
 * What one upstream frame held.
 *
 * @param events the listing events, in the order they stood in the frame
 * @param rejected the frame itself or the events of it that could not be decoded
 * @param ignored events of other types than listing events, counted by event name (for example
 *     {@code client-limit-exceeded}, or names upstream added later)
 */
public record DecodedFrame(
    List<ListingEvent> events, List<RejectedInput> rejected, Map<String, Integer> ignored) {

  public DecodedFrame {
    events = List.copyOf(events);
    rejected = List.copyOf(rejected);
    ignored = Map.copyOf(ignored);
  }

  /** The number of events of any kind the frame held, decoded or not. */
  public int size() {
    return events.size()
        + rejected.size()
        + ignored.values().stream().mapToInt(Integer::intValue).sum();
  }
}
