package org.tradewatch.web.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradewatch.core.account.TokenCipher;

class TokenKeysTest {

  private static final String TOKEN = "5904cbeb0e2cad7f621c0a85";

  @TempDir Path directory;

  private static TokenKeys keys(Optional<String> configured, Path file) {
    TokenKeys keys = new TokenKeys();
    keys.configuredKey = configured;
    keys.keyFile = file.toString();
    return keys;
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static List<Path> files(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.toList();
    }
  }

  @Test
  void generatesAnOwnerOnlyKeyFileOnceThenReusesIt() throws Exception {
    Path file = directory.resolve("data/nested/token.key");
    byte[] first = keys(Optional.empty(), file).key();

    assertEquals(TokenCipher.KEY_BYTES, first.length);
    assertTrue(Files.isRegularFile(file), "parent directories created");
    assertArrayEquals(
        first,
        Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim()),
        "the file holds the key in base64");
    if (posix(file)) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    assertEquals(List.of(file), files(file.getParent()), "no temporary file left behind");

    assertArrayEquals(first, keys(Optional.empty(), file).key(), "a restart reads the same key");
    String stored = keys(Optional.empty(), file).tokenCipher().encrypt(TOKEN, "alice");
    assertEquals(TOKEN, keys(Optional.empty(), file).tokenCipher().decrypt(stored, "alice"));
  }

  @Test
  void twoStartsAtOnceAgreeOnOneKey() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        Path file = directory.resolve("round" + round).resolve("token.key");
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<byte[]>> keys = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          keys.add(
              threads.submit(
                  () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return keys(Optional.empty(), file).key();
                  }));
        }
        byte[] one = keys.get(0).get(30, TimeUnit.SECONDS);
        byte[] two = keys.get(1).get(30, TimeUnit.SECONDS);
        assertArrayEquals(one, two, "round " + round);
        assertArrayEquals(one, keys(Optional.empty(), file).key(), "round " + round);
        assertEquals(List.of(file), files(file.getParent()), "round " + round);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aConfiguredKeyWinsAndNoFileIsWritten() {
    byte[] key = TokenCipher.newKey();
    Path file = directory.resolve("token.key");
    TokenKeys keys = keys(Optional.of(" " + Base64.getEncoder().encodeToString(key) + "\n"), file);

    assertArrayEquals(key, keys.key());
    String stored = keys.tokenCipher().encrypt(TOKEN, "alice");
    assertEquals(TOKEN, new TokenCipher(key).decrypt(stored, "alice"));
    assertFalse(Files.exists(file));
  }

  @Test
  void aMalformedConfiguredKeyNamesTheSettingButNotTheValue() {
    Path file = directory.resolve("token.key");
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    String longKey = Base64.getEncoder().encodeToString(TokenCipher.newKey()) + "AAAA";
    for (String bad : new String[] {"not base64 at all!", shortKey, longKey, "c2VjcmV0"}) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> keys(Optional.of(bad), file).tokenCipher());
      assertTrue(e.getMessage().contains("tradewatch.token.key"), e.getMessage());
      assertTrue(e.getMessage().contains("32"), e.getMessage());
      assertFalse(e.getMessage().contains(bad), e.getMessage());
      assertEquals(null, e.getCause(), "the decoder's message would quote the value");
    }
    assertFalse(Files.exists(file), "a bad setting does not fall back to a file");
  }

  @Test
  void aMalformedKeyFileNamesTheFileButNotItsContent() throws Exception {
    Path file = directory.resolve("token.key");
    String content = Base64.getEncoder().encodeToString("sixteen byte key".getBytes());
    Files.writeString(file, content);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> keys(Optional.empty(), file).key());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertFalse(e.getMessage().contains(content), e.getMessage());
    assertEquals(content, Files.readString(file), "an existing file is never replaced");
  }

  @Test
  void aKeyFileOthersCanReadIsStillUsed() throws Exception {
    Path file = directory.resolve("token.key");
    byte[] key = TokenCipher.newKey();
    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
    if (posix(file)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
    assertArrayEquals(key, keys(Optional.empty(), file).key());
    if (posix(file)) {
      assertEquals(
          "rw-r--r--",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
          "only a warning: the operator chose these permissions");
    }
  }
}
