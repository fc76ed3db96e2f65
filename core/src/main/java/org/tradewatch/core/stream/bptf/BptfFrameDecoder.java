package org.tradewatch.core.stream.bptf;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tradewatch.core.item.ItemKey;
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
 * Decodes frames of the backpack.tf events socket: a JSON array of events (batch mode) or, in the
 * old format, one event object per frame.
 *
 * <p>Each event of a batch is read by a streaming parser of its own ({@link JsonElements}), so an
 * event the parser refuses (a syntax error inside it, nesting deeper than the parser's limit) is
 * rejected alone and the events after it are still decoded; only a break in the array itself (the
 * frame cut short, a missing comma) loses what follows it. Only the listing objects are built as
 * trees, because their fields are read in no fixed order.
 *
 * <p>Upstream marks every listing field optional and its types drift (see the specs), so a field of
 * an unexpected type reads as null; what the ingest rules cannot do without (event name, event id,
 * listing id) rejects an event. So does a field whose value the store cannot hold ({@link
 * FieldLimits}): the reason names it, and display texts are cut to fit instead.
 *
 * <p>Thread-safe: it keeps no state between frames.
 */
public final class BptfFrameDecoder implements FrameDecoder {

  /** A listing was created, updated or re-published from the archive. */
  public static final String LISTING_UPDATE = "listing-update";

  /** A listing was deleted or archived; the payload is still the whole listing. */
  public static final String LISTING_DELETE = "listing-delete";

  /** backpack.tf states {@code value.raw} in refined metal. */
  public static final String VALUE_UNIT = "ref";

  private final JsonParserFactory parsers;
  private final JsonProvider provider;

  /** A decoder over the platform's JSON-P provider, looked up once here. */
  public BptfFrameDecoder() {
    this(JsonProvider.provider());
  }

  public BptfFrameDecoder(JsonProvider provider) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.parsers = provider.createParserFactory(Map.of());
  }

  @Override
  public DecodedFrame decode(String frame) {
    Output out = new Output();
    if (frame == null || frame.isBlank()) {
      out.reject(frame == null ? "" : frame, "empty frame");
      return out.frame();
    }
    int start = JsonElements.skipWhitespace(frame, 0);
    char first = frame.charAt(start);
    try {
      int end;
      if (first == '[') {
        end =
            JsonElements.forEachElement(
                frame,
                start,
                at -> element(frame, at, out),
                (from, to, cause) -> out.reject(frame.substring(from, to), reason(cause)));
      } else if (first == '{') {
        end = element(frame, start, out);
      } else {
        out.reject(frame, notAnArrayOrObject(frame));
        return out.frame();
      }
      int rest = JsonElements.skipWhitespace(frame, end);
      if (rest < frame.length()) {
        out.reject(
            frame,
            "malformed JSON at offset "
                + rest
                + ": unexpected content after the JSON value"
                + kept(out));
      }
    } catch (JsonElements.Unreadable e) {
      out.reject(frame, e.getMessage() + kept(out));
    }
    return out.frame();
  }

  /**
   * Decodes the element that starts at {@code start} with a parser of its own, so that one the
   * parser refuses costs only itself.
   *
   * @return where the element ends
   * @throws JsonElements.Unreadable when the parser refuses the element
   */
  private int element(String frame, int start, Output out) {
    JsonParser parser = parsers.createParser(JsonElements.readerAt(frame, start));
    Envelope envelope;
    try {
      Event first = parser.next();
      if (first != Event.START_OBJECT) {
        int end = JsonElements.valueEnd(frame, start);
        if (end < 0) {
          throw JsonElements.Unreadable.malformed(start, "the frame ends inside an event");
        }
        out.reject(frame.substring(start, end), "event is not a JSON object but " + kind(first));
        return end;
      }
      envelope = Envelope.read(parser, frame, start);
    } catch (JsonParsingException e) {
      long at = start + offset(e.getLocation());
      throw JsonElements.Unreadable.malformed(at, e.getMessage());
    } catch (RuntimeException e) {
      // Providers refuse some well-formed input with plain exceptions too: nesting too deep, an
      // exponent too large for BigDecimal.
      long at = start + offset(parser);
      throw JsonElements.Unreadable.refused(at, e);
    } finally {
      close(parser);
    }
    try {
      listingEvent(envelope, out);
    } catch (RuntimeException e) {
      // A mapping bug must cost one event, not the frame and not the socket.
      out.reject(envelope.raw(provider), "could not read the event: " + e);
    }
    return envelope.end;
  }

  private static String reason(RuntimeException cause) {
    return cause instanceof JsonElements.Unreadable
        ? cause.getMessage()
        : "unreadable JSON: " + cause;
  }

  /** Why a frame that is neither an array nor an object is refused, as its parser sees it. */
  private String notAnArrayOrObject(String frame) {
    JsonParser parser = parsers.createParser(new StringReader(frame));
    try {
      return "frame is neither a JSON array nor an object but " + kind(parser.next());
    } catch (JsonParsingException e) {
      return "malformed JSON at offset " + offset(e.getLocation()) + ": " + e.getMessage();
    } catch (RuntimeException e) {
      return "unreadable JSON at offset " + offset(parser) + ": " + e;
    } finally {
      close(parser);
    }
  }

  private void listingEvent(Envelope envelope, Output out) {
    JsonValue nameValue = envelope.members.get("event");
    if (!(nameValue instanceof JsonString nameString)) {
      out.reject(envelope.raw(provider), "event has no 'event' name");
      return;
    }
    String name = nameString.getString();
    ListingEvent.Type type;
    if (LISTING_UPDATE.equals(name)) {
      type = ListingEvent.Type.UPDATE;
    } else if (LISTING_DELETE.equals(name)) {
      type = ListingEvent.Type.DELETE;
    } else {
      out.ignore(name);
      return;
    }
    JsonValue idValue = envelope.members.get("id");
    if (!(idValue instanceof JsonString idString)) {
      out.reject(
          envelope.raw(provider),
          name + " event has " + (idValue == null ? "no 'id'" : "an 'id' that is not a string"));
      return;
    }
    String eventId = idString.getString();
    if (!BptfEventId.isValid(eventId)) {
      out.reject(
          envelope.raw(provider),
          name
              + " event id '"
              + FieldLimits.quote(eventId)
              + "' is not "
              + BptfEventId.LENGTH
              + " hex digits");
      return;
    }
    eventId = BptfEventId.lowerCase(eventId);
    JsonValue payloadValue = envelope.members.get("payload");
    if (!(payloadValue instanceof JsonObject payload)) {
      out.reject(envelope.raw(provider), name + " event " + eventId + " has no 'payload' object");
      return;
    }
    JsonValue listingIdValue = payload.get("id");
    String problem = null;
    String listingId = null;
    if (!(listingIdValue instanceof JsonString listingIdString)) {
      problem =
          listingIdValue == null
              ? "no listing id (payload.id)"
              : "a listing id that is not a string";
    } else {
      listingId = listingIdString.getString();
      if (listingId.isBlank()) {
        problem = "a blank listing id";
      } else if (listingId.length() > ListingKey.MAX_ID_LENGTH) {
        problem =
            "a listing id longer than "
                + ListingKey.MAX_ID_LENGTH
                + " characters ("
                + listingId.length()
                + ")";
      }
    }
    if (problem != null) {
      out.reject(envelope.raw(provider), name + " event " + eventId + " has " + problem);
      return;
    }
    ListingSnapshot snapshot;
    try {
      FieldLimits.exact("payload.id", listingId, ListingKey.MAX_ID_LENGTH);
      snapshot = snapshot(new ListingKey(Source.BPTF, listingId), payload, envelope.payloadText());
    } catch (FieldLimits.Refused e) {
      out.reject(envelope.raw(provider), name + " event " + eventId + ": " + e.getMessage());
      return;
    }
    out.events.add(
        new ListingEvent(
            eventId, BptfEventId.timestampOf(eventId), type, snapshot.key(), snapshot));
  }

  /**
   * The listing as the store will hold it.
   *
   * @throws FieldLimits.Refused naming a field the store cannot hold
   */
  private static ListingSnapshot snapshot(ListingKey key, JsonObject listing, String payloadText) {
    JsonObject item = object(listing, "item");
    JsonObject quality = object(item, "quality");
    JsonObject user = object(listing, "user");
    Integer appid = appid("payload.appid", listing.get("appid"));
    if (appid == null && item != null) {
      appid = appid("payload.item.appid", item.get("appid"));
    }
    String itemName = text(item, "name");
    if (itemName == null) {
      itemName = text(item, "marketName");
    }
    if (itemName == null) {
      itemName = text(item, "baseName");
    }
    String sellerField = "payload.user.id";
    String sellerId = identifier(user == null ? null : user.get("id"));
    if (sellerId == null) {
      sellerField = "payload.steamid";
      sellerId = identifier(listing.get("steamid"));
    }
    BigDecimal value = FieldLimits.decimal("payload.value.raw", decimal(object(listing, "value")));
    return ListingSnapshot.builder(key)
        .appid(appid)
        .itemName(FieldLimits.display(itemName, StoreLimits.ITEM_NAME_LENGTH))
        .quality(
            FieldLimits.exact(
                "payload.item.quality.name", text(quality, "name"), StoreLimits.QUALITY_LENGTH))
        .qualityColor(
            FieldLimits.exact(
                "payload.item.quality.color",
                text(quality, "color"),
                StoreLimits.QUALITY_COLOR_LENGTH))
        .particle(
            FieldLimits.display(
                text(object(item, "particle"), "name"), StoreLimits.PARTICLE_LENGTH))
        .wear(FieldLimits.display(text(object(item, "wearTier"), "name"), StoreLimits.WEAR_LENGTH))
        .imageUrl(
            FieldLimits.exact(
                "payload.item.imageUrl", text(item, "imageUrl"), StoreLimits.IMAGE_URL_LENGTH))
        .intent(intent(listing.get("intent")))
        .currencies(
            FieldLimits.currencies("payload.currencies", currencies(object(listing, "currencies"))))
        .value(value)
        .valueUnit(value == null ? null : VALUE_UNIT)
        .sellerId(FieldLimits.exact(sellerField, sellerId, StoreLimits.SELLER_ID_LENGTH))
        .sellerName(FieldLimits.display(text(user, "name"), StoreLimits.SELLER_NAME_LENGTH))
        .details(FieldLimits.display(text(listing, "details"), StoreLimits.DETAILS_LENGTH))
        .listedAt(epochSeconds("payload.listedAt", listing.get("listedAt")))
        .bumpedAt(epochSeconds("payload.bumpedAt", listing.get("bumpedAt")))
        .payload(FieldLimits.payload("payload", payloadText))
        .craftable(bool(item, "craftable"))
        .killstreakTier(killstreakTier(item))
        .australium(bool(item, "australium"))
        .festivized(bool(item, "festivized"))
        .suggested(suggested(item))
        .build();
  }

  /** A boolean member, else null: upstream leaves out what does not apply. */
  private static Boolean bool(JsonObject parent, String name) {
    if (parent == null) {
      return null;
    }
    JsonValue value = parent.get(name);
    return value == JsonValue.TRUE ? Boolean.TRUE : value == JsonValue.FALSE ? Boolean.FALSE : null;
  }

  /** {@code item.killstreakTier}: 0 (none) to 3 (Professional); anything else reads as null. */
  private static Integer killstreakTier(JsonObject item) {
    Integer tier = item == null ? null : integer(item.get("killstreakTier"));
    return tier != null && tier >= 0 && tier <= ItemKey.MAX_KILLSTREAK_TIER ? tier : null;
  }

  /**
   * {@code item.price.suggested.raw}, in refined metal like {@code value.raw}. Only shown, never a
   * reason to refuse the listing: one the store cannot hold reads as null.
   */
  private static BigDecimal suggested(JsonObject item) {
    BigDecimal raw = decimal(object(object(item, "price"), "suggested"));
    if (raw == null || raw.signum() < 0) {
      return null;
    }
    try {
      return FieldLimits.decimal("payload.item.price.suggested.raw", raw);
    } catch (FieldLimits.Refused tooLarge) {
      return null;
    }
  }

  private static JsonObject object(JsonObject parent, String name) {
    return parent != null && parent.get(name) instanceof JsonObject child ? child : null;
  }

  /** A non-blank string member, else null: an empty name is as good as none. */
  private static String text(JsonObject parent, String name) {
    if (parent != null && parent.get(name) instanceof JsonString string) {
      String text = string.getString();
      return text.isBlank() ? null : text;
    }
    return null;
  }

  /** User ids arrive as strings, but a number is the same id. */
  private static String identifier(JsonValue value) {
    if (value instanceof JsonString string) {
      String text = string.getString();
      return text.isBlank() ? null : text;
    }
    if (value instanceof JsonNumber number && number.isIntegral()) {
      return number.toString();
    }
    return null;
  }

  private static BigDecimal decimal(JsonObject value) {
    return value != null && value.get("raw") instanceof JsonNumber number
        ? number.bigDecimalValue()
        : null;
  }

  /**
   * A Steam app id: a whole number the store's integer column holds (Steam's ids are unsigned). Of
   * another type it reads as null, like any drifting field; a number out of range is refused.
   */
  private static Integer appid(String field, JsonValue value) {
    if (!(value instanceof JsonNumber number)) {
      return null;
    }
    try {
      long appid = number.longValueExact();
      if (appid >= 0 && appid <= Integer.MAX_VALUE) {
        return (int) appid;
      }
    } catch (ArithmeticException fractionalOrHuge) {
      // Refused below, like a number out of range.
    }
    throw new FieldLimits.Refused(
        field
            + " "
            + FieldLimits.quote(number.toString())
            + " is not a whole number from 0 to "
            + Integer.MAX_VALUE);
  }

  private static Integer integer(JsonValue value) {
    if (value instanceof JsonNumber number && number.isIntegral()) {
      try {
        return number.intValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }
    return null;
  }

  /** Upstream sends {@code buy}/{@code sell}; some REST variants send 0 (buy) and 1 (sell). */
  private static Intent intent(JsonValue value) {
    if (value instanceof JsonString string) {
      String id = string.getString();
      if (id.equalsIgnoreCase("buy") || id.equals("0")) {
        return Intent.BUY;
      }
      if (id.equalsIgnoreCase("sell") || id.equals("1")) {
        return Intent.SELL;
      }
    } else if (value instanceof JsonNumber number && number.isIntegral()) {
      Integer code = integer(number);
      if (code != null && code == 0) {
        return Intent.BUY;
      }
      if (code != null && code == 1) {
        return Intent.SELL;
      }
    }
    return null;
  }

  private static Map<String, BigDecimal> currencies(JsonObject currencies) {
    if (currencies == null || currencies.isEmpty()) {
      return Map.of();
    }
    Map<String, BigDecimal> amounts = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> entry : currencies.entrySet()) {
      if (entry.getValue() instanceof JsonNumber amount) {
        amounts.put(entry.getKey(), amount.bigDecimalValue());
      }
    }
    return amounts;
  }

  /** A time in epoch seconds; of another type than a number it reads as null. */
  private static Instant epochSeconds(String field, JsonValue value) {
    return value instanceof JsonNumber number ? FieldLimits.epochSeconds(field, number) : null;
  }

  private static String kind(Event event) {
    return switch (event) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> event.toString();
    };
  }

  private static long offset(JsonLocation location) {
    return location == null ? -1 : location.getStreamOffset();
  }

  private static long offset(JsonParser parser) {
    try {
      return offset(parser.getLocation());
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** Closing returns the parser's buffers; a failure to close a string reader loses nothing. */
  private static void close(JsonParser parser) {
    try {
      parser.close();
    } catch (RuntimeException e) {
      // Nothing was read from outside the frame, so there is nothing to report.
    }
  }

  private static String kept(Output out) {
    int before = out.events.size() + out.rejected.size() + out.ignoredCount;
    return before == 0 ? "" : " (the " + before + " events before it were read)";
  }

  /**
   * One event object's members, and where it and its payload stand in the frame so that their text
   * can be cut out as received rather than written again.
   */
  private static final class Envelope {
    private final String frame;
    private final Map<String, JsonValue> members = new LinkedHashMap<>(8);
    private int start = -1;
    private int end = -1;
    private int payloadStart = -1;
    private int payloadEnd = -1;

    private Envelope(String frame) {
      this.frame = frame;
    }

    /**
     * Reads the object the parser stands at, up to and including its closing brace.
     *
     * @param start where the object's '{' stands in the frame, and so where the parser started
     */
    static Envelope read(JsonParser parser, String frame, int start) {
      Envelope envelope = new Envelope(frame);
      envelope.start = start;
      for (Event next = parser.next(); next != Event.END_OBJECT; next = parser.next()) {
        String name = parser.getString();
        Event valueEvent = parser.next();
        // Offsets are where the parser stands after a token: after '{' for START_OBJECT.
        int valueStart = start + (int) parser.getLocation().getStreamOffset() - 1;
        JsonValue value = parser.getValue();
        envelope.members.put(name, value);
        if (name.equals("payload")) {
          boolean object = valueEvent == Event.START_OBJECT;
          envelope.payloadStart = object ? valueStart : -1;
          envelope.payloadEnd = object ? start + (int) parser.getLocation().getStreamOffset() : -1;
        }
      }
      envelope.end = start + (int) parser.getLocation().getStreamOffset();
      if (!envelope.isObjectSpan(start, envelope.end)) {
        // A provider without usable offsets: the object's end is where its braces balance.
        envelope.end = JsonElements.valueEnd(frame, start);
      }
      return envelope;
    }

    /** The event's text as received, or rewritten when the provider gives no usable offsets. */
    String raw(JsonProvider provider) {
      if (isObjectSpan(start, end)) {
        return frame.substring(start, end);
      }
      JsonObjectBuilder builder = provider.createObjectBuilder();
      members.forEach(builder::add);
      return builder.build().toString();
    }

    String payloadText() {
      if (isObjectSpan(payloadStart, payloadEnd)) {
        return frame.substring(payloadStart, payloadEnd);
      }
      return members.get("payload").toString();
    }

    private boolean isObjectSpan(int from, int to) {
      return from >= 0
          && to <= frame.length()
          && from < to
          && frame.charAt(from) == '{'
          && frame.charAt(to - 1) == '}';
    }
  }

  /** What the frame has yielded so far; kept when a syntax error ends the frame early. */
  private static final class Output {
    private final List<ListingEvent> events = new ArrayList<>();
    private final List<RejectedInput> rejected = new ArrayList<>(0);
    private final Map<String, Integer> ignored = new HashMap<>(4);
    private int ignoredCount;

    void reject(String raw, String reason) {
      rejected.add(new RejectedInput(raw, reason));
    }

    void ignore(String name) {
      ignored.merge(name, 1, Integer::sum);
      ignoredCount++;
    }

    DecodedFrame frame() {
      return new DecodedFrame(events, rejected, ignored);
    }
  }
}
