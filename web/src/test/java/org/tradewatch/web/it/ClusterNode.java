package org.tradewatch.web.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One Tradewatch instance of a cluster: the WAR in a Payara Micro JVM of its own, started as a
 * child process on a free loopback port, clustered with its peers through Hazelcast over TCP on
 * loopback. The process is the JVM itself (no shell in between), so {@link #kill()} is a real
 * crash: the operating system closes its sockets and nothing of the application runs on the way
 * out.
 *
 * <p>Everything the node writes goes to {@code <name>.out} in its directory; {@code --logtofile}
 * keeps Payara's own log beside it ({@code <name>.log.0}).
 */
final class ClusterNode implements AutoCloseable {

  static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern DATA_GRID_SIZE = Pattern.compile("DG Size: (\\d+)");
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

  /**
   * What every node of one cluster shares: the cluster's name (unique per run, so a node never
   * joins anything else on the machine), every member's data grid port, and the application's
   * configuration as system properties.
   */
  record Cluster(String name, List<Integer> dataGridPorts, Map<String, String> properties) {
    Cluster {
      dataGridPorts = List.copyOf(dataGridPorts);
      properties = Map.copyOf(properties);
    }

    String members() {
      return dataGridPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }
  }

  private final String name;
  private final int port;
  private final Path output;
  private final Process process;
  private final Thread reaper;
  private final long startedAt = System.nanoTime();
  private volatile Duration readyAfter;

  private ClusterNode(String name, int port, Path output, Process process) {
    this.name = name;
    this.port = port;
    this.output = output;
    this.process = process;
    // Should the test JVM end without closing the node, the node must not outlive it.
    this.reaper = new Thread(process::destroyForcibly, "reap " + name);
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Starts the node and returns at once; {@link #awaitReady()} waits for it. Its files go to {@code
   * directory/<name>.*}, its temporary files (Payara's unpacked runtime) under {@code
   * directory/<name>/tmp}, so that not even a killed node leaves anything elsewhere.
   */
  static ClusterNode start(String name, int dataGridPort, Cluster cluster, Path directory) {
    return start(name, dataGridPort, cluster, directory, Map.of());
  }

  /** A node with {@code own} system properties beside the cluster's. */
  static ClusterNode start(
      String name, int dataGridPort, Cluster cluster, Path directory, Map<String, String> own) {
    int port = freePort();
    Path output = directory.resolve(name + ".out");
    Path temporary = directory.resolve(name).resolve("tmp");
    try {
      Files.createDirectories(temporary);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-Djava.io.tmpdir=" + temporary);
    // --interfaces picks the address Hazelcast announces; this keeps it from listening elsewhere.
    command.add("-Dhazelcast.socket.bind.any=false");
    cluster.properties().forEach((key, value) -> command.add("-D" + key + "=" + value));
    own.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-Dtradewatch.cluster.instance=" + name);
    command.addAll(
        List.of(
            "-jar",
            required("payara.micro.jar"),
            "--name",
            name,
            "--port",
            Integer.toString(port),
            "--prebootcommandfile",
            required("payara.preboot.file"),
            "--clustername",
            cluster.name(),
            "--clustermode",
            "tcpip:" + cluster.members(),
            "--interfaces",
            "127.0.0.1",
            "--startport",
            Integer.toString(dataGridPort),
            "--disablephonehome",
            "--logtofile",
            directory.resolve(name + ".log").toString(),
            "--deploy",
            required("tradewatch.war"),
            "--contextroot",
            "/"));
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      // Nothing is ever typed into a node.
      process.getOutputStream().close();
      return new ClusterNode(name, port, output, process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  /** A loopback port nothing listens on now. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(property + " is not set; run the tests through Maven");
    }
    return value;
  }

  String name() {
    return name;
  }

  /** Scheme, host and port, e.g. {@code http://127.0.0.1:40123}; the WAR is at the root. */
  String base() {
    return "http://127.0.0.1:" + port;
  }

  String api(String path) {
    return base() + "/api/" + path;
  }

  boolean alive() {
    return process.isAlive();
  }

  /**
   * Waits until readiness answers 200. Fails at once when the JVM exits, and at {@link
   * #READY_TIMEOUT}; either way with the end of the node's output.
   */
  ClusterNode awaitReady() {
    try {
      Eventually.awaitTrue(
          name + " to answer /health/ready with 200",
          READY_TIMEOUT,
          () -> {
            if (!process.isAlive()) {
              throw new AssertionError(
                  name + " exited with " + process.exitValue() + " before it was ready");
            }
            return Http.get(base() + "/health/ready").status() == 200;
          });
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage() + "\n--- last lines of " + output + " ---\n" + tail(80), e);
    }
    readyAfter = Duration.ofNanos(System.nanoTime() - startedAt);
    return this;
  }

  /** How long the node took from its start to its first ready answer; null before that. */
  Duration readyAfter() {
    return readyAfter;
  }

  /**
   * The size of the Payara data grid (the Hazelcast cluster) this node last logged; 0 before it
   * logged any.
   */
  int dataGridSize() {
    Matcher matcher = DATA_GRID_SIZE.matcher(text());
    int size = 0;
    while (matcher.find()) {
      size = Integer.parseInt(matcher.group(1));
    }
    return size;
  }

  /** The last {@code lines} lines of the node's output, without colours. */
  String tail(int lines) {
    List<String> all = text().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private String text() {
    try {
      return ANSI.matcher(Files.readString(output, StandardCharsets.ISO_8859_1)).replaceAll("");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL: the JVM ends at once, as in a crash or an OOM kill; its sockets close with it. */
  void kill() {
    process.destroyForcibly();
    if (!awaitExit()) {
      throw new AssertionError(name + " did not exit within " + EXIT_TIMEOUT + " of SIGKILL");
    }
  }

  /** SIGTERM: Payara shuts down in order (the application's pre-destroy callbacks run). */
  void stop() {
    process.destroy();
    if (!awaitExit()) {
      kill();
    }
  }

  /** Stops the node if it still runs; for clean-up, whatever happened before. */
  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook runs anyway, and the process is gone.
    }
  }

  private boolean awaitExit() {
    try {
      return process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return false;
    }
  }

  @Override
  public String toString() {
    return name + " (" + base() + ", pid " + process.pid() + ")";
  }
}
