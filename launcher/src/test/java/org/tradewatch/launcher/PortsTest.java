package org.tradewatch.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void aFreePortCanBeListenedOn() throws IOException {
    int port = Ports.free();
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(port, socket.getLocalPort());
    }
  }

  @Test
  void aPortInUseIsNotFree() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      assertFalse(Ports.isFree(socket.getLocalPort()));
    }
  }

  @Test
  void aBaseSkipsOneWhoseOffsetIsTaken() throws IOException {
    int first = Ports.freeBase(48, 80);
    try (ServerSocket taken = new ServerSocket(first + 80)) {
      int next = Ports.freeBase(48, 80);
      assertTrue(next > first, "a later base than " + first + ": " + next);
      assertEquals(0, next % 100);
      assertTrue(Ports.isFree(next + 48) && Ports.isFree(next + 80));
    }
  }
}
