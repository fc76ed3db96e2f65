package org.tradewatch.web.notification;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tradewatch.web.api.ApiException;

/**
 * The ids (and token) of a delete given in its body rather than its query: a form ({@code
 * ids=a,b&ids=c&token=...}) or JSON ({@code {"ids": ["a", "b"], "token": "..."}}, ids also as one
 * comma-delimited string). Five thousand ids in a query string are about 125 KB, more than a
 * request head is usually allowed; a body has no such limit, so it is bounded here.
 *
 * @param ids the ids given, each entry possibly comma-delimited; empty when none
 * @param token the token given, or null
 */
record DeleteBody(List<String> ids, String token) {

  /** Far more than 5,000 ids take in either form. */
  static final int MAX_BYTES = 512 * 1024;

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  private static final DeleteBody NONE = new DeleteBody(List.of(), null);

  /**
   * Reads the body of a request of {@code contentType} (null when none).
   *
   * @throws ApiException 400 for a body that is not what its type says, 413 for one too large, 415
   *     for another type
   */
  static DeleteBody read(String contentType, InputStream body) {
    String text = text(body);
    if (text.isBlank()) {
      return NONE;
    }
    MediaType type;
    try {
      type = contentType == null ? null : MediaType.valueOf(contentType);
    } catch (IllegalArgumentException e) {
      type = null;
    }
    if (type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
      return form(text);
    }
    if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
      return json(text);
    }
    throw new ApiException(
        415,
        "a body must be application/x-www-form-urlencoded (ids=...) or application/json"
            + " ({\"ids\": [...]}), or give ids in the query");
  }

  private static String text(InputStream body) {
    if (body == null) {
      return "";
    }
    try (InputStream in = body) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (out.size() + n > MAX_BYTES) {
          throw new ApiException(
              413, "the body is larger than " + MAX_BYTES / 1024 + " KiB; 5000 ids need far less");
        }
        out.write(buffer, 0, n);
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DeleteBody form(String text) {
    List<String> ids = new ArrayList<>();
    String token = null;
    for (String pair : text.split("&")) {
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (name.equals("ids")) {
        ids.add(value);
      } else if (name.equals("token")) {
        token = value;
      }
    }
    return new DeleteBody(List.copyOf(ids), token);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("ids: the form body is not URL-encoded");
    }
  }

  private static DeleteBody json(String text) {
    JsonObject object;
    try (JsonReader reader = JSON.createReader(new StringReader(text))) {
      object = reader.readObject();
    } catch (JsonException | IllegalStateException | ClassCastException e) {
      throw ApiException.badRequest(
          "ids: the body is not a JSON object such as {\"ids\": [\"58dfdee838a32f009d454ed8\"]}");
    }
    List<String> ids = new ArrayList<>();
    JsonValue given = object.get("ids");
    if (given instanceof JsonString one) {
      ids.add(one.getString());
    } else if (given instanceof JsonArray many) {
      for (JsonValue id : many) {
        if (!(id instanceof JsonString string)) {
          throw ApiException.badRequest("ids: each id in the JSON array must be a string");
        }
        ids.add(string.getString());
      }
    } else if (given != null && given != JsonValue.NULL) {
      throw ApiException.badRequest("ids: must be an array of id strings, or one comma-delimited");
    }
    String token = object.get("token") instanceof JsonString string ? string.getString() : null;
    return new DeleteBody(List.copyOf(ids), token);
  }
}
