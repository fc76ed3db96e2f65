package org.tradewatch.core.ingest;

import java.time.Instant;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** What an {@link IngestPipeline} reports about its source, for the stream's status and metrics. */
public interface IngestMonitor {

  /** The pipeline's queue: how many frames wait, and since when the oldest has (null: none). */
  void watchQueue(IntSupplier depth, Supplier<Instant> oldest);

  /** A group of frames was applied and committed. */
  void applied(IngestResult result);

  /** Input was quarantined outside a group's result (a frame that could not be stored). */
  void quarantined(int count);

  /** Why the pipeline cannot apply now, or null when it can. */
  void problem(String why);
}
