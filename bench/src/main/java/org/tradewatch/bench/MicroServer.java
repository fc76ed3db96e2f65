package org.tradewatch.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** One Payara Micro process with one WAR at the context root, on a free loopback port. */
final class MicroServer implements AutoCloseable {

  // HTTP/1.1 as browsers speak it to a cleartext port: the JDK client would otherwise ask for an
  // h2c upgrade, which no browser does and which Grizzly serves unreliably under load.
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Process process;
  final int port;

  private MicroServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static MicroServer start(
      Path micro, Path war, Path preboot, Path log, List<String> jvmOptions, String readyPath)
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-jar",
            micro.toString(),
            "--noHazelcast",
            "--prebootcommandfile",
            preboot.toString(),
            "--port",
            Integer.toString(port),
            "--deploy",
            war + ":/"));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    MicroServer server = new MicroServer(process, port);
    server.awaitAnswer(readyPath, Duration.ofMinutes(3));
    return server;
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

  /** Asks {@code path} until it answers 200, or fails after {@code timeout}. */
  void awaitAnswer(String path, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("Payara Micro exited with " + process.exitValue());
      }
      try {
        get(path);
        return;
      } catch (IOException e) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    throw new IOException("no answer from " + url(path) + " within " + timeout);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
