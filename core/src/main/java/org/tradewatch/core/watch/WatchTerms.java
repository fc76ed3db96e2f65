package org.tradewatch.core.watch;

import java.math.BigDecimal;
import java.util.Objects;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Source;

/**
 * What a watch looks for: one item by its key, or every item whose name holds some words; and of
 * those, the listings of a source, an intent and a quality, priced within a bound, and only deals
 * if asked. What is left out (null) is not asked.
 *
 * @param item the item, or null for a watch by name
 * @param name the words an item's name must all hold ({@link NameTokens}), as the trader typed them
 *     (trimmed), or null for a watch of an item
 * @param source the source; for a watch of an item, the item's
 * @param intent buy or sell, or null for both
 * @param quality the quality (or skinshark rarity) name, matched whole ignoring case, or null; an
 *     item's key names its own, so a watch of an item has none
 * @param bound the price bound, in the unit of the source's values, or null for any price
 * @param dealsOnly whether only listings that are deals match (deals are sell listings)
 */
public record WatchTerms(
    ItemKey item,
    String name,
    Source source,
    Intent intent,
    String quality,
    PriceBound bound,
    boolean dealsOnly) {

  /** The longest name text a watch takes. */
  public static final int MAX_NAME_LENGTH = 200;

  /** The most words a name text may hold. */
  public static final int MAX_NAME_WORDS = 8;

  /** The longest item key a watch takes: far beyond a real one, far below what a key can be. */
  public static final int MAX_ITEM_KEY_LENGTH = 1024;

  public static final int MAX_QUALITY_LENGTH = 64;

  /** The largest price bound: the largest listing value the search takes. */
  public static final BigDecimal MAX_PRICE = new BigDecimal("1000000000000");

  /** The most decimals of a price bound: those of a stored listing value. */
  public static final int MAX_PRICE_SCALE = 12;

  public WatchTerms {
    if ((item == null) == (name == null)) {
      throw new IllegalArgumentException("a watch is of an item or of a name, exactly one");
    }
    if (item != null) {
      if (item.id().length() > MAX_ITEM_KEY_LENGTH) {
        throw new IllegalArgumentException(
            "an item key of a watch is at most " + MAX_ITEM_KEY_LENGTH + " characters");
      }
      if (source != item.source()) {
        throw new IllegalArgumentException("a watch of an item has the item's source");
      }
      if (quality != null) {
        throw new IllegalArgumentException("a watch of an item takes its quality from the key");
      }
    } else {
      if (!name.equals(name.trim()) || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
        throw new IllegalArgumentException(
            "a watch's name is trimmed, 1 to " + MAX_NAME_LENGTH + " characters");
      }
      int words = NameTokens.of(name).length;
      if (words == 0 || words > MAX_NAME_WORDS) {
        throw new IllegalArgumentException(
            "a watch's name holds 1 to " + MAX_NAME_WORDS + " words, this one " + words);
      }
    }
    if (quality != null && (quality.isBlank() || quality.length() > MAX_QUALITY_LENGTH)) {
      throw new IllegalArgumentException(
          "a watch's quality is 1 to " + MAX_QUALITY_LENGTH + " characters, not blank");
    }
    if (bound != null) {
      if (source == null) {
        throw new IllegalArgumentException(
            "a price bound needs a source: its unit is the source's");
      }
      if (bound.value().compareTo(MAX_PRICE) > 0
          || Math.max(bound.value().scale(), 0) > MAX_PRICE_SCALE) {
        throw new IllegalArgumentException(
            "a price bound is at most " + MAX_PRICE + " with " + MAX_PRICE_SCALE + " decimals");
      }
    }
    if (dealsOnly && intent == Intent.BUY) {
      throw new IllegalArgumentException("deals are sell listings: a deals-only watch is no buy");
    }
  }

  /** A watch of one item. */
  public static WatchTerms ofItem(ItemKey item) {
    Objects.requireNonNull(item, "item");
    return new WatchTerms(item, null, item.source(), null, null, null, false);
  }

  /** A watch of every item whose name holds the words of {@code name}. */
  public static WatchTerms ofName(String name) {
    Objects.requireNonNull(name, "name");
    return new WatchTerms(null, name, null, null, null, null, false);
  }

  public WatchTerms withSource(Source source) {
    return new WatchTerms(item, name, source, intent, quality, bound, dealsOnly);
  }

  public WatchTerms withIntent(Intent intent) {
    return new WatchTerms(item, name, source, intent, quality, bound, dealsOnly);
  }

  public WatchTerms withQuality(String quality) {
    return new WatchTerms(item, name, source, intent, quality, bound, dealsOnly);
  }

  public WatchTerms withBound(PriceBound bound) {
    return new WatchTerms(item, name, source, intent, quality, bound, dealsOnly);
  }

  public WatchTerms withDealsOnly(boolean dealsOnly) {
    return new WatchTerms(item, name, source, intent, quality, bound, dealsOnly);
  }
}
