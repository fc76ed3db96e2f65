package org.tradewatch.web.watch;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import java.util.Map;
import org.tradewatch.core.watch.Alert;
import org.tradewatch.core.watch.AlertPage;
import org.tradewatch.core.watch.PriceBound;
import org.tradewatch.core.watch.Watch;
import org.tradewatch.core.watch.WatchTerms;

/**
 * The JSON of watches and alerts: the fields a client writes, with the same names, plus what the
 * server adds. Times are ISO-8601 UTC; a field not asked, or not known, is null.
 */
public final class WatchJson {

  private static final JsonProvider JSON = JsonProvider.provider();

  private WatchJson() {}

  static JsonObject watches(List<Watch> watches, Map<String, Long> matches24h, int limit) {
    JsonArrayBuilder array = JSON.createArrayBuilder();
    for (Watch watch : watches) {
      array.add(watch(watch, matches24h.getOrDefault(watch.id(), 0L)));
    }
    return JSON.createObjectBuilder()
        .add("watches", array)
        .add("count", watches.size())
        .add("limit", limit)
        .build();
  }

  static JsonObjectBuilder watch(Watch watch, long matches24h) {
    WatchTerms terms = watch.terms();
    PriceBound bound = terms.bound();
    JsonObjectBuilder json = JSON.createObjectBuilder().add("id", watch.id());
    text(json, "itemKey", terms.item() == null ? null : terms.item().id());
    text(json, "itemName", terms.item() == null ? null : terms.item().displayName());
    text(json, "name", terms.name());
    text(json, "source", terms.source() == null ? null : terms.source().id());
    text(json, "intent", terms.intent() == null ? null : terms.intent().id());
    text(json, "quality", terms.quality());
    if (bound != null && bound.kind() == PriceBound.Kind.AT_MOST) {
      json.add("atMost", bound.value());
    } else {
      json.addNull("atMost");
    }
    if (bound != null && bound.kind() == PriceBound.Kind.AT_LEAST) {
      json.add("atLeast", bound.value());
    } else {
      json.addNull("atLeast");
    }
    text(json, "valueUnit", terms.source() == null ? null : Alert.unitOf(terms.source()));
    return json.add("dealsOnly", terms.dealsOnly())
        .add("paused", watch.paused())
        .add("createdAt", watch.createdAt().toString())
        .add("updatedAt", watch.updatedAt().toString())
        .add("matches24h", matches24h);
  }

  static JsonObject alerts(AlertPage page, int skip, int limit) {
    JsonArrayBuilder array = JSON.createArrayBuilder();
    for (Alert alert : page.alerts()) {
      array.add(alert(alert));
    }
    return JSON.createObjectBuilder()
        .add("alerts", array)
        .add("total", page.total())
        .add("unread", page.unread())
        .add("skip", skip)
        .add("limit", limit)
        .build();
  }

  public static JsonObjectBuilder alert(Alert alert) {
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("id", alert.id())
            .add("watchId", alert.watchId())
            .add("source", alert.listing().source().id())
            .add("listingId", alert.listing().id());
    text(json, "itemKey", alert.item() == null ? null : alert.item().id());
    text(json, "itemName", alert.itemName());
    text(json, "quality", alert.quality());
    text(json, "intent", alert.intent() == null ? null : alert.intent().id());
    if (alert.value() != null) {
      json.add("value", alert.value());
    } else {
      json.addNull("value");
    }
    return json.add("valueUnit", alert.valueUnit())
        .add("reason", alert.reason().id())
        .add("at", alert.at().toString())
        .add("read", alert.read());
  }

  static JsonObject modified(int count) {
    return JSON.createObjectBuilder().add("modified", count).build();
  }

  private static void text(JsonObjectBuilder json, String name, String value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value);
    }
  }
}
