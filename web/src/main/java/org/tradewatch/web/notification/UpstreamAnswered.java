package org.tradewatch.web.notification;

import java.util.Objects;
import org.tradewatch.core.notification.TokenHash;

/**
 * A CDI event: backpack.tf answered a call made with the token of this hash with a 2xx. Fired on
 * the thread that made the call, after it; it carries the hash, never the token, so that no
 * observer can keep or log the token.
 *
 * @param token the token's hash
 * @param atMillis when the answer came, epoch milliseconds
 */
public record UpstreamAnswered(TokenHash token, long atMillis) {

  public UpstreamAnswered {
    Objects.requireNonNull(token, "token");
  }
}
