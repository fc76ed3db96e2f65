package org.tradewatch.web.webhook;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import org.tradewatch.core.webhook.Attempt;

/** The webhook's and its log's JSON, as REST answers them. */
final class WebhookJson {

  private static final JsonProvider JSON = JsonProvider.provider();

  private WebhookJson() {}

  static JsonObjectBuilder webhook(Webhooks.View view) {
    return JSON.createObjectBuilder()
        .add("url", view.webhook().url())
        .add("secretHint", view.webhook().secretHint())
        .add("secretCreatedAt", view.webhook().createdAt().toString())
        .add("pending", view.pending());
  }

  static JsonObject log(List<Attempt> attempts) {
    JsonArrayBuilder lines = JSON.createArrayBuilder();
    for (Attempt attempt : attempts) {
      JsonObjectBuilder line =
          JSON.createObjectBuilder()
              .add("at", attempt.at().toString())
              .add("deliveryId", attempt.deliveryId())
              .add("event", attempt.alertId() == null ? "test" : "alert")
              .add("attempt", attempt.attempt())
              .add("outcome", attempt.outcome().id());
      if (attempt.alertId() == null) {
        line.addNull("alertId");
      } else {
        line.add("alertId", attempt.alertId());
      }
      if (attempt.statusCode() == null) {
        line.addNull("statusCode");
      } else {
        line.add("statusCode", attempt.statusCode());
      }
      if (attempt.error() == null) {
        line.addNull("error");
      } else {
        line.add("error", attempt.error());
      }
      if (attempt.nextAt() == null) {
        line.addNull("nextRetryAt");
      } else {
        line.add("nextRetryAt", attempt.nextAt().toString());
      }
      lines.add(line);
    }
    return JSON.createObjectBuilder().add("attempts", lines).add("count", attempts.size()).build();
  }
}
