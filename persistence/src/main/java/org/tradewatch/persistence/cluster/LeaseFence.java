package org.tradewatch.persistence.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.cluster.LeaseLostException;

/**
 * The check a leased write makes last, in its own transaction just before the commit: it updates
 * the lease's row only if the lease is still the one the writer holds, and fails the transaction
 * otherwise. The update locks the row until the commit, so a takeover (which locks the row too)
 * either comes before it, and the write stores nothing, or waits for the commit, and the write
 * happened while the lease was held. Holding the lock only for the commit, not for the whole batch,
 * keeps the holder's own renewals from waiting behind back-to-back batches.
 */
public final class LeaseFence {

  private static final String SQL =
      "UPDATE stream_lease SET last_applied_at = ?, first_applied_at = COALESCE(first_applied_at,"
          + " ?) WHERE source = ? AND holder = ? AND epoch = ?";

  private LeaseFence() {}

  /**
   * Passes the fence on {@code connection}, inside the write's transaction.
   *
   * @param lease the writer's lease; null passes without a check
   * @throws LeaseLostException when the lease was taken over
   */
  public static void pass(Connection connection, Lease lease, Instant now) throws SQLException {
    if (lease == null) {
      return;
    }
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
    try (PreparedStatement update = connection.prepareStatement(SQL)) {
      update.setLong(1, micros);
      update.setLong(2, micros);
      update.setString(3, lease.source().id());
      update.setString(4, lease.holder());
      update.setLong(5, lease.epoch());
      if (update.executeUpdate() != 1) {
        throw new LeaseLostException(lease);
      }
    }
  }
}
