package org.tradewatch.web.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The most frequent word (four letters or more) in the item names of stored listings: a watch on it
 * is sure to be alerted soon, since the stream keeps bringing such listings.
 */
final class CommonWord {

  private static final Pattern WORD = Pattern.compile("[A-Za-z]{4,}");

  private CommonWord() {}

  /**
   * Waits until {@code listingsUrl} (a {@code /api/listings} query of up to 500) answers 200
   * listings or more, and answers their most frequent word.
   */
  static String await(String listingsUrl, Duration patience) {
    return Eventually.await(
        "listings to be stored",
        patience,
        () -> {
          JsonObject page = Http.get(listingsUrl).object();
          return page.getJsonArray("items").size() < 200 ? null : in(page);
        });
  }

  /** The most frequent word of the page's listings, each name counted once; null when none. */
  static String in(JsonObject page) {
    Map<String, Integer> counts = new HashMap<>();
    for (JsonObject listing : page.getJsonArray("items").getValuesAs(JsonObject.class)) {
      if (listing.get("itemName") instanceof JsonString name) {
        Matcher words = WORD.matcher(name.getString());
        Set<String> seen = new HashSet<>();
        while (words.find()) {
          String word = words.group().toLowerCase(Locale.ROOT);
          if (seen.add(word)) {
            counts.merge(word, 1, Integer::sum);
          }
        }
      }
    }
    return counts.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }
}
