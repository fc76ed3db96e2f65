package org.tradewatch.core.market;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.item.Wear;
import org.tradewatch.core.listing.EventDigest;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ItemFilter;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;

/**
 * Every listing's state as columns indexed by slot: a listing gets the next slot when first seen
 * and keeps it for good (deleted listings are kept). Reading a slot back gives a {@link
 * ListingState} equal to the one written, to the nanosecond and the decimal's scale.
 *
 * <p>Source, intent and deletion share one byte, the listing's <em>combination</em> ({@link
 * #combo}), so that a filter on any of them is one table look-up; the same byte's top bit says the
 * appid is missing.
 *
 * <p>What the item filters ask of a listing's item ({@link ItemFilter}) is kept by item id, so that
 * they test primitives and never the item's key: its killstreak tier, craftable, australium and
 * wear share one byte ({@link #traits}), and its unusual effect is a 16-bit code of a dictionary of
 * effects ({@link #effectCode}).
 */
final class ListingTable implements KeyTable.Keys {

  private static final Source[] SOURCES = Source.values();
  private static final Intent[] INTENTS = {null, Intent.BUY, Intent.SELL};

  /** Combinations of source, intent (or none) and deleted-or-not. */
  static final int COMBOS = SOURCES.length * INTENTS.length * 2;

  static final int COMBO_MASK = 0x7F;
  private static final int APPID_MISSING = 0x80;

  /** Each source's place when sources are ordered by their ids, as the key order wants. */
  private static final int[] SOURCE_RANK = new int[SOURCES.length];

  /** The same by combination, so that comparing keys reads one byte of each slot. */
  private static final int[] COMBO_SOURCE_RANK = new int[COMBOS];

  static {
    if (COMBOS > COMBO_MASK + 1) {
      throw new ExceptionInInitializerError("too many sources for a byte of combinations");
    }
    Source[] byId = SOURCES.clone();
    Arrays.sort(byId, Comparator.comparing(Source::id));
    for (int rank = 0; rank < byId.length; rank++) {
      SOURCE_RANK[byId[rank].ordinal()] = rank;
    }
    for (int combo = 0; combo < COMBOS; combo++) {
      COMBO_SOURCE_RANK[combo] = SOURCE_RANK[comboSource(combo).ordinal()];
    }
  }

  static int combo(Source source, Intent intent, boolean deleted) {
    int intentCode = intent == null ? 0 : intent == Intent.BUY ? 1 : 2;
    return (source.ordinal() * INTENTS.length + intentCode) * 2 + (deleted ? 1 : 0);
  }

  static Source comboSource(int combo) {
    return SOURCES[combo / (INTENTS.length * 2)];
  }

  static Intent comboIntent(int combo) {
    return INTENTS[(combo / 2) % INTENTS.length];
  }

  static boolean comboDeleted(int combo) {
    return (combo & 1) != 0;
  }

  /** The traits byte: the killstreak tier in its two low bits, then these flags, then the wear. */
  static final int KILLSTREAK_MASK = 0x03;

  static final int UNCRAFTABLE = 0x04;
  static final int AUSTRALIUM = 0x08;
  static final int WEAR_SHIFT = 4;
  static final int WEAR_MASK = 0x07 << WEAR_SHIFT;

  static {
    // Codes 1 to 7 name a tier, 0 none.
    if (Wear.values().length > WEAR_MASK >>> WEAR_SHIFT) {
      throw new ExceptionInInitializerError("too many wear tiers for three bits");
    }
  }

  /**
   * The effect code of an effect whose dictionary id does not fit in 16 bits: such a listing's
   * effect is read from its item. Never met in practice (TF2 has a few hundred effects), but
   * upstream's text is not ours to trust.
   */
  static final int EFFECT_OVERFLOW = Character.MAX_VALUE;

