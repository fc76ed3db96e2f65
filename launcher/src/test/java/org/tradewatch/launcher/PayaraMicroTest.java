package org.tradewatch.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a start that cannot succeed looks like; real starts are the ITs' and the benchmarks'. */
class PayaraMicroTest {

  @TempDir Path directory;

  @Test
  void aProcessThatExitsFailsTheWaitAtOnceWithItsOutput() {
    Path missing = directory.resolve("no-such-payara-micro.jar");
    try (PayaraMicro micro =
        PayaraMicro.builder(missing, directory.resolve("app.war"))
            .name("broken")
            .directory(directory)
            .start()) {
      long started = System.nanoTime();
      IllegalStateException failure =
          assertThrows(
              IllegalStateException.class,
              () -> micro.awaitAnswer("/health/ready", Duration.ofMinutes(2)));
      assertTrue(
          Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(60)) < 0,
          "not waited out: " + failure.getMessage());
      assertTrue(failure.getMessage().contains("broken exited with"), failure.getMessage());
      assertTrue(failure.getMessage().contains("no-such-payara-micro.jar"), failure.getMessage());
      assertFalse(micro.alive());
      assertTrue(Files.exists(directory.resolve("broken.out")));
      assertTrue(Files.isDirectory(directory.resolve("broken").resolve("tmp")));
    }
  }

  @Test
  void withNeitherOutputNorDirectoryItIsNotStarted() {
    assertThrows(
        IllegalStateException.class,
        () -> PayaraMicro.builder(Path.of("micro.jar"), Path.of("app.war")).start());
  }
}
