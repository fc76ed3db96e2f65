package org.tradewatch.core.account;

/**
 * A stored token could not be decrypted: it was altered, belongs to another account, or was
 * encrypted with another key. The message names which check failed and never the key or the token.
 */
public class TokenCipherException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TokenCipherException(String message) {
    super(message);
  }

  public TokenCipherException(String message, Throwable cause) {
    super(message, cause);
  }
}
