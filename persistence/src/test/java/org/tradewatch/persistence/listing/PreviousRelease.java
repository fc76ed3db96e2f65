package org.tradewatch.persistence.listing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.tradewatch.core.listing.HistoryEntry;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.persistence.TestDatabase;

/**
 * The listing tables of the release before the log (80a0d96), built by hand as its entities and
 * {@code ListingIndexes} left them: the listing table written in place with five search indexes and
 * a generated lower-case quality, the item-name vocabulary, and the history keyed by event id.
 */
final class PreviousRelease {

  /** The search indexes of the listing table, as that release created them. */
  static final String[] LISTING_INDEXES = {
    "CREATE INDEX ix_listing_by_updated ON listing (updated_at DESC, source DESC,"
        + " listing_id DESC, deleted_at, intent, quality, appid, value_amount, item_name)",
    "CREATE INDEX ix_listing_by_value ON listing (value_amount ASC NULLS LAST, source ASC,"
        + " listing_id ASC, deleted_at, intent, quality, appid)",
    "CREATE INDEX ix_listing_by_value_desc ON listing (value_amount DESC NULLS LAST,"
        + " source DESC, listing_id DESC, deleted_at, intent, quality, appid)",
    "CREATE INDEX ix_listing_by_item_name ON listing (item_name, source, listing_id,"
        + " deleted_at, intent, quality, appid, value_amount)",
    "CREATE INDEX ix_listing_by_quality ON listing (quality_key, deleted_at, intent, source,"
        + " appid)"
  };

  private final TestDatabase db;

  private PreviousRelease(TestDatabase db) {
    this.db = db;
  }

  /** Creates that release's listing tables in {@code db}, which no factory has opened yet. */
  /** That release's snapshot columns (this one's {@link ListingLogRows#SNAPSHOT} has more). */
  private static final String SNAPSHOT =
      "appid, item_name, quality, quality_color, particle, wear, image_url, intent, currencies,"
          + " value_amount, value_unit, seller_id, seller_name, details, listed_at, bumped_at,"
          + " payload";

  static PreviousRelease createIn(TestDatabase db) throws SQLException {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE listing (source VARCHAR(16) NOT NULL, listing_id VARCHAR(128) NOT NULL,"
              + " appid INTEGER, item_name VARCHAR(512), quality VARCHAR(64),"
              + " quality_color VARCHAR(64), particle VARCHAR(256), wear VARCHAR(256),"
              + " image_url VARCHAR(2048), intent VARCHAR(8), currencies VARCHAR(4000),"
              + " value_amount NUMERIC(38,12), value_unit VARCHAR(64), seller_id VARCHAR(64),"
              + " seller_name VARCHAR(256), details VARCHAR(4000), listed_at BIGINT,"
              + " bumped_at BIGINT, payload "
              + (db.isPostgres() ? "TEXT" : "CLOB")
              + " NOT NULL, updated_at BIGINT NOT NULL, deleted_at BIGINT,"
              + " last_event_id VARCHAR(128) NOT NULL, last_event_at BIGINT NOT NULL,"
              + " PRIMARY KEY (source, listing_id))");
      statement.execute(
          "ALTER TABLE listing ADD COLUMN quality_key VARCHAR GENERATED ALWAYS AS"
              + " (LOWER(quality))"
              + (db.isPostgres() ? " STORED" : ""));
      for (String index : LISTING_INDEXES) {
        statement.execute(index);
      }
      statement.execute(
          "CREATE TABLE listing_name (source VARCHAR(16) NOT NULL, name VARCHAR(512) NOT NULL,"
              + " PRIMARY KEY (source, name))");
      statement.execute(
          "CREATE TABLE listing_history (event_id VARCHAR(128) NOT NULL PRIMARY KEY,"
              + " source VARCHAR(16) NOT NULL, listing_id VARCHAR(128) NOT NULL,"
              + " recorded_seq BIGINT NOT NULL, event_type VARCHAR(8) NOT NULL,"
              + " event_at BIGINT NOT NULL, value_amount NUMERIC(38,12), value_unit VARCHAR(64))");
      statement.execute(
          "CREATE INDEX ix_listing_history_listing ON listing_history"
              + " (source, listing_id, event_at)");
      statement.execute("CREATE INDEX ix_listing_history_event_at ON listing_history (event_at)");
    }
    return new PreviousRelease(db);
  }

  /** Stores a listing as that release's ingest did: its row, and its name in the vocabulary. */
  PreviousRelease listing(Listing listing) throws SQLException {
    ListingSnapshot s = listing.snapshot();
    try (Connection connection = db.connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO listing (source, listing_id, "
                    + SNAPSHOT
                    + ", updated_at, deleted_at, last_event_id, last_event_at) VALUES "
                    + ListingLogRows.placeholders(2 + 17 + 4))) {
      int i = 0;
      insert.setString(++i, listing.key().source().id());
      insert.setString(++i, listing.key().id());
      ListingLogRows.setInteger(insert, ++i, s.appid());
      ListingLogRows.setText(insert, ++i, s.itemName());
      ListingLogRows.setText(insert, ++i, s.quality());
      ListingLogRows.setText(insert, ++i, s.qualityColor());
      ListingLogRows.setText(insert, ++i, s.particle());
      ListingLogRows.setText(insert, ++i, s.wear());
      ListingLogRows.setText(insert, ++i, s.imageUrl());
      ListingLogRows.setText(insert, ++i, s.intent() == null ? null : s.intent().id());
      ListingLogRows.setText(insert, ++i, CurrenciesJson.encode(s.currencies()));
      ListingLogRows.setDecimal(insert, ++i, s.value());
      ListingLogRows.setText(insert, ++i, s.valueUnit());
      ListingLogRows.setText(insert, ++i, s.sellerId());
      ListingLogRows.setText(insert, ++i, s.sellerName());
      ListingLogRows.setText(insert, ++i, s.details());
      ListingLogRows.setInstant(insert, ++i, s.listedAt());
      ListingLogRows.setInstant(insert, ++i, s.bumpedAt());
      insert.setString(++i, s.payload());
      ListingLogRows.setInstant(insert, ++i, listing.updatedAt());
      ListingLogRows.setInstant(insert, ++i, listing.deletedAt());
      insert.setString(++i, listing.lastEventId());
      ListingLogRows.setInstant(insert, ++i, listing.lastEventAt());
      insert.executeUpdate();
      if (s.itemName() != null) {
        try (PreparedStatement name =
            connection.prepareStatement("INSERT INTO listing_name (source, name) VALUES (?, ?)")) {
          name.setString(1, listing.key().source().id());
          name.setString(2, s.itemName());
          name.executeUpdate();
        }
      }
    }
    return this;
  }

  /**
   * Records an applied event in that release's history; {@code recordedSeq} orders events of the
   * same instant, as its insertion order did.
   */
  PreviousRelease history(HistoryEntry entry, long recordedSeq) throws SQLException {
    try (Connection connection = db.connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO listing_history (event_id, source, listing_id, recorded_seq,"
                    + " event_type, event_at, value_amount, value_unit) VALUES "
                    + ListingLogRows.placeholders(8))) {
      insert.setString(1, entry.eventId());
      insert.setString(2, entry.key().source().id());
      insert.setString(3, entry.key().id());
      insert.setLong(4, recordedSeq);
      insert.setString(5, entry.type().id());
      ListingLogRows.setInstant(insert, 6, entry.eventAt());
      ListingLogRows.setDecimal(insert, 7, entry.value());
      ListingLogRows.setText(insert, 8, entry.valueUnit());
      insert.executeUpdate();
    }
    return this;
  }
}
