package org.tradewatch.core.stream;

import java.util.Objects;

/**
 * Input that could not be decoded: a whole frame, or one event of it. Kept with its raw text so
 * nothing is lost silently.
 *
 * @param raw the text as received (the whole frame, or the one event's JSON)
 * @param reason why it was rejected, for people
 */
public record RejectedInput(String raw, String reason) {

  public RejectedInput {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(reason, "reason");
  }
}
