package org.tradewatch.web.it;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, instead of sleeping for a guessed time. */
final class Eventually {

  private Eventually() {}

  /** Polls until {@code value} gives a non-null result, and returns it; fails at the deadline. */
  static <T> T await(String what, Duration timeout, Supplier<T> value) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        T result = value.get();
        if (result != null) {
          return result;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
  }

  static void awaitTrue(String what, Duration timeout, Supplier<Boolean> condition) {
    await(what, timeout, () -> Boolean.TRUE.equals(condition.get()) ? Boolean.TRUE : null);
  }
}
