package org.tradewatch.persistence.listing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Per source: how far its log is folded into the listing table (every row of the source up to
 * {@code seq} is, so start-up reads the table and then only the log after it), and how far its log
 * reaches ({@code appended_seq}, moved by each append, so an instance following the source knows
 * without scanning the log whether there is anything new and where it ends).
 */
@Entity
@Table(name = "listing_checkpoint")
public class ListingCheckpointEntity {

  @Id
  @Column(name = "source", length = 16)
  String source;

  @Column(name = "seq", nullable = false)
  long seq;

  /** The source's last row in the log, or null when it has none (only checkpoints so far). */
  @Column(name = "appended_seq")
  Long appendedSeq;

  /** When the checkpoint was written, in epoch microseconds. */
  @Column(name = "written_at", nullable = false)
  long writtenAt;

  protected ListingCheckpointEntity() {}
}
