package org.tradewatch.core.market;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ItemFilter;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.Source;

/**
 * A query's filters compiled against the columns: the allowed combinations of source, intent and
 * deletion as a table, a text, a quality or an effect as a set of dictionary ids, the item's
 * killstreak, craftable, australium and wear as a mask and a value of its traits byte, and the
 * value range with its doubles. {@link #test} is {@link ListingQuery#matches} on a slot.
 */
final class Filter {

  private final ListingTable table;
  private final ValueColumn values;
  private final boolean[] combos = new boolean[ListingTable.COMBOS];
  private final long[] names;
  private final int[] nameIds;
  private final long[] qualities;
  private final int[] qualityIds;
  private final boolean byAppid;
  private final int appid;
  private final ValueColumn.Bound min;
  private final ValueColumn.Bound max;
  private final int traitMask;
  private final int traitWanted;
  private final long[] effects;
  private final String overflowEffect;
  private final boolean byItem;

  /** The item ids whose items pass the item filters, as bits: built once a query, by item. */
  private final long[] itemsPassing;

  private final boolean nothing;

  Filter(ListingQuery query, ListingTable table, NameMatcher nameMatcher) {
    this.table = table;
    this.values = table.values();
    for (int combo = 0; combo < ListingTable.COMBOS; combo++) {
      Source source = ListingTable.comboSource(combo);
      Intent intent = ListingTable.comboIntent(combo);
      combos[combo] =
          (query.source() == null || query.source() == source)
              && (query.intent() == null || query.intent() == intent)
              && (query.includeDeleted() || !ListingTable.comboDeleted(combo));
    }
    if (query.text() != null) {
      NameMatcher.Match match = nameMatcher.match(query.text(), table.names());
      names = match.bits();
      nameIds = match.ids();
    } else {
      names = null;
      nameIds = null;
    }
    if (query.quality() != null) {
      Dictionary dictionary = table.qualities();
      qualities = new long[(dictionary.size() + 63) >>> 6];
      int[] ids = new int[dictionary.size()];
      int count = 0;
      for (int id = 1; id < dictionary.size(); id++) {
        if (query.quality().equalsIgnoreCase(dictionary.get(id))) {
          qualities[id >>> 6] |= 1L << id;
          ids[count++] = id;
        }
      }
      qualityIds = Arrays.copyOf(ids, count);
    } else {
      qualities = null;
      qualityIds = null;
    }
    byAppid = query.appid() != null;
    appid = byAppid ? query.appid() : 0;
    min = ValueColumn.Bound.of(query.minValue());
    max = ValueColumn.Bound.of(query.maxValue());
    ItemFilter item = query.itemFilter();
    int mask = 0;
    int wanted = 0;
    if (item.killstreakTier() != null) {
      mask |= ListingTable.KILLSTREAK_MASK;
      wanted |= item.killstreakTier();
    }
    if (item.craftable() != null) {
      mask |= ListingTable.UNCRAFTABLE;
      wanted |= item.craftable() ? 0 : ListingTable.UNCRAFTABLE;
    }
    if (item.australium() != null) {
      mask |= ListingTable.AUSTRALIUM;
      wanted |= item.australium() ? ListingTable.AUSTRALIUM : 0;
    }
    if (item.wear() != null) {
      mask |= ListingTable.WEAR_MASK;
      wanted |= ListingTable.wearCode(item.wear()) << ListingTable.WEAR_SHIFT;
    }
    traitMask = mask;
    traitWanted = wanted;
    boolean noEffect = false;
    if (item.effect() != null) {
      Dictionary dictionary = table.effects();
      int coded = Math.min(dictionary.size(), ListingTable.EFFECT_OVERFLOW);
      effects = new long[(coded + 63) >>> 6];
      boolean found = false;
      boolean overflow = false;
      for (int id = 1; id < dictionary.size(); id++) {
        if (item.effect().equalsIgnoreCase(dictionary.get(id))) {
          found = true;
          if (id < ListingTable.EFFECT_OVERFLOW) {
            effects[id >>> 6] |= 1L << id;
          } else {
            overflow = true;
          }
        }
      }
      overflowEffect = overflow ? item.effect() : null;
      noEffect = !found;
    } else {
      effects = null;
      overflowEffect = null;
    }
    byItem = !item.isAny();
    if (byItem) {
      int bound = table.itemBound();
      itemsPassing = new long[(bound + 63) >>> 6];
      for (int id = 0; id < bound; id++) {
        if ((table.itemTraits(id) & traitMask) == traitWanted
            && (effects == null || testEffect(table.itemEffectCode(id), id))) {
          itemsPassing[id >>> 6] |= 1L << id;
        }
      }
    } else {
      itemsPassing = null;
    }
    nothing =
        (nameIds != null && nameIds.length == 0)
            || (qualityIds != null && qualityIds.length == 0)
            || noEffect;
  }