  /** The traits byte of a listing whose item is {@code item} (see {@link ItemFilter}). */
  static int traits(ItemKey item) {
    if (item == null) {
      return 0;
    }
    int traits = item.killstreakTier() & KILLSTREAK_MASK;
    if (!item.craftable()) {
      traits |= UNCRAFTABLE;
    }
    if (item.australium()) {
      traits |= AUSTRALIUM;
    }
    return traits | wearCode(Wear.of(item)) << WEAR_SHIFT;
  }

  /** A wear tier's code in the traits byte: 0 for none. */
  static int wearCode(Wear wear) {
    return wear == null ? 0 : wear.ordinal() + 1;
  }

  private final ByteColumn flags = new ByteColumn();

  /**
   * Appids by a 16-bit code a slot: a market has a handful (440, 730...). The codes' appids are
   * {@link #appidOfCode}, given in the write section; a code past the 65,534th (never met) keeps
   * its appid in a side map.
   */
  private final CharColumn appid = new CharColumn();

  private int[] appidOfCode = new int[8];
  private final Map<Integer, Integer> appidCodes = new HashMap<>();
  private final Map<Integer, Integer> appidOutliers = new HashMap<>();
  private static final int CODE_OUTLIER = Character.MAX_VALUE;
  private final IntColumn name = new IntColumn();

  /**
   * Quality ids of {@link #qualities} by a 16-bit code a slot: upstream has a dozen qualities; an
   * id past the 65,534th keeps it in a side map.
   */
  private final CharColumn quality = new CharColumn();

  private final Map<Integer, Integer> qualityOutliers = new HashMap<>();
  private final IntColumn idPosition = new IntColumn();
  private final ValueColumn value = new ValueColumn();
  private final InstantColumn updatedAt = new InstantColumn();

  /**
   * A deleted listing's deletion time when it is not its updated time, by slot: a deletion is
   * written when it is applied, so nearly every deleted listing was deleted at its updated time,
   * and a column of its own would cost every listing 8 bytes for what a few need. (Outside the
   * years 1677 to 2262, in the map after.)
   */
  private final IntLongMap deletedApart = new IntLongMap();

  private final Map<Integer, java.time.Instant> deletedOutliers = new HashMap<>();
  private final InstantColumn lastEventAt = new InstantColumn();
  private final LongColumn digestHigh = new LongColumn();
  private final LongColumn digestLow = new LongColumn();
  private final LongColumn seq = new LongColumn();
  private final IntColumn item = new IntColumn();

  /**
   * Each listing's suggested price as an id of {@link #suggestedValues}: upstream suggests one
   * price per item at a time, so the listings share a few thousand values.
   */
  private final IntColumn suggested = new IntColumn();

  private final ValuePool suggestedValues = new ValuePool();

  /**
   * Each item's traits byte and effect code, by item id: what the item filters test is the item's,
   * so a listing reaches it through its item id rather than paying 3 bytes of its own. Written in
   * the write section when a listing of the item is stored.
   */
  private byte[] itemTraits = new byte[64];

  private char[] itemEffects = new char[64];
  private final IdArena ids = new IdArena();
  private final Dictionary names = new Dictionary(true);
  private final Dictionary qualities = new Dictionary(false);
  private final Dictionary effects = new Dictionary(false);

  /**
   * Price units by a byte a slot: a market has a handful ({@code ref}, a few currencies); a unit
   * past the 255th keeps its id in a side map.
   */
  private final Dictionary units = new Dictionary(false);

  private final ByteColumn unit = new ByteColumn();
  private final Map<Integer, Integer> unitOutliers = new HashMap<>();
  private static final int UNIT_OUTLIER = 0xFF;
  private final ItemIndex items;
  private int size;

  /** A table whose listings' items {@code items} interns. */
  ListingTable(ItemIndex items) {
    this.items = items;
  }

  /** Slots in use, 0 to {@code size() - 1}. */
  int size() {
    return size;
  }

