package org.tradewatch.web.page.watch;

import java.time.Instant;
import org.tradewatch.core.watch.Alert;
import org.tradewatch.core.watch.PriceBound;
import org.tradewatch.core.watch.Watch;
import org.tradewatch.core.watch.WatchTerms;
import org.tradewatch.web.format.Prices;

/**
 * One watch as the Watches page shows it.
 *
 * @param id the watch's id
 * @param what what it looks for: the item's display name, or its words in quotes
 * @param itemKey the item's key, or null for a watch by name
 * @param source {@code backpack.tf}, {@code skinshark} or {@code any source}
 * @param intent {@code buy}, {@code sell} or null for both
 * @param quality the quality asked, or null
 * @param price the bound in words ({@code at most 900 ref}), or {@code any price}
 * @param dealsOnly whether it takes deals only
 * @param paused whether it is paused
 * @param matches24h the alerts it raised in the last 24 hours
 * @param createdAt when it was created
 */
public record WatchRow(
    String id,
    String what,
    String itemKey,
    String source,
    String intent,
    String quality,
    String price,
    boolean dealsOnly,
    boolean paused,
    long matches24h,
    Instant createdAt) {

  public static WatchRow of(Watch watch, long matches24h) {
    WatchTerms terms = watch.terms();
    return new WatchRow(
        watch.id(),
        label(watch),
        terms.item() == null ? null : terms.item().id(),
        terms.source() == null
            ? "any source"
            : switch (terms.source()) {
              case BPTF -> "backpack.tf";
              case SKINSHARK -> "skinshark";
            },
        terms.intent() == null ? null : terms.intent().id(),
        terms.quality(),
        price(terms),
        terms.dealsOnly(),
        watch.paused(),
        matches24h,
        watch.createdAt());
  }

  /** What a watch looks for, in a few words: for a list of alerts as for this page. */
  public static String label(Watch watch) {
    WatchTerms terms = watch.terms();
    return terms.item() != null ? terms.item().displayName() : "“" + terms.name() + "”";
  }

  private static String price(WatchTerms terms) {
    PriceBound bound = terms.bound();
    if (bound == null) {
      return "any price";
    }
    String amount = Prices.amount(bound.value(), Alert.unitOf(terms.source()));
    return (bound.kind() == PriceBound.Kind.AT_MOST ? "at most " : "at least ") + amount;
  }
}
