package org.tradewatch.web.stream;

import org.tradewatch.core.cluster.Lease;
import org.tradewatch.core.listing.Source;

/**
 * A source's consumer, run by {@link ConsumerLeases} only while this instance holds the source's
 * lease. Start and stop may alternate any number of times in one application's life.
 */
public interface LeasedConsumer {

  Source source();

  /**
   * Opens the pipeline, fenced by {@code lease}, and the first connection attempt.
   *
   * @param onFenced runs when a write found the lease taken over; it must not block
   */
  void start(Lease lease, Runnable onFenced);

  /**
   * Closes the socket, then stops the pipeline.
   *
   * @param why what the stream's status shows
   * @param cleanly true on a clean stop: what is queued is applied and the counters are saved;
   *     false when the lease was lost: another instance continues, so the socket closes at once and
   *     nothing more is written
   */
  void stop(String why, boolean cleanly);
}
