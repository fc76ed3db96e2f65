package org.tradewatch.core.listing;

import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.item.Wear;

/**
 * The filters on a listing's item, as traders narrow backpack.tf's classifieds: its unusual effect,
 * killstreak tier, whether it is craftable or australium, and a skin's wear tier. A null filter
 * matches everything.
 *
 * <p>Each is read from the listing's item ({@link ListingState#item()}), as its key reads it: a
 * part upstream left out means no effect, no killstreak, craftable and not australium, and the wear
 * is the one the item's name ends with ({@link Wear#of}). So a listing without an item (upstream
 * named none) is craftable, not australium, without effect, killstreak or wear; and skinshark's
 * skins are craftable, without killstreak.
 *
 * @param effect only items with this unusual effect by name, ignoring case, or null
 * @param killstreakTier only items of this killstreak tier (0 none, 1 Killstreak, 2 Specialized, 3
 *     Professional), or null
 * @param craftable only craftable items (true) or only non-craftable ones (false), or null
 * @param australium only australium items (true) or only others (false), or null
 * @param wear only items of this wear tier, or null
 */
public record ItemFilter(
    String effect, Integer killstreakTier, Boolean craftable, Boolean australium, Wear wear) {

  /** No filter on the item. */
  public static final ItemFilter ANY = new ItemFilter(null, null, null, null, null);

  public ItemFilter {
    // Effect names come from a form or a URL: surrounding spaces are never part of the name.
    effect = effect == null || effect.isBlank() ? null : effect.strip();
    if (killstreakTier != null
        && (killstreakTier < 0 || killstreakTier > ItemKey.MAX_KILLSTREAK_TIER)) {
      throw new IllegalArgumentException(
          "killstreakTier must be 0 to " + ItemKey.MAX_KILLSTREAK_TIER + ", was " + killstreakTier);
    }
  }

  /** Whether no filter is set, so that every item passes. */
  public boolean isAny() {
    return effect == null
        && killstreakTier == null
        && craftable == null
        && australium == null
        && wear == null;
  }

  /** Whether a listing whose item is {@code item} (null for none) passes. */
  public boolean matches(ItemKey item) {
    if (effect != null && (item == null || !effect.equalsIgnoreCase(item.effect()))) {
      return false;
    }
    if (killstreakTier != null && killstreakTier != (item == null ? 0 : item.killstreakTier())) {
      return false;
    }
    if (craftable != null && craftable != (item == null || item.craftable())) {
      return false;
    }
    if (australium != null && australium != (item != null && item.australium())) {
      return false;
    }
    return wear == null || wear == Wear.of(item);
  }
}
