package org.tradewatch.core.ingest;

import java.time.Instant;
import java.util.Objects;
import org.tradewatch.core.listing.Source;

/**
 * Upstream input that could not be applied, kept for people to look at.
 *
 * @param source where it came from
 * @param receivedAt when Tradewatch received it
 * @param reason why it was rejected
 * @param raw the text as received
 */
public record QuarantinedInput(Source source, Instant receivedAt, String reason, String raw) {

  public QuarantinedInput {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(raw, "raw");
  }
}
