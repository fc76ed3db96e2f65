package org.tradewatch.core.cluster;

import java.util.Objects;
import org.tradewatch.core.listing.Source;

/**
 * The right to run one source's consumer, held by one instance at a time. The epoch grows with
 * every acquisition, so a write fenced by an older epoch fails once another instance took over.
 *
 * @param source the source whose consumer it allows
 * @param holder the instance holding it
 * @param epoch the acquisition's number, unique per source
 */
public record Lease(Source source, String holder, long epoch) {

  public Lease {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(holder, "holder");
    if (holder.isBlank()) {
      throw new IllegalArgumentException("holder must not be blank");
    }
  }
}
