package org.tradewatch.web.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tradewatch.core.account.TokenCipher;
import org.tradewatch.core.webhook.Attempt;
import org.tradewatch.core.webhook.Webhook;
import org.tradewatch.core.webhook.WebhookSignature;
import org.tradewatch.core.webhook.WebhookStore;
import org.tradewatch.core.webhook.WebhookUrl;

/**
 * A user's webhook as the page and REST change it. A secret is made here, encrypted for storage at
 * once, and handed back only from the call that made it: nothing else can show it again.
 */
@ApplicationScoped
public class Webhooks {

  /** The most log lines one read returns. */
  public static final int MAX_LOG = 200;

  @Inject WebhookStore store;
  @Inject TokenCipher cipher;
  @Inject WebhookDispatcher dispatcher;

  /** The webhook, and its new secret when this call made one (to show once). */
  public record Saved(Webhook webhook, Optional<String> secret) {
    @Override
    public String toString() {
      return "Saved[" + webhook + "]";
    }
  }

  /** What a user sees of their webhook: never the secret, only its hint. */
  public record View(Webhook webhook, long pending) {}

  public Optional<View> find(String owner) {
    return store.find(owner).map(webhook -> new View(webhook, store.pending(owner)));
  }

  /**
   * Points the owner's webhook at {@code url}, making it (and its secret) when they had none; keeps
   * the secret when they had one.
   *
   * @throws org.tradewatch.core.webhook.InvalidWebhookException naming {@code url}
   */
  public Saved save(String owner, String url) {
    URI address = WebhookUrl.parse(url);
    Optional<Webhook> held = store.find(owner);
    if (held.isPresent()) {
      Webhook moved = held.get().withUrl(address.toString());
      store.put(moved);
      dispatcher.forget(owner);
      return new Saved(moved, Optional.empty());
    }
    return withNewSecret(owner, address.toString());
  }

  /** A new secret for the owner's webhook; the old one signs nothing more. */
  public Optional<Saved> rotate(String owner) {
    return store.find(owner).map(held -> withNewSecret(owner, held.url()));
  }

  private Saved withNewSecret(String owner, String url) {
    String secret = WebhookSignature.newSecret();
    Webhook webhook =
        new Webhook(
            owner,
            url,
            cipher.encrypt(secret, Webhook.associatedData(owner)),
            WebhookSignature.hintOf(secret),
            Instant.now());
    store.put(webhook);
    dispatcher.forget(owner);
    return new Saved(webhook, Optional.of(secret));
  }

  /** Removes the webhook and what is pending for it; the log stays until it ages out. */
  public boolean remove(String owner) {
    boolean removed = store.delete(owner);
    dispatcher.forget(owner);
    return removed;
  }

  /** Sends a test body; empty when the owner has no webhook. */
  public Optional<String> test(String owner) {
    return dispatcher.test(owner);
  }

  /** The owner's last {@code limit} log lines, newest first. */
  public List<Attempt> log(String owner, int limit) {
    return store.log(owner, Math.min(limit, MAX_LOG));
  }
}
