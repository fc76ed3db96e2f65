package org.tradewatch.web.live;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.tradewatch.core.listing.Source;

/**
 * The live sockets of this instance: how many are open now, and how many clients the server let go
 * since it started, by why; each by the source the socket follows ({@code all} when its filters
 * name none). Thread-safe; the metrics read it.
 */
public final class LiveCounts {

  /** The value of a socket's {@code source} filter when it follows every source. */
  public static final String ALL = "all";

  /** Why the server let a client go; the metrics tag it with {@link #id()}. */
  public enum DropReason {
    /** More than {@code tradewatch.live.max-pending-messages} messages waited for it: 1008. */
    TOO_SLOW,
    /** The live delivery fell too far behind, and every client was let go: 1013. */
    SERVER_BUSY,
    /** Sending to it, or working out what to send it, failed: 1011. */
    FAILED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final List<String> SOURCES = sources();

  // By source index (Source's ordinal, then ALL).
  private final AtomicLong[] open = new AtomicLong[SOURCES.size()];
  private final LongAdder[][] dropped = new LongAdder[SOURCES.size()][DropReason.values().length];

  public LiveCounts() {
    for (int s = 0; s < SOURCES.size(); s++) {
      open[s] = new AtomicLong();
      for (int r = 0; r < DropReason.values().length; r++) {
        dropped[s][r] = new LongAdder();
      }
    }
  }

  private static List<String> sources() {
    String[] ids = new String[Source.values().length + 1];
    for (Source source : Source.values()) {
      ids[source.ordinal()] = source.id();
    }
    ids[ids.length - 1] = ALL;
    return List.of(ids);
  }

  /** Every value the counts are kept by: each source's id, then {@link #ALL}. */
  public static List<String> sourceIds() {
    return SOURCES;
  }

  private static int index(Source source) {
    return source == null ? SOURCES.size() - 1 : source.ordinal();
  }

  private static int index(String id) {
    int index = SOURCES.indexOf(id);
    if (index < 0) {
      throw new IllegalArgumentException("not a live socket's source: " + id);
    }
    return index;
  }

  /** A socket following {@code source} (null: every source) opened. */
  void opened(Source source) {
    open[index(source)].incrementAndGet();
  }

  /** A socket counted by {@link #opened} closed; to be told once per socket. */
  void closed(Source source) {
    open[index(source)].decrementAndGet();
  }

  /** The server let go of a client following {@code source} for {@code reason}. */
  void dropped(Source source, DropReason reason) {
    dropped[index(source)][reason.ordinal()].increment();
  }

  /** Sockets following the source of this id (or every source) open now. */
  public long open(String sourceId) {
    return open[index(sourceId)].get();
  }

  /** Clients following the source of this id let go for {@code reason} since the start. */
  public long dropped(String sourceId, DropReason reason) {
    return dropped[index(sourceId)][reason.ordinal()].sum();
  }
}
