package org.tradewatch.web.page.notification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.tradewatch.core.watch.Alert;
import org.tradewatch.web.format.Prices;

/**
 * One Tradewatch alert as the Notifications page shows it. Texts stay as upstream sent them (the
 * template escapes them).
 *
 * @param id the alert's id
 * @param unread whether it is unread
 * @param at when the change that matched was stored
 * @param reason why it alerted, in words
 * @param intent {@code buy} or {@code sell}, or null
 * @param itemName the item's name, or null
 * @param quality the quality, or null when there is none or the item's name says it already
 * @param price the price as traders write it
 * @param watch what the watch that raised it looks for, or that it was deleted
 * @param listingPath the path of the listing's page here
 */
public record AlertRow(
    String id,
    boolean unread,
    Instant at,
    String reason,
    String intent,
    String itemName,
    String quality,
    String price,
    String watch,
    String listingPath) {

  /** The row of {@code alert}; {@code watches} names the user's watches by id. */
  public static AlertRow of(Alert alert, Map<String, String> watches) {
    return new AlertRow(
        alert.id(),
        !alert.read(),
        alert.at(),
        alert.reason() == Alert.Reason.CROSSED ? "back within your price" : "new match",
        alert.intent() == null ? null : alert.intent().id(),
        alert.itemName(),
        saidByName(alert.quality(), alert.itemName()) ? null : alert.quality(),
        Prices.amount(alert.value(), alert.valueUnit()),
        watches.getOrDefault(alert.watchId(), "a deleted watch"),
        "/listings/"
            + alert.listing().source().id()
            + "/"
            + URLEncoder.encode(alert.listing().id(), StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private static boolean saidByName(String quality, String name) {
    return quality == null
        || (name != null
            && name.toLowerCase(Locale.ROOT).contains(quality.toLowerCase(Locale.ROOT)));
  }
}
