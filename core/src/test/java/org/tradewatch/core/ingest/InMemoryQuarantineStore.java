package org.tradewatch.core.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.tradewatch.core.listing.Source;

/** A quarantine in memory. */
final class InMemoryQuarantineStore implements QuarantineStore {

  final List<QuarantinedInput> inputs = new ArrayList<>();
  int calls;

  @Override
  public void addAll(Collection<QuarantinedInput> added) {
    calls++;
    inputs.addAll(added);
  }

  @Override
  public long count(Source source) {
    return inputs.stream().filter(input -> input.source() == source).count();
  }

  @Override
  public List<QuarantinedInput> latest(Source source, int limit) {
    return inputs.stream()
        .filter(input -> input.source() == source)
        .sorted(Comparator.comparing(QuarantinedInput::receivedAt).reversed())
        .limit(limit)
        .toList();
  }
}
