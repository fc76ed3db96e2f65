package org.tradewatch.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook's body so its receiver can tell it came from Tradewatch, unchanged and recently.
 *
 * <p>The signed text is {@code <timestamp> + "." + <body>}, with the timestamp (epoch seconds) sent
 * in {@value #TIMESTAMP_HEADER}: a receiver that refuses timestamps older than a few minutes
 * refuses a replayed request, since changing the timestamp breaks the signature. The signature is
 * {@code sha256=<hex of HMAC-SHA256(secret, signed text)>} in {@value #SIGNATURE_HEADER}.
 */
public final class WebhookSignature {

  public static final String SIGNATURE_HEADER = "X-Tradewatch-Signature";
  public static final String TIMESTAMP_HEADER = "X-Tradewatch-Timestamp";

  /** What every secret starts with, so one found in a file is recognisable. */
  public static final String SECRET_PREFIX = "whsec_";

  private static final String PREFIX = "sha256=";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignature() {}

  /** A new secret: 32 random bytes, base64url, after {@value #SECRET_PREFIX}. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The value of {@value #SIGNATURE_HEADER} for {@code body} sent at {@code epochSeconds}. */
  public static String sign(String secret, long epochSeconds, String body) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(body, "body");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /**
   * Whether {@code signature} is this body's at this time, compared in constant time; what a
   * receiver does (and the tests).
   */
  public static boolean verify(String secret, long epochSeconds, String body, String signature) {
    if (signature == null) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(secret, epochSeconds, body).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  /** The part of a secret ever shown again: its last four characters. */
  public static String hintOf(String secret) {
    return secret.substring(Math.max(0, secret.length() - 4));
  }
}
