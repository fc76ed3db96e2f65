package org.tradewatch.core.account;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts backpack.tf tokens for storage with AES-256-GCM, so a copy of the database alone does
 * not give away anyone's token.
 *
 * <p>Each encryption draws a fresh random 12-byte IV: GCM loses its confidentiality and integrity
 * if an IV repeats under one key, and random 96-bit IVs stay safe for billions of encryptions, far
 * more than token saves. The 128-bit tag makes any change to the stored text fail to decrypt. The
 * associated data binds a ciphertext to one account (its key), so copying a ciphertext into another
 * account's row yields an error, not that account acting with someone else's token.
 *
 * <p>Stored form: {@code "v1:" + base64(iv || ciphertext || tag)}; the version prefix leaves room
 * for another algorithm or key without guessing at old rows. Thread-safe: a {@link Cipher} is made
 * per call because it is not.
 */
public final class TokenCipher {

  /** AES-256. */
  public static final int KEY_BYTES = 32;

  private static final String VERSION = "v1:";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key;

  /**
   * @param key the 32-byte AES key; it is copied, so the caller may wipe its array
   * @throws IllegalArgumentException when the key is not 32 bytes (the message does not show it)
   */
  public TokenCipher(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "a token key is " + KEY_BYTES + " bytes (AES-256), got " + key.length);
    }
    // SecretKeySpec copies the array.
    this.key = new SecretKeySpec(key, "AES");
  }

  /** A new random key for {@link #TokenCipher(byte[])}. */
  public static byte[] newKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  /**
   * @param plaintext the token
   * @param associatedData what the ciphertext is bound to: the account key
   * @return {@code "v1:" + base64(iv || ciphertext || tag)}
   */
  public String encrypt(String plaintext, String associatedData) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(associatedData, "associatedData");
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] stored = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
      return VERSION + Base64.getEncoder().encodeToString(stored);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * @param stored what {@link #encrypt} returned
   * @param associatedData the same associated data as at encryption
   * @return the token
   * @throws TokenCipherException when the text is not a v1 ciphertext, was altered, was encrypted
   *     for other associated data or with another key
   */
  public String decrypt(String stored, String associatedData) {
    Objects.requireNonNull(stored, "stored");
    Objects.requireNonNull(associatedData, "associatedData");
    if (!stored.startsWith(VERSION)) {
      throw new TokenCipherException("not a v1 token ciphertext");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(stored.substring(VERSION.length()));
    } catch (IllegalArgumentException e) {
      throw new TokenCipherException("token ciphertext is not base64");
    }
    if (bytes.length < IV_BYTES + TAG_BITS / 8) {
      throw new TokenCipherException("token ciphertext is too short");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new TokenCipherException(
          "token ciphertext does not verify: altered, another account's, or another key's");
    } catch (GeneralSecurityException e) {
      throw new TokenCipherException("token ciphertext cannot be decrypted", e);
    }
  }

  /** Names the algorithm only: the key must not reach a log through string concatenation. */
  @Override
  public String toString() {
    return "TokenCipher[AES-256-GCM]";
  }
}
