package org.tradewatch.persistence.listing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.tradewatch.core.ingest.Tombstone;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.listing.StoreLimits;
import org.tradewatch.persistence.InsertionOrder;

/**
 * Writes an ingest plan with batched JDBC statements on the transaction's own connection.
 *
 * <p>This is the hot path of the stream: the entities map the same tables for everything else, but
 * for writes EclipseLink spent about a third of the time on change tracking and object building
 * that a batch of plain INSERTs and UPDATEs does not need. The statements are portable SQL (no
 * MERGE dialects): the store already knows which keys exist. Values go through the same conversions
 * as the entities (text fitted to its column, instants as epoch microseconds).
 */
final class ListingRows {

  private static final String COLUMNS =
      "appid, item_name, quality, quality_color, particle, wear, image_url, intent, currencies,"
          + " value_amount, value_unit, seller_id, seller_name, details, listed_at, bumped_at,"
          + " payload, updated_at, deleted_at, last_event_id, last_event_at";
  private static final int COLUMN_COUNT = 21;

  static final String INSERT =
      "INSERT INTO listing ("
          + COLUMNS
          + ", source, listing_id) VALUES ("
          + "?, ".repeat(COLUMN_COUNT + 1)
          + "?)";

  static final String UPDATE =
      "UPDATE listing SET "
          + String.join(" = ?, ", COLUMNS.split(",\\s*"))
          + " = ? WHERE source = ? AND listing_id = ?";

  static final String BURY =
      "UPDATE listing SET deleted_at = ?, updated_at = ?, last_event_id = ?, last_event_at = ?"
          + " WHERE source = ? AND listing_id = ?";

  /**
   * A listing a source's snapshot no longer has, marked deleted unless an event changed it since.
   */
  static final String SWEEP =
      "UPDATE listing SET deleted_at = ?, updated_at = ?"
          + " WHERE source = ? AND listing_id = ? AND deleted_at IS NULL AND last_event_at < ?";

  static final String HISTORY =
      "INSERT INTO listing_history (event_id, recorded_seq, event_type, source, listing_id,"
          + " event_at, value_amount, value_unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  private ListingRows() {}

  static void insert(Connection connection, List<Listing> listings) throws SQLException {
    batch(connection, INSERT, listings);
  }

  static void update(Connection connection, List<Listing> listings) throws SQLException {
    batch(connection, UPDATE, listings);
  }

  private static void batch(Connection connection, String sql, List<Listing> listings)
      throws SQLException {
    if (listings.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (Listing listing : listings) {
        ListingSnapshot s = listing.snapshot();
        int i = 0;
        setInteger(statement, ++i, s.appid());
        setText(statement, ++i, Text.fit(s.itemName(), StoreLimits.ITEM_NAME_LENGTH));
        setText(statement, ++i, Text.fit(s.quality(), StoreLimits.QUALITY_LENGTH));
        setText(statement, ++i, Text.fit(s.qualityColor(), StoreLimits.QUALITY_COLOR_LENGTH));
        setText(statement, ++i, Text.fit(s.particle(), StoreLimits.PARTICLE_LENGTH));
        setText(statement, ++i, Text.fit(s.wear(), StoreLimits.WEAR_LENGTH));
        setText(statement, ++i, Text.fit(s.imageUrl(), StoreLimits.IMAGE_URL_LENGTH));
        setText(statement, ++i, s.intent() == null ? null : s.intent().id());
        setText(statement, ++i, CurrenciesJson.encode(s.currencies()));
        setDecimal(statement, ++i, s.value());
        setText(statement, ++i, Text.fit(s.valueUnit(), StoreLimits.VALUE_UNIT_LENGTH));
        setText(statement, ++i, Text.fit(s.sellerId(), StoreLimits.SELLER_ID_LENGTH));
        setText(statement, ++i, Text.fit(s.sellerName(), StoreLimits.SELLER_NAME_LENGTH));
        setText(statement, ++i, Text.fit(s.details(), StoreLimits.DETAILS_LENGTH));
        setInstant(statement, ++i, s.listedAt());
        setInstant(statement, ++i, s.bumpedAt());
        statement.setString(++i, s.payload());
        setInstant(statement, ++i, listing.updatedAt());
        setInstant(statement, ++i, listing.deletedAt());
        statement.setString(++i, listing.lastEventId());
        setInstant(statement, ++i, listing.lastEventAt());
        statement.setString(++i, listing.key().source().id());
        statement.setString(++i, listing.key().id());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  static void bury(Connection connection, List<Tombstone> tombstones) throws SQLException {
    if (tombstones.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(BURY)) {
      for (Tombstone tombstone : tombstones) {
        setInstant(statement, 1, tombstone.deletedAt());
        setInstant(statement, 2, tombstone.updatedAt());
        statement.setString(3, tombstone.eventId());
        setInstant(statement, 4, tombstone.eventAt());
        statement.setString(5, tombstone.key().source().id());
        statement.setString(6, tombstone.key().id());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  static void sweep(
      Connection connection, Source source, List<String> ids, Instant before, Instant deletedAt)
      throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(SWEEP)) {
      for (String id : ids) {
        setInstant(statement, 1, deletedAt);
        setInstant(statement, 2, deletedAt);
        statement.setString(3, source.id());
        statement.setString(4, id);
        setInstant(statement, 5, before);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  static void appendHistory(Connection connection, List<HistoryEntry> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(HISTORY)) {
      for (HistoryEntry entry : entries) {
        statement.setString(1, entry.eventId());
        statement.setLong(2, InsertionOrder.next());
        statement.setString(3, entry.type().id());
        statement.setString(4, entry.key().source().id());
        statement.setString(5, entry.key().id());
        setInstant(statement, 6, entry.eventAt());
        setDecimal(statement, 7, entry.value());
        setText(statement, 8, Text.fit(entry.valueUnit(), StoreLimits.VALUE_UNIT_LENGTH));
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private static void setText(PreparedStatement statement, int index, String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  private static void setInteger(PreparedStatement statement, int index, Integer value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value);
    }
  }

  private static void setDecimal(PreparedStatement statement, int index, BigDecimal value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.NUMERIC);
    } else {
      statement.setBigDecimal(index, value);
    }
  }

  private static void setInstant(PreparedStatement statement, int index, Instant value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, ChronoUnit.MICROS.between(Instant.EPOCH, value));
    }
  }
}
