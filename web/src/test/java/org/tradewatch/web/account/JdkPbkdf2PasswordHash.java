package org.tradewatch.web.account;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The container's Pbkdf2PasswordHash is not on the unit-test class path: this one does the same
 * with the JDK's PBKDF2, in the same {@code algorithm:iterations:salt:hash} form, honours the
 * parameters it is given, and records them and how often it verified.
 */
final class JdkPbkdf2PasswordHash implements Pbkdf2PasswordHash {

  final Map<String, String> parameters = new HashMap<>();
  final AtomicInteger verifications = new AtomicInteger();

  private final SecureRandom random = new SecureRandom();

  @Override
  public void initialize(Map<String, String> parameters) {
    this.parameters.putAll(parameters);
  }

  private String parameter(String name) {
    String value = parameters.get("Pbkdf2PasswordHash." + name);
    if (value == null) {
      throw new IllegalStateException("not initialised with Pbkdf2PasswordHash." + name);
    }
    return value;
  }

  @Override
  public String generate(char[] password) {
    String algorithm = parameter("Algorithm");
    int iterations = Integer.parseInt(parameter("Iterations"));
    byte[] salt = new byte[Integer.parseInt(parameter("SaltSizeBytes"))];
    random.nextBytes(salt);
    int keyBytes = Integer.parseInt(parameter("KeySizeBytes"));
    byte[] hash = pbkdf2(algorithm, password, salt, iterations, keyBytes);
    Base64.Encoder base64 = Base64.getEncoder();
    return algorithm
        + ":"
        + iterations
        + ":"
        + base64.encodeToString(salt)
        + ":"
        + base64.encodeToString(hash);
  }

  @Override
  public boolean verify(char[] password, String hashedPassword) {
    verifications.incrementAndGet();
    String[] parts = hashedPassword.split(":");
    byte[] salt = Base64.getDecoder().decode(parts[2]);
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    byte[] actual = pbkdf2(parts[0], password, salt, Integer.parseInt(parts[1]), expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] pbkdf2(
      String algorithm, char[] password, byte[] salt, int iterations, int keyBytes) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBytes * 8);
    try {
      return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } finally {
      spec.clearPassword();
    }
  }
}
