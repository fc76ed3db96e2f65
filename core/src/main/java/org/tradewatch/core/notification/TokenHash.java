package org.tradewatch.core.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What Tradewatch keeps instead of a token: its SHA-256 in hex. A backpack.tf token carries 96
 * random bits, so the hash cannot be reversed by guessing, and it is stable across restarts, which
 * the stored copies need. {@link #toString()} never shows more than a prefix of the hash.
 */
public record TokenHash(String hex) {

  private static final String DOMAIN = "tradewatch/backpack.tf-token/";

  // Compiled once: String.matches compiles its pattern at every call, and every poll hashes.
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public TokenHash {
    Objects.requireNonNull(hex, "hex");
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("a token hash is 64 lower-case hex digits");
    }
  }

  public static TokenHash of(String token) {
    Objects.requireNonNull(token, "token");
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] hash = digest.digest((DOMAIN + token).getBytes(StandardCharsets.UTF_8));
      return new TokenHash(HexFormat.of().formatHex(hash));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "TokenHash[" + hex.substring(0, 8) + "...]";
  }
}
