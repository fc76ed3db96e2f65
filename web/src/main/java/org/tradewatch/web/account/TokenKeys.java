package org.tradewatch.web.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tradewatch.core.account.TokenCipher;

/**
 * The AES key that encrypts stored backpack.tf tokens, and the {@link TokenCipher} made from it.
 *
 * <p>The key comes from {@value #KEY} when that is set (an environment variable or a secret store),
 * and otherwise from the file named by {@value #KEY_FILE}, which is generated on first use. A
 * generated key lives beside the H2 database by default, so a fresh checkout needs no set-up; but
 * whoever copies the database without the key cannot read the tokens, which is the point. Losing
 * the key loses the stored tokens (users enter them again), so the log says where it was written.
 * The key itself is never logged and never appears in an error message.
 */
@ApplicationScoped
public class TokenKeys {

  static final String KEY = "tradewatch.token.key";
  static final String KEY_FILE = "tradewatch.token.key-file";

  private static final Logger LOG = Logger.getLogger(TokenKeys.class.getName());

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private static final Set<PosixFilePermission> NOT_OWNER =
      EnumSet.complementOf(
          EnumSet.of(
              PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.OWNER_EXECUTE));

  // MicroProfile Config treats an empty value as absent, so "tradewatch.token.key=" means "use
  // the file".
  @Inject
  @ConfigProperty(name = KEY)
  Optional<String> configuredKey;

  @Inject
  @ConfigProperty(name = KEY_FILE, defaultValue = "./data/token.key")
  String keyFile;

  /**
   * The cipher for stored tokens. A singleton rather than application-scoped because {@link
   * TokenCipher} is a final class that CDI cannot proxy; it is made on first injection.
   *
   * @throws IllegalStateException when the configured key or the key file is not the base64 of 32
   *     bytes, or the file cannot be read or written
   */
  @Produces
  @Singleton
  TokenCipher tokenCipher() {
    byte[] key = key();
    try {
      return new TokenCipher(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The key's bytes: the configured key, or the key file's, generating it when missing. */
  byte[] key() {
    if (configuredKey.isPresent()) {
      return decode(configuredKey.get(), KEY);
    }
    Path path = Path.of(keyFile).toAbsolutePath().normalize();
    try {
      return Files.exists(path) ? read(path) : generate(path);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read or create the token key file " + path + " (" + KEY_FILE + ")", e);
    }
  }

  private static byte[] read(Path path) throws IOException {
    if (posix(path)) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
      if (!Collections.disjoint(permissions, NOT_OWNER)) {
        LOG.warning(
            () ->
                "The token key file "
                    + path
                    + " is open to other users ("
                    + PosixFilePermissions.toString(permissions)
                    + "); make it rw------- (chmod 600)");
      }
    }
    return decode(Files.readString(path, StandardCharsets.US_ASCII), "the token key file " + path);
  }

  /**
   * Writes a new key to a temporary file beside {@code path}, then links it into place. Linking
   * fails when the file exists, so two instances starting at once on one data directory cannot both
   * write a key and each keep encrypting with its own: the second reads the first's. The link also
   * makes the key appear complete or not at all.
   */
  private static byte[] generate(Path path) throws IOException {
    Path directory = path.getParent();
    Files.createDirectories(directory);
    boolean posix = posix(directory);
    Path temporary =
        posix
            ? Files.createTempFile(
                directory, ".token-key-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(directory, ".token-key-", ".tmp");
    byte[] key = TokenCipher.newKey();
    byte[] text =
        (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(text));
        channel.force(true);
      }
      try {
        link(path, temporary);
      } catch (FileAlreadyExistsException e) {
        LOG.info(() -> "Another start wrote the token key file " + path + " first; using it");
        Arrays.fill(key, (byte) 0);
        return read(path);
      }
    } finally {
      Arrays.fill(text, (byte) 0);
      Files.deleteIfExists(temporary);
    }
    if (posix) {
      LOG.info(
          () ->
              "Generated a token key in "
                  + path
                  + " (rw-------); back it up with the database: stored backpack.tf tokens"
                  + " cannot be read without it");
    } else {
      LOG.warning(
          () ->
              "Generated a token key in "
                  + path
                  + ", but this file system has no POSIX permissions to restrict it to its owner:"
                  + " make sure only the server's user can read it. Back it up with the database:"
                  + " stored backpack.tf tokens cannot be read without it");
    }
    return key;
  }

  private static void link(Path path, Path temporary) throws IOException {
    try {
      Files.createLink(path, temporary);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (FileSystemException e) {
      // No hard links on this file system (FAT, some network shares; the default provider always
      // has the operation, so only the file system can refuse it): a move that refuses an existing
      // file still keeps the first key, with a short window between its check and its rename that
      // a link does not have.
      Files.move(temporary, path);
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** The key in {@code base64}, or a message that names where it came from but not the value. */
  static byte[] decode(String base64, String source) {
    String expected =
        source
            + " must be the base64 of "
            + TokenCipher.KEY_BYTES
            + " random bytes, such as the output of `openssl rand -base64 32`";
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes the offending character: not passed on.
      throw new IllegalStateException(expected);
    }
    if (key.length != TokenCipher.KEY_BYTES) {
      Arrays.fill(key, (byte) 0);
      throw new IllegalStateException(expected);
    }
    return key;
  }
}
