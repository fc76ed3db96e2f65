package org.tradewatch.simulator.notifications;

/**
 * How the API misbehaves for a while: answers late ({@code slow}), fails with a 5xx ({@code error})
 * or refuses with 429 and {@code Retry-After} ({@code throttle}). {@code remaining} is how many
 * more requests it affects, -1 for every one until it is cleared.
 */
record Fault(String mode, long delayMillis, int status, long retryAfterSeconds, long remaining) {

  Fault {
    switch (mode) {
      case "slow" -> {
        if (delayMillis < 1 || delayMillis > 600_000) {
          throw new IllegalArgumentException("delayMillis must be 1 to 600000 for mode=slow");
        }
      }
      case "error" -> {
        if (status < 500 || status > 599) {
          throw new IllegalArgumentException("status must be 500 to 599 for mode=error");
        }
      }
      case "throttle" -> {
        if (retryAfterSeconds < 0) {
          throw new IllegalArgumentException("retryAfter must not be negative");
        }
      }
      default ->
          throw new IllegalArgumentException(
              "mode must be slow, error, throttle or none, got '" + mode + "'");
    }
    if (remaining == 0 || remaining < -1) {
      throw new IllegalArgumentException("times must be -1 (until cleared) or at least 1");
    }
  }

  /** The same fault with one use fewer, or null when this was its last. */
  Fault used() {
    if (remaining == -1) {
      return this;
    }
    return remaining == 1
        ? null
        : new Fault(mode, delayMillis, status, retryAfterSeconds, remaining - 1);
  }
}
