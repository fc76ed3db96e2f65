package org.tradewatch.web.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON-over-HTTP client for the tests. */
final class Http {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * A response: its status, its body parsed as JSON (null when the body is not JSON), and its
   * headers.
   */
  record Answer(int status, String body, JsonValue json, HttpHeaders headers) {
    /** The first value of a header, or null. */
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    JsonObject object() {
      return json.asJsonObject();
    }

    JsonArray array() {
      return json.asJsonArray();
    }
  }

  private Http() {}

  static Answer get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  static Answer post(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  private static Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          CLIENT.send(
              request.timeout(Duration.ofSeconds(20)).header("Accept", "application/json").build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(), response.body(), parse(response.body()), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonValue parse(String body) {
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.readValue();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
