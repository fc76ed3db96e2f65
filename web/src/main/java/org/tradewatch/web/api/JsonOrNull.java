package org.tradewatch.web.api;

import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Adds a member to a JSON object, or {@code null} when the value is missing: every REST answer
 * names each of its fields, present or not.
 */
public final class JsonOrNull {

  private JsonOrNull() {}

  public static void add(JsonObjectBuilder json, String name, String value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value);
    }
  }

  public static void add(JsonObjectBuilder json, String name, Integer value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value);
    }
  }

  public static void add(JsonObjectBuilder json, String name, BigDecimal value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value);
    }
  }

  /** An instant as ISO-8601 text. */
  public static void add(JsonObjectBuilder json, String name, Instant value) {
    add(json, name, value == null ? null : value.toString());
  }
}
