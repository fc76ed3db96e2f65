package org.tradewatch.core.stream.skinshark;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.listing.StoreLimits;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.FieldLimits;
import org.tradewatch.core.stream.FrameDecoder;
import org.tradewatch.core.stream.ListingEvent;
import org.tradewatch.core.stream.RejectedInput;

/**
 * Decodes skinshark's live frames ({@code {event, data, ts}}) and {@code GET /market} pages into
 * listing events.
 *
 * <p>skinshark's events carry no id, so ids are made from the content: {@code ss:} and a hash of
 * the frame text. They can never collide with backpack.tf's 24-hex ids, and the same frame
 * delivered twice gets the same id, so the ingest rules see the replay as a duplicate. Snapshot
 * entries get {@code ss:s:} and a hash of the snapshot time and the listing's JSON.
 *
 * <p>A listing with a field the store cannot hold is rejected naming the field ({@link
 * FieldLimits}); display texts are cut to fit instead.
 *
 * <p>Thread-safe: it keeps no state between frames.
 */
public final class SkinsharkDecoder implements FrameDecoder {

  public static final String READY = "market.ready";
  public static final String NEW = "market.new";
  public static final String UPDATE = "market.update";
  public static final String REMOVE = "market.remove";

  private static final JsonProvider JSON = JsonProvider.provider();
  private static final HexFormat HEX = HexFormat.of();

  /** One decoded {@code GET /market} page. */
  public record Page(DecodedFrame frame, List<String> ids, int total) {}

  @Override
  public DecodedFrame decode(String frame) {
    JsonObject event;
    try {
      event = parseObject(frame);
    } catch (RuntimeException e) {
      return rejected(frame, "not a JSON object: " + e.getMessage());
    }
    String name = string(event, "event");
    JsonNumber ts = event.get("ts") instanceof JsonNumber number ? number : null;
    if (name == null) {
      return rejected(frame, "no event name");
    }
    if (!name.equals(NEW) && !name.equals(UPDATE) && !name.equals(REMOVE)) {
      return new DecodedFrame(List.of(), List.of(), Map.of(name, 1));
    }
    if (ts == null || !(event.get("data") instanceof JsonObject data)) {
      return rejected(frame, name + " without a numeric ts or a data object");
    }
    try {
      Instant at = FieldLimits.epochMillis("ts", ts);
      String id = "ss:" + hash(frame);
      if (name.equals(REMOVE)) {
        String listingId = string(data, "listingId");
        if (listingId == null) {
          return rejected(frame, "market.remove without data.listingId");
        }
        ListingKey key = key("data.listingId", listingId);
        return events(new ListingEvent(id, at, ListingEvent.Type.DELETE, key, null));
      }
      ListingSnapshot snapshot = snapshot(data);
      return events(new ListingEvent(id, at, ListingEvent.Type.UPDATE, snapshot.key(), snapshot));
    } catch (FieldLimits.Refused e) {
      return rejected(frame, name + ": " + e.getMessage());
    } catch (RuntimeException e) {
      return rejected(frame, name + " could not be read: " + e.getMessage());
    }
  }

  /**
   * Decodes one {@code GET /market} page into updates stamped {@code snapshotAt}: the time of the
   * socket's {@code market.ready}, which is not later than any delta buffered since, so the
   * buffered deltas apply on top of the snapshot and not the other way round.
   *
   * @throws IllegalArgumentException if the body is not a page ({@code items} and {@code total}) or
   *     {@code snapshotAt} is a time the store cannot hold; single listings that cannot be read are
   *     rejected, the rest still decode
   */
  public static Page page(String body, Instant snapshotAt) {
    FieldLimits.time("snapshot time", snapshotAt);
    JsonObject page = parseObject(body);
    if (!(page.get("items") instanceof jakarta.json.JsonArray items)
        || !(page.get("total") instanceof JsonNumber total)) {
      throw new IllegalArgumentException("a market page needs items and total");
    }
    List<ListingEvent> events = new ArrayList<>(items.size());
    List<RejectedInput> rejected = new ArrayList<>(0);
    List<String> ids = new ArrayList<>(items.size());
    for (JsonValue item : items) {
      String raw = item.toString();
      try {
        ListingSnapshot snapshot = snapshot(item.asJsonObject());
        events.add(
            new ListingEvent(
                "ss:s:" + hash(snapshotAt.toEpochMilli() + "|" + raw),
                snapshotAt,
                ListingEvent.Type.UPDATE,
                snapshot.key(),
                snapshot));
        ids.add(snapshot.key().id());
      } catch (RuntimeException e) {
        rejected.add(new RejectedInput(raw, "market listing could not be read: " + e.getMessage()));
      }
    }
    return new Page(new DecodedFrame(events, rejected, Map.of()), ids, total.intValue());
  }

