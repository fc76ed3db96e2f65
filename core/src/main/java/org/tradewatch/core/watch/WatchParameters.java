package org.tradewatch.core.watch;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Source;

/**
 * A watch as clients write it, in JSON, read and checked in one place: every field is checked and
 * every bad one named (with what is allowed), not only the first.
 *
 * <pre>
 * {"itemKey": "bptf.440.Team_Captain.q-Unusual.e-Burning_Flames", "intent": "sell", "atMost": 900}
 * {"name": "team captain", "source": "bptf", "quality": "Unusual", "dealsOnly": true}
 * </pre>
 *
 * <p>Fields: {@code itemKey} or {@code name} (exactly one), {@code source}, {@code intent}, {@code
 * quality}, {@code atMost} or {@code atLeast} (at most one, a JSON number), {@code dealsOnly} and
 * {@code paused} (true or false). A field that is absent or {@code null} is not asked. The fields a
 * watch's JSON adds ({@value #READ_ONLY_TEXT}) are ignored, so a watch read can be sent back
 * changed; any other field is refused.
 */
public final class WatchParameters {

  static final String READ_ONLY_TEXT = "id, createdAt, updatedAt, matches24h";

  /** The fields a client writes. */
  public static final List<String> FIELDS =
      List.of(
          "itemKey",
          "name",
          "source",
          "intent",
          "quality",
          "atMost",
          "atLeast",
          "dealsOnly",
          "paused");

  /** Fields of a watch's JSON that are the server's to set. */
  public static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt", "matches24h");

  /** A watch's terms and whether it is paused, as a client wrote them. */
  public record Input(WatchTerms terms, boolean paused) {}

  private WatchParameters() {}

  /**
   * A new watch, or one replacing another whole.
   *
   * @throws InvalidWatchException naming every bad field
   */
  public static Input read(JsonValue body) {
    return combine(fields(body), new Given());
  }

  /**
   * {@code current} changed by the fields {@code body} gives; those it leaves out stay. Giving
   * {@code itemKey} replaces a watch's {@code name} (and the reverse), and giving {@code atMost}
   * replaces its {@code atLeast} (and the reverse); {@code null} clears a field.
   *
   * @throws InvalidWatchException naming every bad field
   */
  public static Input patch(Watch current, JsonValue body) {
    WatchTerms terms = current.terms();
    Given start = new Given();
    start.put("itemKey", terms.item());
    start.put("name", terms.name());
    start.put("source", terms.source());
    start.put("intent", terms.intent());
    start.put("quality", terms.quality());
    if (terms.bound() != null) {
      start.put(terms.bound().kind().field(), terms.bound().value());
    }
    start.put("dealsOnly", terms.dealsOnly());
    start.put("paused", current.paused());
    Fields changed = fields(body);
    if (changed.given.has("itemKey") || changed.given.has("name")) {
      start.remove("itemKey");
      start.remove("name");
      if (terms.item() != null && !changed.given.has("source")) {
        // The source came with the item key; a watch by name asks none unless told.
        start.remove("source");
      }
    }
    if (changed.given.has("atMost") || changed.given.has("atLeast")) {
      start.remove("atMost");
      start.remove("atLeast");
    }
    return combine(changed, start);
  }

  /** The fields of a body, read one by one, and what was wrong with each. */
  private static final class Fields {
    final Given given = new Given();
    final Map<String, String> problems = new LinkedHashMap<>();
  }

  /** Field values read so far; a null value is a field given as null (asked to be cleared). */
  private static final class Given {
    private final Map<String, Object> values = new LinkedHashMap<>();

    void put(String field, Object value) {
      values.put(field, value);
    }

    void remove(String field) {
      values.remove(field);
    }

    boolean has(String field) {
      return values.containsKey(field);
    }

    Object get(String field) {
      return values.get(field);
    }
  }

