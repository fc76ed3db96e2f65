package org.tradewatch.web.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    return send(CLIENT, request.header("Accept", "application/json"));
  }

  private static Answer send(HttpClient client, HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(Duration.ofSeconds(20)).build(),
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

  /**
   * Someone visiting the pages without a browser: keeps its cookies (so, its session), follows no
   * redirect, and sends the CSRF token of the last page it read with each form it posts.
   */
  static final class Visitor {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    private final String root;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;
    private String csrf;

    /** A visitor of the pages under {@code root} (scheme, host, port and context path). */
    Visitor(String root) {
      this.root = root;
      this.client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .followRedirects(HttpClient.Redirect.NEVER)
              .cookieHandler(cookies)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
    }

    /** Asks for {@code path} (starting with /) as a browser would, with the session's cookie. */
    Answer get(String path) {
      return read(HttpRequest.newBuilder(URI.create(root + path)).GET());
    }

    /**
     * Posts a form of {@code fields} (name, value, name, value ...) to {@code path}, with the CSRF
     * token of the last page read (reading the login page first when none was).
     */
    Answer post(String path, String... fields) {
      if (csrf == null) {
        get("/login");
      }
      StringJoiner form = new StringJoiner("&");
      form.add("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
      for (int i = 0; i + 1 < fields.length; i += 2) {
        form.add(
            URLEncoder.encode(fields[i], StandardCharsets.UTF_8)
                + "="
                + URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
      }
      return read(
          HttpRequest.newBuilder(URI.create(root + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    /**
     * Calls the REST API as the pages' scripts do: {@code method} on {@code path} with a JSON
     * {@code body} (or none when null), the session's cookie, and the CSRF token of the last page
     * read as {@code X-CSRF-Token} when {@code withToken}.
     */
    Answer api(String method, String path, String body, boolean withToken) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(root + path))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      if (withToken) {
        if (csrf == null) {
          get("/");
        }
        request.header("X-CSRF-Token", csrf);
      }
      return send(client, request.header("Accept", "application/json"));
    }

    /** Sends {@code body} as {@code contentType}, with the CSRF token, as a script could. */
    Answer apiAs(String method, String path, String body, String contentType) {
      if (csrf == null) {
        get("/");
      }
      return send(
          client,
          HttpRequest.newBuilder(URI.create(root + path))
              .method(method, HttpRequest.BodyPublishers.ofString(body))
              .header("Content-Type", contentType)
              .header("X-CSRF-Token", csrf)
              .header("Accept", "application/json"));
    }

    /** The value of the cookie {@code name}, or null. */
    String cookie(String name) {
      return cookies.getCookieStore().getCookies().stream()
          .filter(cookie -> cookie.getName().equals(name))
          .map(HttpCookie::getValue)
          .findFirst()
          .orElse(null);
    }

    private Answer read(HttpRequest.Builder request) {
      Answer answer = send(client, request.header("Accept", "text/html,application/json"));
      Matcher token = CSRF.matcher(answer.body());
      if (token.find()) {
        csrf = token.group(1);
      }
      return answer;
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