  /**
   * The frame's {@code ts} when it is {@code market.ready}; null otherwise, and when its {@code ts}
   * is not a time the store can hold: every listing of the snapshot is stamped with it.
   */
  public static Instant readyAt(String frame) {
    try {
      JsonObject event = parseObject(frame);
      if (READY.equals(string(event, "event")) && event.get("ts") instanceof JsonNumber ts) {
        return FieldLimits.epochMillis("ts", ts);
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }

  /**
   * A {@code MarketListing} as a listing snapshot: the price is the value, in its currency.
   *
   * @throws FieldLimits.Refused naming a field the store cannot hold
   */
  static ListingSnapshot snapshot(JsonObject data) {
    String id = string(data, "id");
    if (id == null) {
      throw new IllegalArgumentException("listing without an id");
    }
    ListingKey key = key("data.id", id);
    BigDecimal price =
        FieldLimits.decimal(
            "data.price", data.get("price") instanceof JsonNumber n ? n.bigDecimalValue() : null);
    String currency =
        FieldLimits.exact("data.currency", string(data, "currency"), StoreLimits.VALUE_UNIT_LENGTH);
    Map<String, BigDecimal> currencies = new LinkedHashMap<>();
    if (price != null && currency != null) {
      currencies.put(currency.toLowerCase(Locale.ROOT), price);
    }
    String itemId = string(data, "itemId");
    Integer appid = null;
    if (itemId != null && itemId.indexOf('_') > 0) {
      try {
        appid = Integer.valueOf(itemId.substring(0, itemId.indexOf('_')));
      } catch (NumberFormatException e) {
        appid = null;
      }
      // Read from an id, not sent as a field: one that is not an app id is no app id.
      appid = appid != null && appid >= 0 ? appid : null;
    }
    String wear = string(data, "wear");
    if (data.get("float") instanceof JsonNumber floatValue) {
      wear = (wear == null ? "" : wear + " ") + "(" + floatValue.bigDecimalValue() + ")";
    }
    return ListingSnapshot.builder(key)
        .appid(appid)
        .itemName(FieldLimits.display(string(data, "name"), StoreLimits.ITEM_NAME_LENGTH))
        .quality(
            FieldLimits.exact("data.rarity", string(data, "rarity"), StoreLimits.QUALITY_LENGTH))
        .wear(FieldLimits.display(wear, StoreLimits.WEAR_LENGTH))
        .imageUrl(
            FieldLimits.exact(
                "data.iconUrl", string(data, "iconUrl"), StoreLimits.IMAGE_URL_LENGTH))
        .intent(Intent.SELL)
        .currencies(FieldLimits.currencies("data.currency", currencies))
        .value(price)
        .valueUnit(currency)
        .payload(FieldLimits.payload("data", storable(data.toString())))
        .build();
  }

  /** A listing key, refused naming {@code field} when the store cannot hold the id. */
  private static ListingKey key(String field, String id) {
    return new ListingKey(Source.SKINSHARK, FieldLimits.exact(field, id, ListingKey.MAX_ID_LENGTH));
  }

  /**
   * The payload is written out again from the parsed listing, so an escaped half of a surrogate
   * pair comes out as a bare char the store cannot hold: it is replaced, as in display texts.
   */
  private static String storable(String json) {
    return StoreLimits.holdsChars(json) ? json : FieldLimits.display(json, json.length());
  }

  private static DecodedFrame events(ListingEvent event) {
    return new DecodedFrame(List.of(event), List.of(), Map.of());
  }

  private static DecodedFrame rejected(String frame, String reason) {
    return new DecodedFrame(List.of(), List.of(new RejectedInput(frame, reason)), Map.of());
  }

  private static JsonObject parseObject(String text) {
    try (JsonReader reader = JSON.createReader(new StringReader(text))) {
      return reader.readObject();
    } catch (jakarta.json.JsonException | IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static String string(JsonObject object, String name) {
    return object.get(name) instanceof JsonString s ? s.getString() : null;
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HEX.formatHex(digest, 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
