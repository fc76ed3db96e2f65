package org.tradewatch.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.tradewatch.core.listing.Source;

/**
 * A source's lease as stored, for status pages.
 *
 * @param source the source
 * @param holder the instance that holds or last held it
 * @param epoch its epoch
 * @param acquiredAt when the holder acquired it
 * @param expiresAt until when it is held unless renewed; in the past when released or lapsed
 * @param released whether the holder gave it up on stopping
 * @param lastAppliedAt when a write under this lease last committed, or null
 * @param lastTakeover the latest change of holder, or null
 */
public record LeaseView(
    Source source,
    String holder,
    long epoch,
    Instant acquiredAt,
    Instant expiresAt,
    boolean released,
    Instant lastAppliedAt,
    Takeover lastTakeover) {

  public LeaseView {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(acquiredAt, "acquiredAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Whether {@code holder} holds it at {@code now}. */
  public boolean heldAt(Instant now) {
    return !released && expiresAt.isAfter(now);
  }

  /**
   * One instance taking a source over from another.
   *
   * @param from the instance that held it before
   * @param to the instance that took it
   * @param at when it was taken
   * @param released whether {@code from} released it (a clean stop) rather than letting it lapse
   * @param lastAppliedBefore when {@code from} last committed a write, or null if never
   * @param firstAppliedAfter when {@code to} first committed one, or null while it has not
   */
  public record Takeover(
      String from,
      String to,
      Instant at,
      boolean released,
      Instant lastAppliedBefore,
      Instant firstAppliedAfter) {

    public Takeover {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(at, "at");
    }

    /**
     * How long nothing of the source was applied: from the old holder's last write to the new
     * holder's first; null until both are known.
     */
    public Duration gap() {
      if (lastAppliedBefore == null || firstAppliedAfter == null) {
        return null;
      }
      return Duration.between(lastAppliedBefore, firstAppliedAfter);
    }
  }
}
