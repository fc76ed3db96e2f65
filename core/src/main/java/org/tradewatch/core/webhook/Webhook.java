package org.tradewatch.core.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's webhook as stored.
 *
 * @param owner the account's key
 * @param url the address, as {@link WebhookUrl#parse} accepted it
 * @param secretCiphertext the signing secret, encrypted as tokens are (bound to the owner): it is
 *     shown once, when made, and never again
 * @param secretHint the secret's last four characters, so a user can tell which one is in use
 * @param createdAt when the secret was made
 */
public record Webhook(
    String owner, String url, String secretCiphertext, String secretHint, Instant createdAt) {

  public Webhook {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secretCiphertext, "secretCiphertext");
    Objects.requireNonNull(secretHint, "secretHint");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** What the secret's ciphertext is bound to, so it cannot be moved to another account's row. */
  public static String associatedData(String owner) {
    return "webhook:" + owner;
  }

  /** This webhook at another address, with the same secret. */
  public Webhook withUrl(String url) {
    return new Webhook(owner, url, secretCiphertext, secretHint, createdAt);
  }

  /** Names the address only: the secret must not reach a log. */
  @Override
  public String toString() {
    return "Webhook[owner=" + owner + ", url=" + url + "]";
  }
}
