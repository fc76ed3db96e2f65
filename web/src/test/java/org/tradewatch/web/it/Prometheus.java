package org.tradewatch.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scrapes Tradewatch's metrics as Prometheus does, in its text format. */
final class Prometheus {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private Prometheus() {}

  /**
   * {@code /metrics?scope=application} of the server on {@code port}, as "name{tag=value,...}"
   * (tags sorted, {@code mp_scope} left out once checked) to value. Every family has a help line.
   */
  static Map<String, Double> scrape(int port) {
    HttpResponse<String> response;
    try {
      response =
          CLIENT.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/metrics?scope=application"))
                  .header("Accept", "text/plain")
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertEquals(200, response.statusCode(), response.body());
    String body = response.body();
    Map<String, Double> samples = new TreeMap<>();
    for (String line : body.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), "a Prometheus sample: " + line);
      Map<String, String> labels = new TreeMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      assertEquals("application", labels.remove("mp_scope"), line);
      assertTrue(
          body.contains("# HELP " + m.group(1) + " "),
          "a help line for " + m.group(1) + ":\n" + body);
      StringBuilder id = new StringBuilder(m.group(1)).append('{');
      labels.forEach((k, v) -> id.append(k).append('=').append(v).append(','));
      id.setLength(id.length() - 1);
      samples.put(labels.isEmpty() ? m.group(1) : id.append('}').toString(), parse(m.group(3)));
    }
    return samples;
  }

  private static double parse(String value) {
    return switch (value) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(value);
    };
  }

  /** The sample {@code id} ("name{tag=value,...}", tags sorted); fails when it is missing. */
  static double metric(Map<String, Double> samples, String id) {
    Double value = samples.get(id);
    assertNotNull(value, id + " in /metrics: " + samples.keySet());
    return value;
  }

  /**
   * The samples whose id starts with {@code prefix} that changed from {@code before} to {@code
   * after}, by how much (a sample new in {@code after} from 0).
   */
  static Map<String, Double> moved(
      Map<String, Double> before, Map<String, Double> after, String prefix) {
    Map<String, Double> moved = new TreeMap<>();
    after.forEach(
        (id, value) -> {
          double by = value - before.getOrDefault(id, 0.0);
          if (id.startsWith(prefix) && by != 0) {
            moved.put(id, by);
          }
        });
    return moved;
  }
}
