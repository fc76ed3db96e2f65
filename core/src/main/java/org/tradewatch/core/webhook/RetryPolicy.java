package org.tradewatch.core.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed webhook delivery is tried again: exponential back-off from {@code first}, doubling
 * up to {@code cap}, with "equal jitter" (half the delay fixed, half random) so that the deliveries
 * of many alerts that failed together do not all come back at once; and no attempt later than
 * {@code giveUpAfter} from the first one, after which the delivery is given up.
 */
public record RetryPolicy(Duration first, Duration cap, Duration giveUpAfter) {

  /** One second, doubling to ten minutes, for an hour. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofHours(1));

  public RetryPolicy {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(giveUpAfter, "giveUpAfter");
    if (first.isNegative() || first.isZero()) {
      throw new IllegalArgumentException("the first delay is positive, was " + first);
    }
    if (cap.compareTo(first) < 0) {
      throw new IllegalArgumentException("the cap is at least the first delay, was " + cap);
    }
    if (giveUpAfter.isNegative()) {
      throw new IllegalArgumentException("giveUpAfter is not negative, was " + giveUpAfter);
    }
  }

  /** The delay before attempt {@code failed + 1} without jitter: first × 2^(failed-1), capped. */
  public Duration delay(int failed) {
    if (failed < 1) {
      throw new IllegalArgumentException("after 1 failed attempt or more, not " + failed);
    }
    long millis = first.toMillis();
    for (int i = 1; i < failed && millis < cap.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, cap.toMillis()));
  }

  /**
   * When to try again after {@code failed} attempts failed, the first at {@code firstAttempt}, the
   * last ending at {@code now}.
   *
   * @return empty when that would be later than {@code giveUpAfter} from the first attempt: give up
   */
  public Optional<Instant> next(
      int failed, Instant firstAttempt, Instant now, RandomGenerator random) {
    long full = delay(failed).toMillis();
    long half = full / 2;
    long jittered = full - half + (half == 0 ? 0 : random.nextLong(half + 1));
    Instant at = now.plusMillis(jittered);
    if (at.isAfter(firstAttempt.plus(giveUpAfter))) {
      return Optional.empty();
    }
    return Optional.of(at);
  }
}
