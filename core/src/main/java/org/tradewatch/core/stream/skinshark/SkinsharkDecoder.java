package org.tradewatch.core.stream.skinshark;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
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
import org.tradewatch.core.stream.JsonElements;
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
  private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());
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
   * <p>Each listing of the page is parsed on its own ({@link JsonElements}), so one the parser
   * refuses, or one with a field the store cannot hold, is rejected alone with its text as
   * received, and the rest of the page still decodes.
   *
   * @throws IllegalArgumentException if the body is not a page (an object with an {@code items}
   *     array and a whole, non-negative {@code total}) or {@code snapshotAt} is a time the store
   *     cannot hold
   */
  public static Page page(String body, Instant snapshotAt) {
    FieldLimits.time("snapshot time", snapshotAt);
    PageReader reader = new PageReader(body, snapshotAt);
    try {
      reader.read();
    } catch (JsonElements.Unreadable e) {
      throw new IllegalArgumentException("not a market page: " + e.getMessage(), e);
    }
    if (reader.total == null) {
      throw new IllegalArgumentException("a market page needs a total");
    }
    return new Page(
        new DecodedFrame(reader.events, reader.rejected, Map.of()), reader.ids, reader.total);
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
        .stattrak(
            data.get("stattrak") == JsonValue.TRUE
                ? Boolean.TRUE
                : data.get("stattrak") == JsonValue.FALSE ? Boolean.FALSE : null)
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

  /**
   * Walks a page's members by hand ({@link JsonElements}) so that its listings can be parsed one at
   * a time. Members other than {@code items} and {@code total} are skipped unread.
   */
  private static final class PageReader {
    private final String body;
    private final Instant snapshotAt;
    private List<ListingEvent> events = List.of();
    private List<RejectedInput> rejected = List.of();
    private List<String> ids = List.of();
    private boolean items;
    private Integer total;

    PageReader(String body, Instant snapshotAt) {
      this.body = body;
      this.snapshotAt = snapshotAt;
    }

    void read() {
      int i = JsonElements.skipWhitespace(body, 0);
      expect(i, '{');
      i = JsonElements.skipWhitespace(body, i + 1);
      if (at(i) == '}') {
        end(i + 1);
        return;
      }
      while (true) {
        expect(i, '"');
        int nameEnd = JsonElements.valueEnd(body, i);
        if (nameEnd < 0) {
          throw JsonElements.Unreadable.malformed(i, "a member name does not end");
        }
        String name = memberName(i, nameEnd);
        i = JsonElements.skipWhitespace(body, nameEnd);
        expect(i, ':');
        int valueStart = JsonElements.skipWhitespace(body, i + 1);
        int valueEnd;
        if (name.equals("items") && at(valueStart) == '[') {
          // A repeated member replaces the earlier one, as in a parsed object.
          events = new ArrayList<>(SnapshotLoader.PAGE_LIMIT);
          rejected = new ArrayList<>(0);
          ids = new ArrayList<>(SnapshotLoader.PAGE_LIMIT);
          items = true;
          valueEnd = JsonElements.forEachElement(body, valueStart, this::item, this::skipped);
        } else {
          valueEnd = JsonElements.valueEnd(body, valueStart);
          if (valueEnd < 0) {
            throw JsonElements.Unreadable.malformed(
                valueStart, "the page ends inside '" + FieldLimits.quote(name) + "'");
          }
          if (name.equals("total")) {
            total = total(valueStart, valueEnd);
          } else if (name.equals("items")) {
            items = false;
          }
        }
        i = JsonElements.skipWhitespace(body, valueEnd);
        if (at(i) == '}') {
          end(i + 1);
          return;
        }
        expect(i, ',');
        i = JsonElements.skipWhitespace(body, i + 1);
      }
    }

    /** Decodes the listing that starts at {@code start}; returns where it ends. */
    private int item(int start) {
      JsonParser parser = PARSERS.createParser(JsonElements.readerAt(body, start));
      JsonObject listing;
      int end;
      try {
        if (parser.next() != JsonParser.Event.START_OBJECT) {
          end = JsonElements.valueEnd(body, start);
          if (end < 0) {
            throw JsonElements.Unreadable.malformed(start, "the page ends inside a listing");
          }
          rejected.add(
              new RejectedInput(body.substring(start, end), "market listing is not a JSON object"));
          return end;
        }
        listing = parser.getObject();
        end = start + (int) parser.getLocation().getStreamOffset();
      } catch (JsonParsingException e) {
        long at = start + offset(e.getLocation());
        throw JsonElements.Unreadable.malformed(at, e.getMessage());
      } catch (RuntimeException e) {
        // Nesting too deep comes as a plain exception.
        throw JsonElements.Unreadable.refused(start + offset(parser), e);
      } finally {
        parser.close();
      }
      if (end <= start || end > body.length() || body.charAt(end - 1) != '}') {
        // A provider without usable offsets: the object ends where its braces balance.
        end = JsonElements.valueEnd(body, start);
      }
      String raw = body.substring(start, end);
      try {
        ListingSnapshot snapshot = snapshot(listing);
        events.add(
            new ListingEvent(
                "ss:s:" + hash(snapshotAt.toEpochMilli() + "|" + listing),
                snapshotAt,
                ListingEvent.Type.UPDATE,
                snapshot.key(),
                snapshot));
        ids.add(snapshot.key().id());
      } catch (RuntimeException e) {
        rejected.add(new RejectedInput(raw, "market listing could not be read: " + e.getMessage()));
      }
      return end;
    }

    private void skipped(int start, int end, RuntimeException cause) {
      rejected.add(
          new RejectedInput(
              body.substring(start, end),
              "market listing could not be read: " + cause.getMessage()));
    }

    private String memberName(int start, int end) {
      int escape = body.indexOf('\\', start + 1);
      if (escape < 0 || escape >= end) {
        return body.substring(start + 1, end - 1);
      }
      try (JsonReader reader = JSON.createReader(new StringReader(body.substring(start, end)))) {
        return ((JsonString) reader.readValue()).getString();
      } catch (RuntimeException e) {
        throw JsonElements.Unreadable.malformed(start, "a member name is not a JSON string");
      }
    }

    private int total(int start, int end) {
      try (JsonReader reader = JSON.createReader(new StringReader(body.substring(start, end)))) {
        long total = ((JsonNumber) reader.readValue()).longValueExact();
        if (total >= 0 && total <= Integer.MAX_VALUE) {
          return (int) total;
        }
      } catch (RuntimeException e) {
        // Refused below with the rest.
      }
      throw new IllegalArgumentException(
          "a market page's total must be a whole number from 0 to "
              + Integer.MAX_VALUE
              + ", was '"
              + FieldLimits.quote(body.substring(start, end))
              + "'");
    }

    private void end(int after) {
      int rest = JsonElements.skipWhitespace(body, after);
      if (rest < body.length()) {
        throw JsonElements.Unreadable.malformed(rest, "unexpected content after the page");
      }
      if (!items) {
        throw new IllegalArgumentException("a market page needs an items array");
      }
    }

    private void expect(int at, char wanted) {
      if (at(at) != wanted) {
        throw JsonElements.Unreadable.malformed(
            at,
            at >= body.length()
                ? "the page ends where '" + wanted + "' was due"
                : "expected '" + wanted + "'");
      }
    }

    private char at(int index) {
      return index < body.length() ? body.charAt(index) : 0;
    }

    private static long offset(JsonLocation location) {
      return location == null ? 0 : Math.max(0, location.getStreamOffset());
    }

    private static long offset(JsonParser parser) {
      try {
        return offset(parser.getLocation());
      } catch (RuntimeException e) {
        return 0;
      }
    }
  }
}