  private static Fields fields(JsonValue body) {
    Fields fields = new Fields();
    if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new InvalidWatchException("body", "expected a JSON object with the watch's fields");
    }
    JsonObject object = body.asJsonObject();
    for (Map.Entry<String, JsonValue> field : object.entrySet()) {
      String name = field.getKey();
      JsonValue value = field.getValue();
      if (READ_ONLY.contains(name)) {
        continue;
      }
      if (!FIELDS.contains(name)) {
        fields.problems.put(shown(name), "unknown field; a watch has " + String.join(", ", FIELDS));
        continue;
      }
      if (value.getValueType() == JsonValue.ValueType.NULL) {
        fields.given.put(name, null);
        continue;
      }
      try {
        fields.given.put(name, read(name, value));
      } catch (IllegalArgumentException e) {
        fields.problems.put(name, e.getMessage());
      }
    }
    return fields;
  }

  private static Object read(String field, JsonValue value) {
    return switch (field) {
      case "itemKey" -> itemKey(text(value));
      case "name" -> name(text(value));
      case "source" -> Source.fromId(text(value));
      case "intent" -> Intent.fromId(text(value));
      case "quality" -> quality(text(value));
      case "atMost", "atLeast" -> price(value);
      case "dealsOnly", "paused" -> bool(value);
      default -> throw new IllegalStateException("unlisted field " + field);
    };
  }

  private static Input combine(Fields fields, Given start) {
    Map<String, String> problems = new LinkedHashMap<>();
    Given given = start;
    fields.given.values.forEach(given::put);
    // A field read badly is not given: its problem is reported, and no other is made of it.
    for (String bad : fields.problems.keySet()) {
      given.remove(bad);
    }
    ItemKey item = (ItemKey) given.get("itemKey");
    String name = (String) given.get("name");
    Source source = (Source) given.get("source");
    Intent intent = (Intent) given.get("intent");
    String quality = (String) given.get("quality");
    BigDecimal atMost = (BigDecimal) given.get("atMost");
    BigDecimal atLeast = (BigDecimal) given.get("atLeast");
    boolean dealsOnly = Boolean.TRUE.equals(given.get("dealsOnly"));
    boolean paused = Boolean.TRUE.equals(given.get("paused"));
    boolean itemOrNameBad =
        fields.problems.containsKey("itemKey") || fields.problems.containsKey("name");
    if (item != null && name != null) {
      problems.put("name", "give itemKey or name, not both");
    } else if (item == null && name == null && !itemOrNameBad) {
      problems.put(
          "itemKey",
          "a watch needs itemKey (an item's key, as /api/items gives it) or name (words of item"
              + " names)");
    }
    if (item != null) {
      if (source != null && source != item.source()) {
        problems.put("source", "the item key is of " + item.source() + "; leave source out");
      }
      source = item.source();
      if (quality != null) {
        problems.put("quality", "the item key names the quality; leave quality out");
      }
    }
    PriceBound bound = null;
    if (atMost != null && atLeast != null) {
      problems.put("atLeast", "give atMost or atLeast, not both");
    } else if (atMost != null || atLeast != null) {
      bound = atMost != null ? PriceBound.atMost(atMost) : PriceBound.atLeast(atLeast);
      if (source == null && !fields.problems.containsKey("source")) {
        problems.put(
            bound.kind().field(),
            "a price bound needs source (bptf prices are in ref, skinshark prices in USD)");
      }
    }
    if (dealsOnly && intent == Intent.BUY) {
      problems.put("dealsOnly", "deals are sell listings: leave intent out or make it sell");
    }
    Map<String, String> all = new LinkedHashMap<>(fields.problems);
    problems.forEach(all::putIfAbsent);
    if (!all.isEmpty()) {
      throw new InvalidWatchException(all);
    }
    return new Input(new WatchTerms(item, name, source, intent, quality, bound, dealsOnly), paused);
  }

  private static String text(JsonValue value) {
    if (value instanceof JsonString string) {
      return string.getString();
    }
    throw new IllegalArgumentException("expected a string, was " + kind(value));
  }

  private static ItemKey itemKey(String text) {
    if (text.length() > WatchTerms.MAX_ITEM_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "at most " + WatchTerms.MAX_ITEM_KEY_LENGTH + " characters");
    }
    return ItemKey.parse(text);
  }

  private static String name(String text) {
    String name = text.trim();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
    if (name.length() > WatchTerms.MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "at most " + WatchTerms.MAX_NAME_LENGTH + " characters, was " + name.length());
    }
    int words = NameTokens.of(name).length;
    if (words == 0) {
      throw new IllegalArgumentException("needs a word: letters or digits");
    }
    if (words > WatchTerms.MAX_NAME_WORDS) {
      throw new IllegalArgumentException(
          "at most " + WatchTerms.MAX_NAME_WORDS + " words, was " + words);
    }
    return name;
  }

  private static String quality(String text) {
    String quality = text.trim();
    if (quality.isEmpty()) {
      throw new IllegalArgumentException("must not be empty; leave it out for any quality");
    }
    if (quality.length() > WatchTerms.MAX_QUALITY_LENGTH) {
      throw new IllegalArgumentException(
          "at most " + WatchTerms.MAX_QUALITY_LENGTH + " characters, was " + quality.length());
    }
    return quality;
  }

  private static BigDecimal price(JsonValue value) {
    if (!(value instanceof JsonNumber number)) {
      throw new IllegalArgumentException("expected a number, was " + kind(value));
    }
    BigDecimal price = number.bigDecimalValue();
    if (price.signum() < 0) {
      throw new IllegalArgumentException("must not be negative");
    }
    if (price.compareTo(WatchTerms.MAX_PRICE) > 0) {
      throw new IllegalArgumentException("at most " + WatchTerms.MAX_PRICE.toPlainString());
    }
    if (price.stripTrailingZeros().scale() > WatchTerms.MAX_PRICE_SCALE) {
      throw new IllegalArgumentException("at most " + WatchTerms.MAX_PRICE_SCALE + " decimals");
    }
    return price;
  }

  private static Boolean bool(JsonValue value) {
    if (value.getValueType() == JsonValue.ValueType.TRUE) {
      return Boolean.TRUE;
    }
    if (value.getValueType() == JsonValue.ValueType.FALSE) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException("expected true or false, was " + kind(value));
  }

  private static String kind(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case TRUE, FALSE -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
    };
  }

  /** A field name from the client, cut short so a message cannot be made huge with one. */
  private static String shown(String name) {
    return name.length() > 40 ? name.substring(0, 40) + "..." : name;
  }
}
