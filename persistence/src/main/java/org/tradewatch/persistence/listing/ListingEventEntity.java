package org.tradewatch.persistence.listing;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.StoreLimits;
import org.tradewatch.persistence.EpochMicrosConverter;

/**
 * One row of the listing log: a listing's whole state after one applied event, keyed by its
 * position in the log ({@code seq}, from a database sequence), with a pointer to the listing's
 * previous row. Rows are only ever appended (and, past the retention and a checkpoint, deleted), so
 * writing one touches the end of the primary key and nothing else; the table has no other index,
 * and a listing's history is its chain of previous rows. Mapped so that the table is created and
 * extended with the others; {@link ListingLogRows} reads and writes it with plain JDBC.
 */
@Entity
@Table(name = "listing_event")
public class ListingEventEntity extends ListingColumns {

  @Id
  @Column(name = "seq")
  long seq;

  /** The listing's previous row, or 0 when it has none in the log. */
  @Column(name = "prev_seq", nullable = false)
  long previousSeq;

  @Column(name = "source", length = 16, nullable = false)
  String source;

  @Column(name = "listing_id", length = ListingKey.MAX_ID_LENGTH, nullable = false)
  String listingId;

  /** {@code update}, {@code delete} or {@code sweep} (see ListingStore.Kind). */
  @Column(name = "event_kind", length = 8, nullable = false)
  String kind;

  @Column(name = "event_id", length = StoreLimits.EVENT_ID_LENGTH, nullable = false)
  String eventId;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "event_at", nullable = false)
  Instant eventAt;

  // Not a LOB: H2 keeps a LOB apart from its row, which made appending a row 3-4 times slower and
  // reading a page of rows 5-10 times slower (docs/performance.md).
  @Column(name = "payload", length = StoreLimits.PAYLOAD_LENGTH, nullable = false)
  String payload;

  protected ListingEventEntity() {}
}