  /**
   * A listing's state encoded for the columns: everything that costs look-ups (dictionary ids, the
   * value's encoding, the id's place in the arena) done while planning a batch, so that storing it
   * in the write section only writes primitives.
   */
  static final class Row {
    final ListingState state;
    final byte flags;
    final int nameId;
    final int qualityId;
    final int idPosition;
    final double approx;
    final byte valueCode;
    final int itemId;
    final double suggestedApprox;
    final byte suggestedCode;
    final byte traits;
    final char effectCode;
    final int unitId;

    private Row(
        ListingState state,
        byte flags,
        int nameId,
        int qualityId,
        int idPosition,
        double approx,
        int itemId,
        int effectId,
        int unitId) {
      this.state = state;
      this.unitId = unitId;
      this.flags = flags;
      this.nameId = nameId;
      this.qualityId = qualityId;
      this.idPosition = idPosition;
      this.approx = approx;
      this.valueCode = ValueColumn.code(state.value(), approx);
      this.itemId = itemId;
      BigDecimal suggested = state.suggested();
      this.suggestedApprox = suggested == null ? Double.NaN : suggested.doubleValue();
      this.suggestedCode = ValueColumn.code(suggested, suggestedApprox);
      this.traits = (byte) traits(state.item());
      this.effectCode = (char) Math.min(effectId, EFFECT_OVERFLOW);
    }

    int combo() {
      return flags & COMBO_MASK;
    }
  }

  /**
   * Encodes {@code state} for {@link #store}, interning its name and quality (published with {@link
   * #publish}) and, for a listing not held yet ({@code idPosition} -1), appending its id.
   */
  Row encode(ListingState state, int idPosition) {
    return encode(state, idPosition, ItemIndex.NONE);
  }

  /**
   * As {@link #encode(ListingState, int)} for a held listing whose item is {@code heldItem}: a
   * state of the same item (the usual change) reuses its id without a look-up.
   */
  Row encode(ListingState state, int idPosition, int heldItem) {
    int combo = combo(state.key().source(), state.intent(), state.deleted());
    int nameId = names.intern(state.itemName());
    ItemKey item = state.item();
    int itemId =
        heldItem != ItemIndex.NONE && item != null && item.equals(items.key(heldItem))
            ? heldItem
            : items.intern(item, nameId);
    return new Row(
        state,
        (byte) (combo | (state.appid() == null ? APPID_MISSING : 0)),
        nameId,
        qualities.intern(state.quality()),
        idPosition >= 0 ? idPosition : ids.append(state.key().id()),
        state.value() == null ? Double.NaN : state.value().doubleValue(),
        itemId,
        item == null ? Dictionary.NULL_ID : effects.intern(item.effect()),
        units.intern(state.priceUnit()));
  }

  /** The arena position of a held slot's id, for encoding its next state. */
  int idPosition(int slot) {
    return idPosition.get(slot);
  }

  /** Shows readers the names, qualities, effects and items interned so far (write section). */
  void publish() {
    names.publish();
    qualities.publish();
    effects.publish();
    units.publish();
    items.publish();
  }

  /** Writes a listing not held yet into the next slot, and returns it. */
  int add(Row row) {
    int slot = size;
    int slots = slot + 1;
    flags.ensure(slots);
    appid.ensure(slots);
    name.ensure(slots);
    quality.ensure(slots);
    idPosition.ensure(slots);
    value.ensure(slots);
    updatedAt.ensure(slots);
    lastEventAt.ensure(slots);
    digestHigh.ensure(slots);
    digestLow.ensure(slots);
    seq.ensure(slots);
    item.ensure(slots);
    suggested.ensure(slots);
    unit.ensure(slots);
    size = slots;
    store(slot, row);
    return slot;
  }

