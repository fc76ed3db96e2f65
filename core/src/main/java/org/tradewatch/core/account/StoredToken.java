package org.tradewatch.core.account;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A backpack.tf token as an account stores it.
 *
 * @param ciphertext the token encrypted by {@link TokenCipher}, bound to the account's key
 * @param last4 the token's last four characters: the only part ever shown back, so a user can tell
 *     which token is stored without it being readable from a page
 * @param lastUsedAt when backpack.tf last answered a call made with this token, as far as it was
 *     recorded (at most about a minute behind); empty when it never did since it was stored
 */
public record StoredToken(String ciphertext, String last4, Optional<Instant> lastUsedAt) {

  public static final int HINT_LENGTH = 4;

  public StoredToken {
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(last4, "last4");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    if (ciphertext.isBlank()) {
      throw new IllegalArgumentException("a stored token's ciphertext is not blank");
    }
    if (last4.length() != HINT_LENGTH) {
      throw new IllegalArgumentException(
          "a stored token's hint is its last " + HINT_LENGTH + " characters");
    }
  }

  /** A token that was never used since it was stored. */
  public StoredToken(String ciphertext, String last4) {
    this(ciphertext, last4, Optional.empty());
  }

  /** The last four characters of a token, for {@link #last4}. */
  public static String last4Of(String token) {
    Objects.requireNonNull(token, "token");
    if (token.length() < HINT_LENGTH) {
      throw new IllegalArgumentException("a token is longer than its hint");
    }
    return token.substring(token.length() - HINT_LENGTH);
  }
}
