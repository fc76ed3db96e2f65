package org.tradewatch.core.item;

/**
 * A skin's wear tier, as CS2 (and TF2's war paints) name it: what skinshark's {@code wear} and
 * backpack.tf's {@code item.wearTier.name} say, and what a skin's market name ends with in
 * parentheses ({@code AK-47 | Redline (Field-Tested)}).
 */
public enum Wear {
  FACTORY_NEW("Factory New", "FN"),
  MINIMAL_WEAR("Minimal Wear", "MW"),
  FIELD_TESTED("Field-Tested", "FT"),
  WELL_WORN("Well-Worn", "WW"),
  BATTLE_SCARRED("Battle-Scarred", "BS");

  private static final Wear[] TIERS = values();

  private final String id;
  private final String shortName;

  Wear(String id, String shortName) {
    this.id = id;
    this.shortName = shortName;
  }

  /** The tier's name as upstream writes it, e.g. {@code Field-Tested}. */
  public String id() {
    return id;
  }

  /** The two-letter abbreviation traders and backpack.tf use, e.g. {@code FT}. */
  public String shortName() {
    return shortName;
  }

  /**
   * The wear tier of an item: the one its name ends with in parentheses. Every skinshark item's
   * name carries it ({@link ItemKey#of} adds it from {@code wear} when upstream's name leaves it
   * out), and backpack.tf names skins and war paints the same way. Null for an item without one, or
   * none.
   */
  public static Wear of(ItemKey item) {
    return item == null ? null : ofName(item.name());
  }

  /** The tier a name ends with in parentheses ({@code ... (Minimal Wear)}), or null. */
  public static Wear ofName(String name) {
    int end = name == null ? 0 : name.length() - 1;
    // Most names are no skins: one character tells them apart without a search.
    if (end < 2 || name.charAt(end) != ')') {
      return null;
    }
    int open = name.lastIndexOf('(', end);
    if (open < 0) {
      return null;
    }
    int length = end - open - 1;
    for (Wear wear : TIERS) {
      if (wear.id.length() == length && name.regionMatches(true, open + 1, wear.id, 0, length)) {
        return wear;
      }
    }
    return null;
  }

  /**
   * Parses a tier as a client writes it: its name ({@code Field-Tested}) or its abbreviation
   * ({@code FT}), ignoring case and surrounding spaces.
   *
   * @throws IllegalArgumentException naming the allowed values otherwise
   */
  public static Wear fromId(String text) {
    if (text != null) {
      String wanted = text.strip();
      for (Wear wear : TIERS) {
        if (wear.id.equalsIgnoreCase(wanted) || wear.shortName.equalsIgnoreCase(wanted)) {
          return wear;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown wear '"
            + text
            + "': expected Factory New, Minimal Wear, Field-Tested, Well-Worn, Battle-Scarred"
            + " or FN, MW, FT, WW, BS");
  }

  @Override
  public String toString() {
    return id;
  }
}
