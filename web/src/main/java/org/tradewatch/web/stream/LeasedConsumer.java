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
   * @param cleanly true on a clean stop, which saves the counters; false when the lease was lost,
   *     as another instance continues them. Either way the socket closes at once and what is queued
   *     is stored for a while, as far as the lease's fence lets it.
   */
  void stop(String why, boolean cleanly);
}
