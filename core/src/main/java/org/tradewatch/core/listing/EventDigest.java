package org.tradewatch.core.listing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A 128-bit digest of an upstream event id: what the market model keeps of a listing's last event
 * instead of the id's text, which would cost a string per listing. Two distinct ids share a digest
 * with a probability of about 2^-128, far below any other failure, so equal digests mean the same
 * event.
 *
 * @param high the digest's first 64 bits
 * @param low the digest's last 64 bits
 */
public record EventDigest(long high, long low) {

  // MD5 for its spread only, not for security: upstream chooses event ids, users do not.
  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java runtime has MD5", e);
            }
          });

  /** The digest of {@code eventId}. */
  public static EventDigest of(String eventId) {
    Objects.requireNonNull(eventId, "eventId");
    byte[] digest = MD5.get().digest(eventId.getBytes(StandardCharsets.UTF_8));
    return new EventDigest(longAt(digest, 0), longAt(digest, 8));
  }

  /** Whether {@code eventId} is the event this digest was made of. */
  public boolean matches(String eventId) {
    return equals(of(eventId));
  }

  private static long longAt(byte[] bytes, int offset) {
    long value = 0;
    for (int i = offset; i < offset + 8; i++) {
      value = (value << 8) | (bytes[i] & 0xFF);
    }
    return value;
  }
}
