package org.tradewatch.persistence.listing;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.tradewatch.core.ingest.ListingStore;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.EventDigest;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.PriceUnit;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.listing.StoreLimits;

/**
 * The SQL of the listing log and the checkpoint table, on the caller's connection: plain batched
 * JDBC on the hot path, where EclipseLink's change tracking and object building cost about a third
 * of the time and buy nothing. Values go through the same conversions as the entities (text fitted
 * to its column, instants as epoch microseconds).
 */
final class ListingLogRows {

  /** The snapshot's columns, the same in the log and the listing table. */
  static final String SNAPSHOT =
      "appid, item_name, quality, quality_color, particle, wear, image_url, intent, currencies,"
          + " value_amount, value_unit, seller_id, seller_name, details, listed_at, bumped_at,"
          + " payload, craftable, killstreak_tier, australium, festivized, stattrak, suggested";

  private static final int SNAPSHOT_COUNT = 23;

  /** What a model state needs besides its position and last event, in either table. */
  private static final String STATE =
      "source, listing_id, appid, item_name, quality, intent, value_amount, updated_at,"
          + " deleted_at";

  /** What a model state's item and price unit need besides {@link #STATE}, after the event. */
  private static final String ITEM =
      "particle, wear, craftable, killstreak_tier, australium, festivized, stattrak, suggested,"
          + " value_unit, currencies";

  /** The rest of a whole listing, after {@link #STATE} and the event. */
  private static final String DISPLAY =
      "quality_color, particle, wear, image_url, currencies, value_unit, seller_id, seller_name,"
          + " details, listed_at, bumped_at, payload, craftable, killstreak_tier, australium,"
          + " festivized, stattrak, suggested";

  static final String APPEND =
      "INSERT INTO listing_event (seq, prev_seq, source, listing_id, event_kind, event_id,"
          + " event_at, updated_at, deleted_at, "
          + SNAPSHOT
          + ") VALUES ("
          + "?, ".repeat(8 + SNAPSHOT_COUNT)
          + "?)";

  /** A row without a snapshot of its own: a delete that only names the listing, or a sweep. */
  private static final String CARRY_COLUMNS =
      "INSERT INTO listing_event (seq, prev_seq, source, listing_id, event_kind, event_id,"
          + " event_at, updated_at, deleted_at, "
          + SNAPSHOT
          + ") SELECT ?, ?, ?, ?, ?, ";

  /** The previous row's snapshot, from the log. */
  static final String CARRY_FROM_LOG =
      CARRY_COLUMNS + "?, ?, ?, ?, " + SNAPSHOT + " FROM listing_event WHERE seq = ?";

  /** A sweep's: the previous row's event too. */
  static final String SWEEP_FROM_LOG =
      CARRY_COLUMNS + "event_id, event_at, ?, ?, " + SNAPSHOT + " FROM listing_event WHERE seq = ?";

  /** The snapshot of a listing whose log rows are gone (or were never written), by key. */
  static final String CARRY_FROM_TABLE =
      CARRY_COLUMNS
          + "?, ?, ?, ?, "
          + SNAPSHOT
          + " FROM listing WHERE source = ? AND listing_id = ?";

  static final String SWEEP_FROM_TABLE =
      CARRY_COLUMNS
          + "last_event_id, last_event_at, ?, ?, "
          + SNAPSHOT
          + " FROM listing WHERE source = ? AND listing_id = ?";

  /** Whole listings of log rows by position. */
  static final String LISTINGS_BY_SEQ =
      "SELECT seq, "
          + STATE
          + ", event_id, event_at, "
          + DISPLAY
          + " FROM listing_event WHERE seq IN ";

  /** What walking a listing's history reads of each row. */
  static final String HISTORY_ROW =
      "SELECT prev_seq, event_kind, event_id, event_at, value_amount, value_unit"
          + " FROM listing_event WHERE seq = ?";

