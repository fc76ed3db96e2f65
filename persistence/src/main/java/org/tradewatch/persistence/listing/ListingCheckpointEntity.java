package org.tradewatch.persistence.listing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How far each source's log is folded into the listing table: every row of the source up to {@code
 * seq} is. Start-up reads the listing table and then only the log after this.
 */
@Entity
@Table(name = "listing_checkpoint")
public class ListingCheckpointEntity {

  @Id
  @Column(name = "source", length = 16)
  String source;

  @Column(name = "seq", nullable = false)
  long seq;

  /** When the checkpoint was written, in epoch microseconds. */
  @Column(name = "written_at", nullable = false)
  long writtenAt;

  protected ListingCheckpointEntity() {}
}
