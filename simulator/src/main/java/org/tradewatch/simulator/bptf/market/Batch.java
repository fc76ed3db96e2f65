package org.tradewatch.simulator.bptf.market;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Events written as one JSON array, remembering where each event starts and ends so that a
 * connection without {@code batch-test} can be sent them one per frame without writing them again.
 */
public final class Batch {
  private final StringBuilder text;
  private int[] starts;
  private int[] ends;
  private EventType[] types;
  private boolean[] bargains;
  private int size;
  private String arrayText;

  Batch(int expectedEvents) {
    this.text = new StringBuilder(Math.max(64, expectedEvents * 2600));
    this.starts = new int[Math.max(1, expectedEvents)];
    this.ends = new int[starts.length];
    this.types = new EventType[starts.length];
    this.bargains = new boolean[starts.length];
    text.append('[');
  }

  StringBuilder beginEvent() {
    if (size > 0) {
      text.append(',');
    }
    if (size == starts.length) {
      starts = Arrays.copyOf(starts, size * 2);
      ends = Arrays.copyOf(ends, size * 2);
      types = Arrays.copyOf(types, size * 2);
      bargains = Arrays.copyOf(bargains, size * 2);
    }
    starts[size] = text.length();
    return text;
  }

  void endEvent(EventType type) {
    endEvent(type, false);
  }

  /** Ends the event; {@code bargain} marks a new sell listing priced well under its value. */
  void endEvent(EventType type, boolean bargain) {
    ends[size] = text.length();
    types[size] = type;
    bargains[size] = bargain;
    size++;
  }

  Batch close() {
    text.append(']');
    arrayText = text.toString();
    return this;
  }

  /** How many events the batch holds. */
  public int size() {
    return size;
  }

  /** The whole batch as a JSON array: the frame a {@code batch-test} connection receives. */
  public String arrayText() {
    return arrayText;
  }

  /** Event {@code index} as one JSON object: the frame of the old one-event-per-frame format. */
  public String eventText(int index) {
    return arrayText.substring(starts[index], ends[index]);
  }

  /** The id of event {@code index}. */
  public String eventId(int index) {
    // every event starts with {"id":" followed by the 24 hex digits
    return arrayText.substring(starts[index] + 7, starts[index] + 31);
  }

  /** The listing id in the payload of event {@code index}. */
  public String listingId(int index) {
    // every event is written {"id":"<24 hex>","event":"<name>","payload":{"id":"<listing id>",...
    String marker = "\"payload\":{\"id\":\"";
    int from = arrayText.indexOf(marker, starts[index]) + marker.length();
    return arrayText.substring(from, arrayText.indexOf('"', from));
  }

  /**
   * The last event that leaves its listing live and visible: a {@code listing-update} that no later
   * event of the batch touches the listing after, or -1 when the batch has none (all deletes, or
   * every update superseded within the batch).
   */
  public int lastStandingUpdate() {
    return lastStanding(false);
  }

  /**
   * Like {@link #lastStandingUpdate()}, among the new sell listings priced 12 to 35 % under their
   * item's value (a deal for a consumer that knows the value), or -1 when the batch has none.
   */
  public int lastStandingBargain() {
    return lastStanding(true);
  }

  private int lastStanding(boolean bargainOnly) {
    Set<String> touchedLater = new HashSet<>();
    for (int i = size - 1; i >= 0; i--) {
      String listing = listingId(i);
      if (types[i] == EventType.LISTING_UPDATE
          && (!bargainOnly || bargains[i])
          && !touchedLater.contains(listing)) {
        return i;
      }
      touchedLater.add(listing);
    }
    return -1;
  }

  /** The type of event {@code index}. */
  public EventType type(int index) {
    return types[index];
  }

  /** How many events of {@code type} the first {@code count} events hold. */
  public int count(EventType type, int count) {
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (types[i] == type) {
        n++;
      }
    }
    return n;
  }
}