  /** Model states of the checkpoint table. */
  static final String TABLE_STATES =
      "SELECT last_seq, " + STATE + ", last_event_id, last_event_at, " + ITEM + " FROM listing";

  /** Model states of a source's log after a position, in log order. */
  static final String LOG_STATES =
      "SELECT seq, "
          + STATE
          + ", event_id, event_at, "
          + ITEM
          + " FROM listing_event WHERE seq > ? AND source = ? ORDER BY seq";

  /** Whole listings of a source's log after a position, in log order, at most a given number. */
  static final String LOG_AFTER =
      "SELECT seq, "
          + STATE
          + ", event_id, event_at, "
          + DISPLAY
          + " FROM listing_event WHERE seq > ? AND seq <= ? AND source = ? ORDER BY seq"
          + " FETCH FIRST ? ROWS ONLY";

  private ListingLogRows() {}

  /** Binds an entry that carries its snapshot to {@link #APPEND}. */
  static void bindAppend(PreparedStatement statement, ListingStore.LogEntry entry, long seq)
      throws SQLException {
    int i = bindEvent(statement, entry, seq);
    setInstant(statement, ++i, entry.eventAt());
    setInstant(statement, ++i, entry.updatedAt());
    setInstant(statement, ++i, entry.deletedAt());
    ListingSnapshot s = entry.snapshot();
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
    setBoolean(statement, ++i, s.craftable());
    setInteger(statement, ++i, s.killstreakTier());
    setBoolean(statement, ++i, s.australium());
    setBoolean(statement, ++i, s.festivized());
    setBoolean(statement, ++i, s.stattrak());
    setDecimal(statement, ++i, s.suggested());
  }

  /**
   * Binds a row without a snapshot of its own to {@link #CARRY_FROM_LOG} or {@link #SWEEP_FROM_LOG}
   * (then {@code fromTable} is false) or to their {@code _FROM_TABLE} forms.
   */
  static void bindCarried(
      PreparedStatement statement, ListingStore.LogEntry entry, long seq, boolean fromTable)
      throws SQLException {
    int i = bindEvent(statement, entry, seq);
    if (entry.kind() != ListingStore.Kind.SWEEP) {
      setInstant(statement, ++i, entry.eventAt());
    }
    setInstant(statement, ++i, entry.updatedAt());
    setInstant(statement, ++i, entry.deletedAt());
    if (fromTable) {
      statement.setString(++i, entry.key().source().id());
      statement.setString(++i, entry.key().id());
    } else {
      statement.setLong(++i, entry.previousSeq());
    }
  }

  /** seq, prev_seq, source, listing_id, event_kind and (but for a sweep) event_id. */
  private static int bindEvent(PreparedStatement statement, ListingStore.LogEntry entry, long seq)
      throws SQLException {
    int i = 0;
    statement.setLong(++i, seq);
    statement.setLong(++i, entry.previousSeq());
    statement.setString(++i, entry.key().source().id());
    statement.setString(++i, entry.key().id());
    statement.setString(++i, kindId(entry.kind()));
    if (entry.kind() != ListingStore.Kind.SWEEP) {
      statement.setString(++i, entry.eventId());
    }
    return i;
  }

