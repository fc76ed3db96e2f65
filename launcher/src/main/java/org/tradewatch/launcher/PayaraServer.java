package org.tradewatch.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A domain of its own in an unpacked full Payara Server, driven by its {@code asadmin} as an
 * operator would: created under a work directory at a free port base, started, configured, deployed
 * to, stopped. Every asadmin call appends to {@code work/asadmin.log}.
 */
public final class PayaraServer implements AutoCloseable {

  // Offsets from --portbase: the admin listener and the HTTP listener, and the neighbours the
  // domain opens beside them (HTTPS, JMS, IIOP).
  private static final int ADMIN = 48;
  private static final int HTTP = 80;

  private final Path asadmin;
  private final Path work;
  private final String domain;
  private final int base;
  private boolean started;

  private PayaraServer(Path asadmin, Path work, String domain, int base) {
    this.asadmin = asadmin;
    this.work = work;
    this.domain = domain;
    this.base = base;
  }

  /** Creates the domain {@code domain} under {@code work}, with no admin password. */
  public static PayaraServer createDomain(Path home, Path work, String domain) {
    try {
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PayaraServer server =
        new PayaraServer(
            home.resolve("bin/asadmin"), work, domain, Ports.freeBase(ADMIN, HTTP, 81, 86));
    server.asadmin(
        "create-domain",
        "--nopassword=true",
        "--portbase",
        Integer.toString(server.base),
        "--domaindir",
        work.toString(),
        domain);
    return server;
  }

  public void start() {
    asadmin("start-domain", "--domaindir", work.toString(), domain);
    started = true;
  }

  public int httpPort() {
    return base + HTTP;
  }

  /** An asadmin command against the running domain's admin port. */
  public void admin(String... command) {
    List<String> withPort = new ArrayList<>(List.of("--port", Integer.toString(base + ADMIN)));
    withPort.addAll(List.of(command));
    asadmin(withPort.toArray(String[]::new));
  }

  private void asadmin(String... command) {
    List<String> line = new ArrayList<>(List.of(asadmin.toString(), "--interactive=false"));
    line.addAll(List.of(command));
    Path log = work.resolve("asadmin.log");
    try {
      Process process =
          new ProcessBuilder(line)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("asadmin " + command[0] + " did not finish; see " + log);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "asadmin "
                + String.join(" ", command)
                + " failed ("
                + process.exitValue()
                + "): "
                + Files.readString(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during asadmin " + command[0], e);
    }
  }

  /** Stops the domain if it was started. */
  @Override
  public void close() {
    if (started) {
      started = false;
      asadmin("stop-domain", "--domaindir", work.toString(), domain);
    }
  }
}
