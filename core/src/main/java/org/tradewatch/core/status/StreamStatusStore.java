package org.tradewatch.core.status;

import java.util.Optional;
import org.tradewatch.core.listing.Source;

/** Port that keeps each stream's counters; the persistence module implements it. */
public interface StreamStatusStore {

  Optional<StreamCounters> load(Source source);

  /** Inserts or replaces the counters of {@code counters.source()}. */
  void save(StreamCounters counters);
}
