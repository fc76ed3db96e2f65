package org.tradewatch.web.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tradewatch.launcher.PayaraMicro;
import org.tradewatch.launcher.Ports;

/**
 * One Tradewatch instance of a cluster: the WAR in a Payara Micro JVM of its own ({@link
 * PayaraMicro}, so {@link #kill()} is a real crash), clustered with its peers through Hazelcast
 * over TCP on loopback.
 *
 * <p>Everything the node writes goes to {@code <name>.out} in its directory; {@code --logtofile}
 * keeps Payara's own log beside it ({@code <name>.log.0}).
 */
final class ClusterNode implements AutoCloseable {

  static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final Pattern DATA_GRID_SIZE = Pattern.compile("DG Size: (\\d+)");

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
  }

  private final PayaraMicro process;
  private volatile Duration readyAfter;

  private ClusterNode(PayaraMicro process) {
    this.process = process;
  }

  /**
   * Starts the node and returns at once; {@link #awaitReady()} waits for it. Its files go to {@code
   * directory/<name>.*}, its temporary files under {@code directory/<name>/tmp}.
   */
  static ClusterNode start(String name, int dataGridPort, Cluster cluster, Path directory) {
    return start(name, dataGridPort, cluster, directory, Map.of());
  }

  /** A node with {@code own} system properties beside the cluster's. */
  static ClusterNode start(
      String name, int dataGridPort, Cluster cluster, Path directory, Map<String, String> own) {
    return new ClusterNode(
        PayaraMicro.builder(
                Path.of(required("payara.micro.jar")), Path.of(required("tradewatch.war")))
            .name(name)
            .directory(directory)
            .jvmOption("-Xmx512m")
            .properties(cluster.properties())
            .properties(own)
            .property("tradewatch.cluster.instance", name)
            .preboot(Path.of(required("payara.preboot.file")))
            .cluster(cluster.name(), cluster.dataGridPorts(), dataGridPort)
            .logToFile(directory.resolve(name + ".log"))
            .start());
  }

  /** A loopback port nothing listens on now. */
  static int freePort() {
    return Ports.free();
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(property + " is not set; run the tests through Maven");
    }
    return value;
  }

  String name() {
    return process.name();
  }

  /** Scheme, host and port, e.g. {@code http://127.0.0.1:40123}; the WAR is at the root. */
  String base() {
    return process.base();
  }

  String api(String path) {
    return base() + "/api/" + path;
  }

  boolean alive() {
    return process.alive();
  }

  /**
   * Waits until readiness answers 200. Fails at once when the JVM exits, and at {@link
   * #READY_TIMEOUT}; either way with the end of the node's output.
   */
  ClusterNode awaitReady() {
    try {
      readyAfter = process.awaitAnswer("/health/ready", READY_TIMEOUT);
    } catch (IllegalStateException e) {
      throw new AssertionError(e.getMessage(), e);
    }
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
    Matcher matcher = DATA_GRID_SIZE.matcher(process.text());
    int size = 0;
    while (matcher.find()) {
      size = Integer.parseInt(matcher.group(1));
    }
    return size;
  }

  /** The last {@code lines} lines of the node's output, without colours. */
  String tail(int lines) {
    return process.tail(lines);
  }

  /** SIGKILL: the JVM ends at once, as in a crash or an OOM kill; its sockets close with it. */
  void kill() {
    try {
      process.kill();
    } catch (IllegalStateException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** SIGTERM: Payara shuts down in order (the application's pre-destroy callbacks run). */
  void stop() {
    process.stop();
  }

  /** Stops the node if it still runs; for clean-up, whatever happened before. */
  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return process.toString();
  }
}
