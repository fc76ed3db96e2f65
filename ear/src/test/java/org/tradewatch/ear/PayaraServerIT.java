package org.tradewatch.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tradewatch.launcher.PayaraServer;

/**
 * The EAR on a full Payara Server: a domain of its own in the unpacked distribution, the simulator
 * deployed beside it at {@code /simulator}, Tradewatch configured through the domain's MicroProfile
 * Config source, exactly as README tells an operator to do it.
 */
class PayaraServerIT {

  /**
   * The example token the simulator's notifications API knows (specs/backpack-tf-notifications).
   */
  private static final String EXAMPLE_TOKEN = "5904cbeb0e2cad7f621c0a85";

  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final String DOMAIN = "tradewatch-it";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static PayaraServer server;
  private static int httpPort;

  @BeforeAll
  static void startDomainAndDeploy() {
    Path work = Path.of(required("it.work"));
    server = PayaraServer.createDomain(Path.of(required("payara.home")), work, DOMAIN);
    server.start();
    httpPort = server.httpPort();

    String http = "127.0.0.1:" + httpPort;
    Map<String, String> config =
        Map.of(
            "tradewatch.bptf.ws.url", "ws://" + http + "/simulator/events",
            "tradewatch.bptf.api.url", "http://" + http + "/simulator",
            "tradewatch.skinshark.api.url", "http://" + http + "/simulator",
            "tradewatch.skinshark.ws.url", "ws://" + http + "/simulator/market/live",
            "tradewatch.db.url", "jdbc:h2:file:" + work.resolve("db/tradewatch"),
            "tradewatch.token.key-file", work.resolve("token.key").toString());
    for (Map.Entry<String, String> entry : config.entrySet()) {
      server.admin(
          "set-config-property",
          "--source=domain",
          "--propertyName=" + entry.getKey(),
          "--propertyValue=" + entry.getValue());
    }
    server.admin(
        "deploy", "--contextroot=/simulator", "--name=simulator", required("simulator.war"));
    server.admin("deploy", "--name=tradewatch", required("tradewatch.ear"));
  }

  @AfterAll
  static void stopDomain() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void listingsArriveFromTheSimulatorThroughBothConsumers() {
    JsonObject page =
        await(
            "listings from both sources",
            () -> {
              JsonObject bptf = getJson("/api/listings?source=bptf&limit=1");
              JsonObject skinshark = getJson("/api/listings?source=skinshark&limit=1");
              return bptf != null
                      && skinshark != null
                      && bptf.getJsonNumber("total").longValue() > 0
                      && skinshark.getJsonNumber("total").longValue() > 0
                  ? bptf
                  : null;
            });
    JsonObject listing = page.getJsonArray("items").getJsonObject(0);
    assertEquals("bptf", listing.getString("source"));

    JsonStructure streams = getJson("/api/streams", JsonStructure.class);
    for (JsonValue stream : streams.asJsonArray()) {
      assertEquals(
          "connected", stream.asJsonObject().getString("state"), "every consumer: " + stream);
    }
  }

  @Test
  void theNotificationProxyAnswersWithTheUpstreamsContract() throws Exception {
    HttpResponse<String> proxied =
        await(
            "the proxy to answer",
            () -> {
              HttpResponse<String> answer =
                  trySend(url("/api/notifications/search/v1?filter=4&token=" + EXAMPLE_TOKEN));
              return answer != null && answer.statusCode() != 404 ? answer : null;
            });

    // The simulator's own answer to the same question, asked after the proxy's.
    HttpResponse<String> direct =
        send(url("/simulator/api/notifications/search/v1?filter=4&token=" + EXAMPLE_TOKEN));
    assertEquals(200, direct.statusCode(), direct.body());
    assertEquals(200, proxied.statusCode(), proxied.body());
    assertEquals(parse(direct.body()), parse(proxied.body()));

    assertEquals("upstream", proxied.headers().firstValue("X-Tradewatch-Source").orElse(null));

    HttpResponse<String> bad =
        send(url("/api/notifications/search/v1?filter=5&token=" + EXAMPLE_TOKEN));
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(
        parse(bad.body()).asJsonObject().getString("message").startsWith("filter:"), bad.body());
  }

  @Test
  void theApplicationIsReadyByItsHealthCheck() {
    HttpResponse<String> ready =
        await(
            "readiness UP",
            () -> {
              HttpResponse<String> answer = trySend(url("/health/ready"));
              return answer != null && answer.statusCode() == 200 ? answer : null;
            });
    assertTrue(ready.body().contains("UP"), ready.body());
  }

  // --- plumbing ---

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + property + " is not set (see ear/pom.xml)");
    }
    return value;
  }

  private static URI url(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  private static HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The answer, or null while the server cannot be reached. */
  private static HttpResponse<String> trySend(URI uri) {
    try {
      return send(uri);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject getJson(String path) {
    return getJson(path, JsonObject.class);
  }

  /** The JSON of a 200 answer, or null for any other answer or none. */
  private static <T extends JsonStructure> T getJson(String path, Class<T> type) {
    HttpResponse<String> answer = trySend(url(path));
    if (answer == null || answer.statusCode() != 200) {
      return null;
    }
    return type.cast(parse(answer.body()));
  }

  private static JsonStructure parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.read();
    }
  }

  private static <T> T await(String what, Supplier<T> probe) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
    }
  }
}
