package org.tradewatch.core.webhook;

/** A webhook that cannot be kept; the message starts with the field at fault ({@code url: ...}). */
public class InvalidWebhookException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidWebhookException(String message) {
    super(message);
  }
}
