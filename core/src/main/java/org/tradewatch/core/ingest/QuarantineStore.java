package org.tradewatch.core.ingest;

import java.util.Collection;
import java.util.List;
import org.tradewatch.core.listing.Source;

/** Port where rejected input is kept; the persistence module implements it. */
public interface QuarantineStore {

  /** Stores the inputs in one transaction. */
  void addAll(Collection<QuarantinedInput> inputs);

  /** How many inputs from {@code source} are in quarantine. */
  long count(Source source);

  /** The newest quarantined inputs from {@code source}, newest first, at most {@code limit}. */
  List<QuarantinedInput> latest(Source source, int limit);
}
