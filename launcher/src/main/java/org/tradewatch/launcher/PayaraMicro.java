package org.tradewatch.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One WAR in a Payara Micro JVM of its own, started as a child process on a loopback port. The
 * process is the JVM itself (no shell in between), so {@link #kill()} is a real crash: the
 * operating system closes its sockets and nothing of the application runs on the way out. Should
 * the JVM that started it end without closing it, the process is killed with it.
 */
public final class PayaraMicro implements AutoCloseable {

  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

  // HTTP/1.1 as browsers speak it to a cleartext port: the JDK client would otherwise ask for an
  // h2c upgrade, which no browser does.
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String name;
  private final int port;
  private final Path output;
  private final Process process;
  private final Thread reaper;
  private final long startedAt = System.nanoTime();

  private PayaraMicro(String name, int port, Path output, Process process) {
    this.name = name;
    this.port = port;
    this.output = output;
    this.process = process;
    this.reaper = new Thread(process::destroyForcibly, "reap " + name);
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /** A Payara Micro of {@code microJar} that will deploy {@code war} at the context root. */
  public static Builder builder(Path microJar, Path war) {
    return new Builder(microJar, war);
  }

  /** What to start; {@link #start()} starts it. */
  public static final class Builder {

    private final Path microJar;
    private final Path war;
    private String name = "payara-micro";
    private int port;
    private Path preboot;
    private Path directory;
    private Path output;
    private Path logFile;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private String clusterName;
    private List<Integer> dataGridPorts = List.of();
    private int dataGridPort;

    private Builder(Path microJar, Path war) {
      this.microJar = Objects.requireNonNull(microJar, "microJar");
      this.war = Objects.requireNonNull(war, "war");
    }

    /** Payara's instance name, and the name of its files; {@code payara-micro} unless given. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The HTTP port; a free loopback port unless given. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** An asadmin command file Payara runs before it deploys ({@code --prebootcommandfile}). */
    public Builder preboot(Path preboot) {
      this.preboot = preboot;
      return this;
    }

    /**
     * The process's working directory. Its temporary files (Payara's unpacked runtime) go under
     * {@code directory/<name>/tmp}, so that not even a killed process leaves anything elsewhere,
     * and its output to {@code directory/<name>.out} unless {@link #output} says otherwise.
     */
    public Builder directory(Path directory) {
      this.directory = directory;
      return this;
    }

    /** Where everything the process writes goes (standard output and error together). */
    public Builder output(Path output) {
      this.output = output;
      return this;
    }

    /** Payara's own log file beside the output ({@code --logtofile}). */
    public Builder logToFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    /** JVM options, in order, before the system properties. */
    public Builder jvmOptions(List<String> options) {
      jvmOptions.addAll(options);
      return this;
    }

    public Builder jvmOption(String option) {
      jvmOptions.add(option);
      return this;
    }

    /** A system property ({@code -Dkey=value}); the application reads its configuration so. */
    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    public Builder properties(Map<String, String> more) {
      properties.putAll(more);
      return this;
    }

    /**
     * Joins a Payara data grid (Hazelcast) over TCP on loopback: the cluster's name (unique per
     * run, so that it never joins anything else on the machine), every member's data grid port and
     * this one's. Without it the process runs with no data grid ({@code --noHazelcast}).
     */
    public Builder cluster(String clusterName, List<Integer> dataGridPorts, int dataGridPort) {
      this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
      this.dataGridPorts = List.copyOf(dataGridPorts);
      this.dataGridPort = dataGridPort;
      return this;
    }

    /** Starts the process and returns at once; {@link PayaraMicro#awaitAnswer} waits for it. */
    public PayaraMicro start() {
      int httpPort = port > 0 ? port : Ports.free();
      Path out = output;
      if (out == null) {
        if (directory == null) {
          throw new IllegalStateException("neither an output file nor a directory for " + name);
        }
        out = directory.resolve(name + ".out");
      }
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      if (directory != null) {
        Path temporary = directory.resolve(name).resolve("tmp");
        try {
          Files.createDirectories(temporary);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        command.add("-Djava.io.tmpdir=" + temporary);
      }
      if (clusterName != null) {
        // --interfaces picks the address Hazelcast announces; this keeps it from listening
        // elsewhere.
        command.add("-Dhazelcast.socket.bind.any=false");
      }
      properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
      command.addAll(
          List.of(
              "-jar", microJar.toString(), "--name", name, "--port", Integer.toString(httpPort)));
      if (preboot != null) {
        command.addAll(List.of("--prebootcommandfile", preboot.toString()));
      }
      if (clusterName == null) {
        command.add("--noHazelcast");
      } else {
        String members =
            dataGridPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        command.addAll(
            List.of(
                "--clustername",
                clusterName,
                "--clustermode",
                "tcpip:" + members,
                "--interfaces",
                "127.0.0.1",
                "--startport",
                Integer.toString(dataGridPort)));
      }
      command.add("--disablephonehome");
      if (logFile != null) {
        command.addAll(List.of("--logtofile", logFile.toString()));
      }
      command.addAll(List.of("--deploy", war.toString(), "--contextroot", "/"));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
      if (directory != null) {
        builder.directory(directory.toFile());
      }
      try {
        Process process = builder.start();
        // Nothing is ever typed into it.
        process.getOutputStream().close();
        return new PayaraMicro(name, httpPort, out, process);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + name + ": " + command, e);
      }
    }
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  /** Scheme, host and port, e.g. {@code http://127.0.0.1:40123}; the WAR is at the root. */
  public String base() {
    return "http://127.0.0.1:" + port;
  }

  public String url(String path) {
    return base() + path;
  }

  public boolean alive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** The file that holds everything the process wrote. */
  public Path output() {
    return output;
  }

  /**
   * Waits until {@code path} answers 200 and returns how long the process took from its start.
   * Fails at once when the JVM exits and at {@code timeout}, either way with the end of its output.
   */
  public Duration awaitAnswer(String path, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " before " + path + " answered" + end());
      }
      if (answers(path)) {
        return Duration.ofNanos(System.nanoTime() - startedAt);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
    }
    throw new IllegalStateException(
        name + ": no 200 from " + url(path) + " within " + timeout + end());
  }

  private boolean answers(String path) {
    try {
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
    }
  }

  private String end() {
    return "\n--- last lines of " + output + " ---\n" + tail(80);
  }

  /** Everything the process wrote so far, without terminal colours. */
  public String text() {
    try {
      return ANSI.matcher(Files.readString(output, StandardCharsets.ISO_8859_1)).replaceAll("");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last {@code lines} lines of the output, without colours. */
  public String tail(int lines) {
    List<String> all = text().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** SIGKILL: the JVM ends at once, as in a crash or an OOM kill; its sockets close with it. */
  public void kill() {
    process.destroyForcibly();
    if (!awaitExit()) {
      throw new IllegalStateException(
          name + " did not exit within " + EXIT_TIMEOUT + " of SIGKILL");
    }
  }

  /** SIGTERM: Payara shuts down in order (the application's pre-destroy callbacks run). */
  public void stop() {
    process.destroy();
    if (!awaitExit()) {
      kill();
    }
  }

  /** Stops the process if it still runs; for clean-up, whatever happened before. */
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
