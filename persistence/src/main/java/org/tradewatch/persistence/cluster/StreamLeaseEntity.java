package org.tradewatch.persistence.cluster;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.tradewatch.core.cluster.LeaseView;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.EpochMicrosConverter;

/**
 * One source's consumer lease, one row per source. The row is also the lock that orders a takeover
 * against the old holder's writes: both update it (see {@link LeaseFence}).
 */
@Entity
@Table(name = "stream_lease")
public class StreamLeaseEntity {

  static final int INSTANCE_LENGTH = 256;

  @Id
  @Column(name = "source", length = 16)
  String source;

  @Column(name = "holder", length = INSTANCE_LENGTH, nullable = false)
  String holder;

  @Column(name = "epoch", nullable = false)
  long epoch;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "acquired_at", nullable = false)
  Instant acquiredAt;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "expires_at", nullable = false)
  Instant expiresAt;

  @Column(name = "released", nullable = false)
  boolean released;

  /** Set by every fenced write. */
  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "last_applied_at")
  Instant lastAppliedAt;

  /** Set by the first fenced write of this epoch. */
  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "first_applied_at")
  Instant firstAppliedAt;

  @Column(name = "previous_holder", length = INSTANCE_LENGTH)
  String previousHolder;

  @Column(name = "previous_released")
  Boolean previousReleased;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "previous_last_applied_at")
  Instant previousLastAppliedAt;

  protected StreamLeaseEntity() {}

  StreamLeaseEntity(Source source) {
    this.source = source.id();
  }

  /** Whether someone holds it at {@code now}. */
  boolean heldAt(Instant now) {
    return !released && expiresAt.isAfter(now);
  }

  /** Hands it to {@code newHolder} with the next epoch, remembering the old holder's end. */
  void takeBy(String newHolder, Instant now, Instant until) {
    if (holder != null) {
      previousHolder = holder;
      previousReleased = released;
      previousLastAppliedAt = lastAppliedAt;
    }
    holder = newHolder;
    epoch++;
    acquiredAt = now;
    expiresAt = until;
    released = false;
    lastAppliedAt = null;
    firstAppliedAt = null;
  }

  LeaseView toView() {
    LeaseView.Takeover takeover =
        previousHolder == null
            ? null
            : new LeaseView.Takeover(
                previousHolder,
                holder,
                acquiredAt,
                Boolean.TRUE.equals(previousReleased),
                previousLastAppliedAt,
                firstAppliedAt);
    return new LeaseView(
        Source.fromId(source),
        holder,
        epoch,
        acquiredAt,
        expiresAt,
        released,
        lastAppliedAt,
        takeover);
  }
}
