package org.tradewatch.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports, for servers that are told their port rather than choosing one. */
public final class Ports {

  private Ports() {}

  /** A loopback port nothing listens on now. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether nothing listens on {@code port} now. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A multiple of 100 from 28,000 on at which every {@code base + offset} is free: Payara Server's
   * {@code --portbase} puts a domain's ports at fixed offsets from it.
   */
  public static int freeBase(int... offsets) {
    for (int base = 28_000; base < 60_000; base += 100) {
      boolean free = true;
      for (int offset : offsets) {
        free &= isFree(base + offset);
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no free port base between 28000 and 60000");
  }
}