  /** Overwrites the slot's state with a row encoded for it. */
  void store(int slot, Row row) {
    ListingState state = row.state;
    flags.set(slot, row.flags);
    setAppid(slot, state.appid() == null ? 0 : state.appid());
    name.set(slot, row.nameId);
    if (quality.get(slot) == CODE_OUTLIER) {
      qualityOutliers.remove(slot);
    }
    if (row.qualityId >= CODE_OUTLIER) {
      quality.set(slot, (char) CODE_OUTLIER);
      qualityOutliers.put(slot, row.qualityId);
    } else {
      quality.set(slot, (char) row.qualityId);
    }
    idPosition.set(slot, row.idPosition);
    value.set(slot, state.value(), row.approx, row.valueCode);
    updatedAt.set(slot, state.updatedAt());
    setDeletedAt(slot, state);
    lastEventAt.set(slot, state.lastEventAt());
    digestHigh.set(slot, state.lastEvent().high());
    digestLow.set(slot, state.lastEvent().low());
    seq.set(slot, state.seq());
    item.set(slot, row.itemId);
    int held = suggested.get(slot);
    suggested.set(
        slot, suggestedValues.acquire(state.suggested(), row.suggestedApprox, row.suggestedCode));
    suggestedValues.release(held);
    int itemId = row.itemId;
    if (itemId >= itemTraits.length) {
      int length = Math.max(itemId + 1, itemTraits.length + (itemTraits.length >> 1));
      itemTraits = Arrays.copyOf(itemTraits, length);
      itemEffects = Arrays.copyOf(itemEffects, length);
    }
    itemTraits[itemId] = row.traits;
    itemEffects[itemId] = row.effectCode;
    if ((unit.get(slot) & 0xFF) == UNIT_OUTLIER) {
      unitOutliers.remove(slot);
    }
    if (row.unitId >= UNIT_OUTLIER) {
      unit.set(slot, (byte) UNIT_OUTLIER);
      unitOutliers.put(slot, row.unitId);
    } else {
      unit.set(slot, (byte) row.unitId);
    }
  }

  ListingState read(int slot) {
    int combo = combo(slot);
    int flag = flags.get(slot);
    return new ListingState(
        key(slot),
        (flag & APPID_MISSING) != 0 ? null : appid(slot),
        names.get(name.get(slot)),
        qualities.get(qualityId(slot)),
        comboIntent(combo),
        value.get(slot),
        updatedAt.get(slot),
        comboDeleted(combo) ? deletedAt(slot) : null,
        new EventDigest(digestHigh.get(slot), digestLow.get(slot)),
        lastEventAt.get(slot),
        seq.get(slot),
        items.key(item.get(slot)),
        suggestedValues.get(suggested.get(slot)),
        units.get(unitId(slot)));
  }

  private void setAppid(int slot, int value) {
    if (appid.get(slot) == CODE_OUTLIER) {
      appidOutliers.remove(slot);
    }
    // The appid of the slot before is usually this one's: no boxed look-up then.
    if (value == lastAppid && lastAppidCode != CODE_OUTLIER) {
      appid.set(slot, (char) lastAppidCode);
      return;
    }
    Integer code = appidCodes.get(value);
    if (code == null) {
      code = appidCodes.size();
      if (code < CODE_OUTLIER) {
        if (code == appidOfCode.length) {
          appidOfCode = Arrays.copyOf(appidOfCode, code * 2);
        }
        appidOfCode[code] = value;
        appidCodes.put(value, code);
      } else {
        code = CODE_OUTLIER;
      }
    }
    if (code == CODE_OUTLIER) {
      appidOutliers.put(slot, value);
    }
    appid.set(slot, (char) (int) code);
    lastAppid = value;
    lastAppidCode = code;
  }

  private int lastAppid = -1;
  private int lastAppidCode = CODE_OUTLIER;

  private void setDeletedAt(int slot, ListingState state) {
    if (deletedApart.size() > 0) {
      deletedApart.remove(slot);
    }
    if (!deletedOutliers.isEmpty()) {
      deletedOutliers.remove(slot);
    }
    java.time.Instant deletedAt = state.deletedAt();
    if (deletedAt != null && !deletedAt.equals(state.updatedAt())) {
      if (InstantColumn.fits(deletedAt)) {
        deletedApart.put(slot, InstantColumn.toNanos(deletedAt));
      } else {
        deletedOutliers.put(slot, deletedAt);
      }
    }
  }

