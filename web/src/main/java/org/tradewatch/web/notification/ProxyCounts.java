package org.tradewatch.web.notification;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.tradewatch.core.notification.SearchAnswer;
import org.tradewatch.core.notification.UpstreamFailure;

/**
 * What the notifications proxy did since this instance started: every call to backpack.tf by its
 * outcome, and every search it answered by where the answer came from ({@code
 * X-Tradewatch-Source}). Counts only grow; the metrics read them.
 */
@ApplicationScoped
public class ProxyCounts {

  /** How one call to backpack.tf ended; the metrics tag it with {@link #id()}. */
  public enum Outcome {
    /** Upstream answered 2xx. */
    OK,
    /** Upstream refused the request (401, other 4xx but 429). */
    REFUSED,
    /** Upstream asked to slow down (429). */
    RATE_LIMITED,
    /** Upstream answered 5xx or an unexpected status. */
    FAILED,
    /** Upstream did not answer in time. */
    TIMEOUT,
    /** Upstream could not be reached or broke off its answer. */
    UNREACHABLE,
    /** Not sent: the circuit breaker was open. */
    CIRCUIT_OPEN;

    /** The name in the metrics: {@code ok}, {@code rate_limited}... */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The outcome of a call that threw {@code failure}: an {@link UpstreamFailure} by its kind,
     * Fault Tolerance's timeout and open circuit as such, and anything else as a call that could
     * not be made, as {@link BptfUpstream} treats its client's own exceptions.
     */
    public static Outcome of(RuntimeException failure) {
      if (failure instanceof UpstreamFailure upstream) {
        return switch (upstream.kind()) {
          case REFUSED -> REFUSED;
          case RATE_LIMITED -> RATE_LIMITED;
          case FAILED -> FAILED;
          case TIMEOUT -> TIMEOUT;
          case UNREACHABLE -> UNREACHABLE;
          case CIRCUIT_OPEN -> CIRCUIT_OPEN;
        };
      }
      if (failure instanceof TimeoutException) {
        return TIMEOUT;
      }
      if (failure instanceof CircuitBreakerOpenException) {
        return CIRCUIT_OPEN;
      }
      return UNREACHABLE;
    }
  }

  private final LongAdder[] calls = adders(Outcome.values().length);
  private final LongAdder[] answers = adders(SearchAnswer.Source.values().length);

  private static LongAdder[] adders(int count) {
    LongAdder[] adders = new LongAdder[count];
    for (int i = 0; i < count; i++) {
      adders[i] = new LongAdder();
    }
    return adders;
  }

  /** One call to backpack.tf ended with {@code outcome}. */
  public void called(Outcome outcome) {
    calls[outcome.ordinal()].increment();
  }

  public long calls(Outcome outcome) {
    return calls[outcome.ordinal()].sum();
  }

  /** The proxy answered a search from {@code source}, as its {@code X-Tradewatch-Source} says. */
  public void answered(SearchAnswer.Source source) {
    answers[source.ordinal()].increment();
  }

  public long answers(SearchAnswer.Source source) {
    return answers[source.ordinal()].sum();
  }

  /** The value of {@code X-Tradewatch-Source} for {@code source}, and of the metrics' tag. */
  public static String id(SearchAnswer.Source source) {
    return source.name().toLowerCase(Locale.ROOT);
  }
}