  /** Whether no listing can match (no name has the text, no quality or effect is the one asked). */
  boolean matchesNothing() {
    return nothing;
  }

  /** Whether every listing matches, so that a page is found by position alone. */
  boolean matchesAll() {
    for (boolean allowed : combos) {
      if (!allowed) {
        return false;
      }
    }
    return names == null && qualities == null && !byAppid && !ranged() && !byItem;
  }

  boolean ranged() {
    return min != null || max != null;
  }

  boolean test(int slot) {
    return testFlagsAndName(table.flags(slot), slot) && testRest(slot) && inRange(slot);
  }

  /** {@link #test} of a slot known to be within the value range (from the value order's slice). */
  boolean testInRange(int slot) {
    return testFlagsAndName(table.flags(slot), slot) && testRest(slot);
  }

  private boolean testFlagsAndName(int flags, int slot) {
    if (!combos[flags & ListingTable.COMBO_MASK]) {
      return false;
    }
    if (byAppid && (ListingTable.appidMissing(flags) || table.appid(slot) != appid)) {
      return false;
    }
    if (names != null) {
      int id = table.nameId(slot);
      return (names[id >>> 6] & (1L << id)) != 0;
    }
    return true;
  }

  private boolean testRest(int slot) {
    return testQuality(slot) && (!byItem || testItem(slot));
  }

  private boolean testQuality(int slot) {
    if (qualities != null) {
      int id = table.qualityId(slot);
      return (qualities[id >>> 6] & (1L << id)) != 0;
    }
    return true;
  }

  /** The filters on the slot's item, on its traits byte and effect code. */
  private boolean testItem(int slot) {
    int id = table.itemId(slot);
    return (itemsPassing[id >>> 6] & (1L << id)) != 0;
  }

  /** An item's effect code against the effect filter; {@code itemId} for the overflow code. */
  private boolean testEffect(int code, int itemId) {
    if (code == ListingTable.EFFECT_OVERFLOW) {
      return overflowEffect != null && overflowEffect.equalsIgnoreCase(table.itemEffect(itemId));
    }
    return (effects[code >>> 6] & (1L << code)) != 0;
  }

  private boolean inRange(int slot) {
    return !ranged() || (atLeastMin(slot) && !aboveMax(slot));
  }

  /**
   * Passes every matching slot, in slot order, to {@code matches}: {@link #test} over all slots,
   * chunk by chunk, with the combination, name and item tests on the chunks' arrays themselves.
   */
  void scan(IntConsumer matches) {
    int size = table.size();
    boolean rest = byAppid || qualities != null || ranged();
    for (int c = 0; (c << Chunks.SHIFT) < size; c++) {
      int base = c << Chunks.SHIFT;
      int count = Math.min(Chunks.SIZE, size - base);
      byte[] flags = table.flagsChunk(c);
      int[] nameIds = names == null ? null : table.nameChunk(c);
      int[] itemIds = byItem ? table.itemChunk(c) : null;
      for (int i = 0; i < count; i++) {
        int flag = flags[i];
        if (!combos[flag & ListingTable.COMBO_MASK]) {
          continue;
        }
        if (nameIds != null) {
          int id = nameIds[i];
          if ((names[id >>> 6] & (1L << id)) == 0) {
            continue;
          }
        }
        if (itemIds != null) {
          int id = itemIds[i];
          if ((itemsPassing[id >>> 6] & (1L << id)) == 0) {
            continue;
          }
        }
        if (rest && !testOthers(flag, base + i)) {
          continue;
        }
        matches.accept(base + i);
      }
    }
  }

  /** What {@link #scan} leaves to the slot's columns: the appid, quality and value range. */
  private boolean testOthers(int flags, int slot) {
    if (byAppid && (ListingTable.appidMissing(flags) || table.appid(slot) != appid)) {
      return false;
    }
    return testQuality(slot) && inRange(slot);
  }

  /** Whether the slot's value is present and not below the minimum (if any). */
  boolean atLeastMin(int slot) {
    return !values.isNull(slot) && (min == null || values.compareTo(slot, min) >= 0);
  }

  /** Whether the slot's value is missing or above the maximum (if any). */
  boolean aboveMax(int slot) {
    return values.isNull(slot) || (max != null && values.compareTo(slot, max) > 0);
  }

  /**
   * Whether {@link Counts} knows the total: no appid, value or item filter, not a text and a
   * quality.
   */
  boolean countable() {
    return !byAppid && !ranged() && !byItem && (names == null || qualities == null);
  }

  long count(Counts counts) {
    if (names != null) {
      return counts.byNames(combos, nameIds);
    }
    if (qualities != null) {
      return counts.byQualities(combos, qualityIds);
    }
    return counts.all(combos);
  }
}