  /** A deleted slot's deletion time: its updated time unless held apart. */
  private java.time.Instant deletedAt(int slot) {
    if (deletedApart.size() > 0 && deletedApart.containsKey(slot)) {
      return InstantColumn.ofNanos(deletedApart.get(slot, 0));
    }
    java.time.Instant outlier = deletedOutliers.isEmpty() ? null : deletedOutliers.get(slot);
    return outlier != null ? outlier : updatedAt.get(slot);
  }

  /** The slot's price unit as an id of the table's units ({@link Dictionary#NULL_ID} for none). */
  int unitId(int slot) {
    int id = unit.get(slot) & 0xFF;
    return id == UNIT_OUTLIER ? unitOutliers.get(slot) : id;
  }

  /** A price unit by its id. */
  String unitName(int id) {
    return units.get(id);
  }

  /** The id of a price unit interned so far, or -1 (the writer only). */
  int unitIdOf(String priceUnit) {
    return priceUnit == null ? Dictionary.NULL_ID : units.find(priceUnit);
  }

  /** The slot's item's id in the {@link ItemIndex}, {@link ItemIndex#NONE} for none. */
  int itemId(int slot) {
    return item.get(slot);
  }

  ListingKey key(int slot) {
    return new ListingKey(comboSource(combo(slot)), ids.get(idPosition.get(slot)));
  }

  int combo(int slot) {
    return flags.get(slot) & COMBO_MASK;
  }

  /** The combination byte with the missing-appid bit (see {@link #combo(int)}). */
  int flags(int slot) {
    return flags.get(slot) & 0xFF;
  }

  /** The flags of slots {@code c << Chunks.SHIFT} on (see {@link #flags(int)}), for scans. */
  byte[] flagsChunk(int c) {
    return flags.chunk(c);
  }

  /** The item ids of slots {@code c << Chunks.SHIFT} on, for scans. */
  int[] itemChunk(int c) {
    return item.chunk(c);
  }

  /** Item ids below this have their traits and effect here (see {@link #itemTraits(int)}). */
  int itemBound() {
    return itemTraits.length;
  }

  /** An item's traits byte, by item id (0 for {@link ItemIndex#NONE}). */
  int itemTraits(int itemId) {
    return itemTraits[itemId] & 0xFF;
  }

  /** An item's effect code, by item id (see {@link #effectCode(int)}). */
  int itemEffectCode(int itemId) {
    return itemEffects[itemId];
  }

  /** An item's effect read from its key: the slow way, for {@link #EFFECT_OVERFLOW}. */
  String itemEffect(int itemId) {
    ItemKey key = items.key(itemId);
    return key == null ? null : key.effect();
  }

  /** The name ids of slots {@code c << Chunks.SHIFT} on, for scans. */
  int[] nameChunk(int c) {
    return name.chunk(c);
  }

  static boolean appidMissing(int flags) {
    return (flags & APPID_MISSING) != 0;
  }

  int appid(int slot) {
    int code = appid.get(slot);
    return code == CODE_OUTLIER ? appidOutliers.get(slot) : appidOfCode[code];
  }

  int nameId(int slot) {
    return name.get(slot);
  }

  int qualityId(int slot) {
    int code = quality.get(slot);
    return code == CODE_OUTLIER ? qualityOutliers.get(slot) : code;
  }

  long seq(int slot) {
    return seq.get(slot);
  }

  /** The slot's item's traits byte (see {@link #traits(ItemKey)}). */
  int traits(int slot) {
    return itemTraits[item.get(slot)] & 0xFF;
  }

  /**
   * The slot's item's effect: its id in {@link #effects()}, {@link Dictionary#NULL_ID} for none, or
   * {@link #EFFECT_OVERFLOW} when that does not fit (then see {@link #effect(int)}).
   */
  int effectCode(int slot) {
    return itemEffects[item.get(slot)];
  }

  /** The slot's item's effect read from its key: the slow way, for {@link #EFFECT_OVERFLOW}. */
  String effect(int slot) {
    ItemKey key = items.key(item.get(slot));
    return key == null ? null : key.effect();
  }

