package org.tradewatch.persistence.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.tradewatch.core.account.AccountRules;
import org.tradewatch.core.webhook.Webhook;
import org.tradewatch.core.webhook.WebhookUrl;
import org.tradewatch.persistence.EpochMicrosConverter;

/** A user's webhook: one row per account that has one, the secret encrypted. */
@Entity
@Table(name = "user_webhook")
public class WebhookEntity {

  @Id
  @Column(name = "owner_key", length = AccountRules.USERNAME_MAX)
  String owner;

  @Column(name = "url", length = WebhookUrl.MAX_LENGTH, nullable = false)
  String url;

  /** AES-GCM base64 of a 55-character secret: well under 200. */
  @Column(name = "secret_ciphertext", length = 200, nullable = false)
  String secretCiphertext;

  @Column(name = "secret_hint", length = 8, nullable = false)
  String secretHint;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  protected WebhookEntity() {}

  WebhookEntity(Webhook webhook) {
    owner = webhook.owner();
    url = webhook.url();
    secretCiphertext = webhook.secretCiphertext();
    secretHint = webhook.secretHint();
    createdAt = webhook.createdAt();
  }

  Webhook toWebhook() {
    return new Webhook(owner, url, secretCiphertext, secretHint, createdAt);
  }
}
