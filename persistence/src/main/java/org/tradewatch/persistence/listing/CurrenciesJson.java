package org.tradewatch.persistence.listing;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores a listing's price map as one JSON object: the currencies vary by upstream and grow, so a
 * column per currency or a join table would cost a schema change or a join for every read.
 */
final class CurrenciesJson {

  // JsonProvider.provider() runs a service lookup on every call; ingest encodes hundreds per frame.
  private static final JsonProvider JSON = JsonProvider.provider();

  private CurrenciesJson() {}

  /** The map as JSON, in the map's order, amounts written with their exact scale. */
  static String encode(Map<String, BigDecimal> currencies) {
    if (currencies == null || currencies.isEmpty()) {
      return null;
    }
    JsonObjectBuilder object = JSON.createObjectBuilder();
    currencies.forEach(
        (name, amount) -> {
          if (amount == null) {
            object.addNull(name);
          } else {
            object.add(name, amount);
          }
        });
    return object.build().toString();
  }

  /** The map back, in stored order; an absent column is an empty map. */
  static Map<String, BigDecimal> decode(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    JsonObject object;
    try (JsonReader reader = JSON.createReader(new StringReader(json))) {
      object = reader.readObject();
    }
    Map<String, BigDecimal> currencies = new LinkedHashMap<>();
    object.forEach(
        (name, value) ->
            currencies.put(
                name,
                value.getValueType() == JsonValue.ValueType.NUMBER
                    ? ((JsonNumber) value).bigDecimalValue()
                    : null));
    return Collections.unmodifiableMap(currencies);
  }

  /**
   * The currency names of a stored map, in stored order, without reading the amounts: a model built
   * at start asks this of every listing. Amounts are numbers or null, so every string is a name; a
   * name with an escape is read by the full parser.
   */
  static List<String> names(String json) {
    if (json == null || json.isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>(2);
    int at = 0;
    while (true) {
      int open = json.indexOf('"', at);
      if (open < 0) {
        return names;
      }
      int close = json.indexOf('"', open + 1);
      if (close < 0 || json.lastIndexOf('\\', close) > open) {
        return List.copyOf(decode(json).keySet());
      }
      names.add(json.substring(open + 1, close));
      at = close + 1;
    }
  }
}