  ValueColumn values() {
    return value;
  }

  InstantColumn updatedAt() {
    return updatedAt;
  }

  InstantColumn lastEventAt() {
    return lastEventAt;
  }

  Dictionary names() {
    return names;
  }

  Dictionary qualities() {
    return qualities;
  }

  Dictionary effects() {
    return effects;
  }

  /** The slot's source's place in the key order (a primary for {@link SlotOrder}). */
  int sourceRank(int slot) {
    return COMBO_SOURCE_RANK[combo(slot)];
  }

  /** Source, then id: the key order, and the tie-break of every other order. */
  int compareKeys(int a, int b) {
    int bySource = sourceRank(a) - sourceRank(b);
    return bySource != 0 ? bySource : ids.compare(idPosition.get(a), idPosition.get(b));
  }

  /** Two keys in the key order: source (by its id), then id as Java strings compare. */
  static int compareKeys(ListingKey a, ListingKey b) {
    int bySource = SOURCE_RANK[a.source().ordinal()] - SOURCE_RANK[b.source().ordinal()];
    return bySource != 0 ? bySource : a.id().compareTo(b.id());
  }

  static int sourceRank(Source source) {
    return SOURCE_RANK[source.ordinal()];
  }

  /** A slot's key against {@code key}, in the key order. */
  int compareKeyTo(int slot, ListingKey key) {
    int bySource = sourceRank(slot) - SOURCE_RANK[key.source().ordinal()];
    return bySource != 0 ? bySource : ids.compare(idPosition.get(slot), key.id());
  }

  /** Value ascending, missing values last, then key. */
  int compareByValue(int a, int b) {
    int byValue = value.compare(a, b);
    return byValue != 0 ? byValue : compareKeys(a, b);
  }

  /** Updated time ascending, then key. */
  int compareByUpdated(int a, int b) {
    int byTime = updatedAt.compare(a, b);
    return byTime != 0 ? byTime : compareKeys(a, b);
  }

  @Override
  public int hash(int slot) {
    return KeyTable.hash(comboSource(combo(slot)).ordinal(), ids.hash(idPosition.get(slot)));
  }

  @Override
  public boolean keyEquals(int slot, ListingKey key) {
    return comboSource(combo(slot)) == key.source() && ids.equalTo(idPosition.get(slot), key.id());
  }

  long bytes() {
    long bytes = 0;
    for (long part : bytesByPart().values()) {
      bytes += part;
    }
    return bytes;
  }

  /** {@link #bytes()} by column and dictionary, to tell where a listing's bytes go. */
  java.util.Map<String, Long> bytesByPart() {
    java.util.Map<String, Long> parts = new java.util.LinkedHashMap<>();
    parts.put("flags", flags.bytes());
    parts.put("appid", appid.bytes() + appidOutliers.size() * 64L);
    parts.put("name", name.bytes());
    parts.put("quality", quality.bytes() + qualityOutliers.size() * 64L);
    parts.put("idPosition", idPosition.bytes());
    parts.put("value", value.bytes());
    parts.put("updatedAt", updatedAt.bytes());
    parts.put("deletedAt", deletedApart.bytes() + deletedOutliers.size() * 100L);
    parts.put("lastEventAt", lastEventAt.bytes());
    parts.put("digest", digestHigh.bytes() + digestLow.bytes());
    parts.put("seq", seq.bytes());
    parts.put("item", item.bytes());
    parts.put("suggested", suggested.bytes() + suggestedValues.bytes());
    parts.put(
        "itemTraits",
        Chunks.arrayBytes(itemTraits.length, 1) + Chunks.arrayBytes(itemEffects.length, 2));
    parts.put("unit", unit.bytes() + unitOutliers.size() * 64L + units.bytes());
    parts.put("ids", ids.bytes());
    parts.put("dictionaries", names.bytes() + qualities.bytes() + effects.bytes());
    return parts;
  }
}
