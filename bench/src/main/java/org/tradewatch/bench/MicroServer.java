package org.tradewatch.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.tradewatch.launcher.PayaraMicro;

/**
 * A WAR under benchmark in a Payara Micro process of its own ({@link PayaraMicro}, with no data
 * grid), and the benchmark's HTTP calls to it.
 */
final class MicroServer implements AutoCloseable {

  // HTTP/1.1 as browsers speak it to a cleartext port: the JDK client would otherwise ask for an
  // h2c upgrade, which no browser does and which Grizzly serves unreliably under load.
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final PayaraMicro process;
  final int port;

  private MicroServer(PayaraMicro process) {
    this.process = process;
    this.port = process.port();
  }

  /** Starts the WAR and waits until {@code readyPath} answers 200 (three minutes at most). */
  static MicroServer start(
      Path micro, Path war, Path preboot, Path log, List<String> jvmOptions, String readyPath)
      throws IOException {
    PayaraMicro process =
        PayaraMicro.builder(micro, war).preboot(preboot).output(log).jvmOptions(jvmOptions).start();
    try {
      process.awaitAnswer(readyPath, Duration.ofMinutes(3));
    } catch (IllegalStateException e) {
      process.close();
      throw new IOException(e.getMessage(), e);
    }
    return new MicroServer(process);
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  String get(String path) throws IOException, InterruptedException {
    String body = getOrNull(path);
    if (body == null) {
      throw new IOException(path + " answered 404");
    }
    return body;
  }

  /** The body of a 200, or null for a 404. */
  String getOrNull(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = exchange(path);
    if (response.statusCode() == 404) {
      return null;
    }
    if (response.statusCode() != 200) {
      throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** The whole answer to a GET, whatever its status. */
  HttpResponse<String> exchange(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String post(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** Waits until {@code path} answers 200, or fails after {@code timeout}. */
  void awaitAnswer(String path, Duration timeout) throws IOException {
    try {
      process.awaitAnswer(path, timeout);
    } catch (IllegalStateException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