  static String kindId(ListingStore.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  static ListingStore.Kind kind(String id) {
    return ListingStore.Kind.valueOf(id.toUpperCase(Locale.ROOT));
  }

  /**
   * A model state from a row of {@link #TABLE_STATES} or {@link #LOG_STATES}: its position, {@link
   * #STATE}, the last event's id and time, then {@link #ITEM}.
   */
  static ListingState state(ResultSet row) throws SQLException {
    long seq = row.getLong(1);
    ListingKey key = key(row, 2);
    Integer appid = integer(row, 4);
    String itemName = row.getString(5);
    String quality = row.getString(6);
    return new ListingState(
        key,
        appid,
        itemName,
        quality,
        intent(row.getString(7)),
        Text.plain(row.getBigDecimal(8)),
        instant(row, 9),
        instant(row, 10),
        EventDigest.of(row.getString(11)),
        instant(row, 12),
        seq,
        ItemKey.of(
            key.source(),
            appid,
            itemName,
            quality,
            row.getString(13),
            row.getString(14),
            bool(row, 15),
            integer(row, 16),
            bool(row, 17),
            bool(row, 18),
            bool(row, 19)),
        Text.plain(row.getBigDecimal(20)),
        priceUnit(key.source(), row.getBigDecimal(8), row.getString(21), row.getString(22)));
  }

  /**
   * The price unit of a stored state ({@link PriceUnit#of}), as ingest gave it: only the names of
   * the currencies matter, read without parsing the amounts.
   */
  static String priceUnit(Source source, BigDecimal value, String valueUnit, String currencies) {
    if (value == null) {
      return null;
    }
    return PriceUnit.of(source, CurrenciesJson.names(currencies), value, valueUnit);
  }

  /** A whole listing from a row of {@link #LISTINGS_BY_SEQ} or {@link #LOG_AFTER}. */
  static Listing listing(ResultSet row) throws SQLException {
    ListingSnapshot snapshot =
        ListingSnapshot.builder(key(row, 2))
            .appid(integer(row, 4))
            .itemName(row.getString(5))
            .quality(row.getString(6))
            .intent(intent(row.getString(7)))
            .value(Text.plain(row.getBigDecimal(8)))
            .qualityColor(row.getString(13))
            .particle(row.getString(14))
            .wear(row.getString(15))
            .imageUrl(row.getString(16))
            .currencies(CurrenciesJson.decode(row.getString(17)))
            .valueUnit(row.getString(18))
            .sellerId(row.getString(19))
            .sellerName(row.getString(20))
            .details(row.getString(21))
            .listedAt(instant(row, 22))
            .bumpedAt(instant(row, 23))
            .payload(row.getString(24))
            .craftable(bool(row, 25))
            .killstreakTier(integer(row, 26))
            .australium(bool(row, 27))
            .festivized(bool(row, 28))
            .stattrak(bool(row, 29))
            .suggested(Text.plain(row.getBigDecimal(30)))
            .build();
    return new Listing(
        snapshot, instant(row, 9), instant(row, 10), row.getString(11), instant(row, 12));
  }

  private static ListingKey key(ResultSet row, int column) throws SQLException {
    return new ListingKey(Source.fromId(row.getString(column)), row.getString(column + 1));
  }

  private static Intent intent(String id) {
    return id == null ? null : Intent.fromId(id);
  }

  private static Integer integer(ResultSet row, int column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  private static Boolean bool(ResultSet row, int column) throws SQLException {
    boolean value = row.getBoolean(column);
    return row.wasNull() ? null : value;
  }

  static Instant instant(ResultSet row, int column) throws SQLException {
    long micros = row.getLong(column);
    return row.wasNull() ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** {@code (?, ?, ...)} for {@code count} values. */
  static String placeholders(int count) {
    return "(" + "?, ".repeat(count - 1) + "?)";
  }

  static void bindLongs(PreparedStatement statement, List<Long> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      statement.setLong(i + 1, values.get(i));
    }
  }

  static void setText(PreparedStatement statement, int index, String value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  static void setInteger(PreparedStatement statement, int index, Integer value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value);
    }
  }

  static void setBoolean(PreparedStatement statement, int index, Boolean value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BOOLEAN);
    } else {
      statement.setBoolean(index, value);
    }
  }

  static void setDecimal(PreparedStatement statement, int index, BigDecimal value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.NUMERIC);
    } else {
      statement.setBigDecimal(index, value);
    }
  }

  static void setInstant(PreparedStatement statement, int index, Instant value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, ChronoUnit.MICROS.between(Instant.EPOCH, value));
    }
  }
}
