package org.tradewatch.simulator.skinshark.live;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints and checks socket tickets: JWTs signed with HS256, naming the sub-user, the expiry, the
 * scopes and a sequence number ({@code jti}) so that tickets minted before a cut-off can be
 * revoked. Thread-safe.
 */
public final class Tickets {

  /** The purpose claim of socket tickets; a JWT of any other purpose is refused. */
  static final String PURPOSE = "ws";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();
  private static final String HEADER =
      B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  private final byte[] secret;

  public Tickets(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length() < 16) {
      throw new IllegalArgumentException("the ticket secret must have at least 16 characters");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** What a valid ticket says. */
  public record Claims(String subUser, long expiresAt, long sequence, Set<String> scopes) {}

  /** Mints a ticket. */
  public String mint(
      String subUser, long issuedAt, long expiresAt, long sequence, Set<String> scopes) {
    JsonArrayBuilder scopeArray = Json.createArrayBuilder();
    scopes.forEach(scopeArray::add);
    String payload =
        Json.createObjectBuilder()
            .add("sub", subUser)
            .add("iat", issuedAt)
            .add("exp", expiresAt)
            .add("jti", Long.toString(sequence))
            .add("purpose", PURPOSE)
            .add("scopes", scopeArray)
            .build()
            .toString();
    String unsigned = HEADER + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return unsigned + "." + B64.encodeToString(sign(unsigned));
  }

  /**
   * The ticket's claims if its signature, purpose and shape are right and it has not expired at
   * {@code now} (epoch seconds); null otherwise.
   */
  public Claims verify(String token, long now) {
    if (token == null) {
      return null;
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !HEADER.equals(parts[0])) {
      return null;
    }
    byte[] signature;
    JsonObject claims;
    try {
      signature = B64_DECODE.decode(parts[2]);
      String payload = new String(B64_DECODE.decode(parts[1]), StandardCharsets.UTF_8);
      try (JsonReader reader = Json.createReader(new StringReader(payload))) {
        claims = reader.readObject();
      }
    } catch (RuntimeException e) {
      return null;
    }
    if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
      return null;
    }
    try {
      if (!PURPOSE.equals(claims.getString("purpose", null))) {
        return null;
      }
      long exp = ((JsonNumber) claims.get("exp")).longValue();
      if (exp <= now) {
        return null;
      }
      Set<String> scopes = new LinkedHashSet<>();
      for (JsonValue scope : claims.getJsonArray("scopes")) {
        scopes.add(((JsonString) scope).getString());
      }
      return new Claims(
          claims.getString("sub"), exp, Long.parseLong(claims.getString("jti")), scopes);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private byte[] sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
