package org.tradewatch.core.watch;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.tradewatch.core.deal.DealChange;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.market.MarketChange;

/**
 * Every active watch, indexed so that a listing change finds the watches it may match without
 * looking at the others, and what each watch was last told of each listing.
 *
 * <p><b>The index.</b> A watch of an item is found by the item's key; a watch by name by one of its
 * words, the longest (a long word is likely a rare one). A change looks up its listing's item once
 * and each word of its item name once, and examines only the watches found: a change that no watch
 * names costs those look-ups and nothing per watch, however many watches there are.
 *
 * <p><b>When a listing alerts.</b> Only a listing that is new (or relisted, or now of another
 * item), or whose price or intent changed, is matched. A listing alerts a watch the first time it
 * matches it ({@link Alert.Reason#MATCHED}); while it stays within the watch's price bound it does
 * not alert again. If its price moves out of the bound, and later back within it, it alerts again
 * ({@link Alert.Reason#CROSSED}). A change that fails the watch's other terms (the intent, the
 * quality, a deal) leaves what the watch knew of the listing as it was. A deleted listing is
 * forgotten, so a listing relisted later alerts as a new one. A paused watch matches nothing and
 * keeps what it knew; a watch whose terms change starts afresh.
 *
 * <p><b>What it keeps.</b> Per listing that alerted some watch, one small array holding an int per
 * such watch: the watch's serial and whether the listing was last within its bound. Listings that
 * alerted nothing take nothing; a deleted listing's entry goes with it.
 *
 * <p>Thread-safe: every method holds the book's lock, and a batch of changes is matched under it at
 * once (matching is a few look-ups per change).
 */
public final class WatchBook {

  /** Names whose words are kept, so the words of a name repeated by many events are split once. */
  private static final int MAX_CACHED_NAMES = 1 << 16;

  private static final String[] NO_WORDS = new String[0];

  private final DealTest deals;
  private final Supplier<String> alertIds;

  private final Map<String, Entry> byId = new HashMap<>();
  private final Map<ItemKey, List<Entry>> byItem = new HashMap<>();
  private final Map<String, List<Entry>> byWord = new HashMap<>();
  private final Map<ListingKey, int[]> states = new HashMap<>();
  private final Map<String, String[]> wordsByName = new HashMap<>();
  private final BitSet liveSerials = new BitSet();
  private int nextSerial = 1;
  private long examined;

  /** One watch as the book holds it. */
  private static final class Entry {
    Watch watch;
    final int serial;

    /** The words of a watch by name; null for a watch of an item. */
    final String[] words;

    /** Where the watch is indexed: its item, or its longest word. */
    final Object indexKey;

    Entry(Watch watch, int serial) {
      this.watch = watch;
      this.serial = serial;
      WatchTerms terms = watch.terms();
      if (terms.item() != null) {
        words = null;
        indexKey = terms.item();
      } else {
        words = NameTokens.of(terms.name());
        String longest = words[0];
        for (String word : words) {
          if (word.length() > longest.length()) {
            longest = word;
          }
        }
        indexKey = longest;
      }
    }
  }

  /** A book whose deals-only watches take deals as {@code deals} tells them. */
  public WatchBook(DealTest deals) {
    this(deals, Ids::random);
  }

  /**
   * @param deals what a deals-only watch takes for a deal
   * @param alertIds the ids of new alerts
   */
  public WatchBook(DealTest deals, Supplier<String> alertIds) {
    this.deals = Objects.requireNonNull(deals, "deals");
    this.alertIds = Objects.requireNonNull(alertIds, "alertIds");
  }

  /**
   * Adds a watch, or replaces the one with its id. A replacement with the same terms (paused or
   * resumed, say) keeps what the watch knew of each listing; one with other terms starts afresh.
   */
  public synchronized void put(Watch watch) {
    Objects.requireNonNull(watch, "watch");
    Entry held = byId.get(watch.id());
    if (held != null
        && held.watch.terms().equals(watch.terms())
        && held.watch.owner().equals(watch.owner())) {
      held.watch = watch;
      return;
    }
    if (held != null) {
      unindex(held);
    }
    Entry entry = new Entry(watch, nextSerial++);
    byId.put(watch.id(), entry);
    liveSerials.set(entry.serial);
    if (entry.indexKey instanceof ItemKey item) {
      byItem.computeIfAbsent(item, key -> new ArrayList<>(2)).add(entry);
    } else {
      byWord.computeIfAbsent((String) entry.indexKey, key -> new ArrayList<>(2)).add(entry);
    }
  }

  /** Removes the watch with this id; nothing happens when there is none. */
  public synchronized void remove(String watchId) {
    Entry held = byId.get(watchId);
    if (held != null) {
      unindex(held);
    }
  }

  /**
   * Makes the book hold exactly {@code watches}, as {@link #put} and {@link #remove} would one by
   * one: watches whose terms did not change keep what they knew.
   */
  public synchronized void replaceAll(Collection<Watch> watches) {
    Set<String> ids = new HashSet<>(watches.size() * 2);
    for (Watch watch : watches) {
      ids.add(watch.id());
    }
    for (Entry entry : List.copyOf(byId.values())) {
      if (!ids.contains(entry.watch.id())) {
        unindex(entry);
      }
    }
    for (Watch watch : watches) {
      put(watch);
    }
  }

  private void unindex(Entry entry) {
    byId.remove(entry.watch.id());
    liveSerials.clear(entry.serial);
    Map<?, List<Entry>> index = entry.indexKey instanceof ItemKey ? byItem : byWord;
    List<Entry> entries = index.get(entry.indexKey);
    if (entries != null) {
      entries.remove(entry);
      if (entries.isEmpty()) {
        index.remove(entry.indexKey);
      }
    }
  }

  /**
   * Matches changes, in the order they were applied, against every active watch.
   *
   * @return the alerts they raised, in order; empty when none
   */
  public synchronized List<Alert> match(List<MarketChange> changes) {
    List<Alert> alerts = new ArrayList<>(0);
    for (MarketChange change : changes) {
      ListingState after = change.after();
      ListingState before = change.before();
      if (after.deleted()) {
        states.remove(after.key());
        continue;
      }
      boolean fresh =
          before == null
              || before.deleted()
              || !Objects.equals(before.item(), after.item())
              || !Objects.equals(before.itemName(), after.itemName());
      if (fresh) {
        states.remove(after.key());
      } else if (before.intent() == after.intent() && sameValue(before.value(), after.value())) {
        continue;
      }
      if (byId.isEmpty()) {
        continue;
      }
      String[] words = byWord.isEmpty() ? NO_WORDS : wordsOf(after.itemName());
      boolean deal = opensOrKeepsDeal(change);
      if (after.item() != null) {
        List<Entry> ofItem = byItem.get(after.item());
        if (ofItem != null) {
          check(ofItem, after, words, deal, alerts);
        }
      }
      for (String word : words) {
        List<Entry> ofWord = byWord.get(word);
        if (ofWord != null) {
          check(ofWord, after, words, deal, alerts);
        }
      }
    }
    return alerts;
  }

  /**
   * Whether the market model says the change leaves its own listing an open deal (below its item's
   * best buy, say), which a single listing's fields cannot tell.
   */
  private static boolean opensOrKeepsDeal(MarketChange change) {
    for (DealChange deal : change.deals()) {
      if (deal.after() != null && deal.listing().equals(change.after().key())) {
        return true;
      }
    }
    return false;
  }

  private void check(
      List<Entry> entries, ListingState state, String[] words, boolean deal, List<Alert> alerts) {
    for (Entry entry : entries) {
      examined++;
      Watch watch = entry.watch;
      if (watch.paused() || !admits(entry, state, words, deal)) {
        continue;
      }
      PriceBound bound = watch.terms().bound();
      boolean within = bound == null || bound.admits(state.value());
      int[] held = states.get(state.key());
      int at = indexOf(held, entry.serial);
      boolean wasWithin = at >= 0 && (held[at] & 1) == 1;
      if (within && !wasWithin) {
        alerts.add(
            Alert.of(
                alertIds.get(),
                watch,
                state,
                at < 0 ? Alert.Reason.MATCHED : Alert.Reason.CROSSED));
        if (at >= 0) {
          held[at] = entry.serial << 1 | 1;
        } else {
          states.put(state.key(), with(held, entry.serial << 1 | 1));
        }
      } else if (!within && wasWithin) {
        held[at] = entry.serial << 1;
      }
    }
  }

  /**
   * Whether the listing meets the watch's terms, its price bound aside; {@code deal} is the market
   * model's word that it is a deal.
   */
  private boolean admits(Entry entry, ListingState state, String[] words, boolean deal) {
    WatchTerms terms = entry.watch.terms();
    return (terms.source() == null || terms.source() == state.key().source())
        && (terms.intent() == null || terms.intent() == state.intent())
        && (terms.quality() == null || terms.quality().equalsIgnoreCase(state.quality()))
        && (terms.item() == null || terms.item().equals(state.item()))
        && (entry.words == null || NameTokens.containsAll(words, entry.words))
        && (!terms.dealsOnly() || deal || deals.isDeal(state));
  }

  private static int indexOf(int[] held, int serial) {
    if (held != null) {
      for (int i = 0; i < held.length; i++) {
        if (held[i] >>> 1 == serial) {
          return i;
        }
      }
    }
    return -1;
  }

  /** {@code held} without the states of removed watches, and with {@code state}. */
  private int[] with(int[] held, int state) {
    if (held == null) {
      return new int[] {state};
    }
    int[] next = new int[held.length + 1];
    int size = 0;
    for (int entry : held) {
      if (liveSerials.get(entry >>> 1)) {
        next[size++] = entry;
      }
    }
    next[size++] = state;
    return size == next.length ? next : Arrays.copyOf(next, size);
  }

  private String[] wordsOf(String name) {
    if (name == null) {
      return NO_WORDS;
    }
    String[] words = wordsByName.get(name);
    if (words == null) {
      if (wordsByName.size() >= MAX_CACHED_NAMES) {
        wordsByName.clear();
      }
      words = NameTokens.of(name);
      wordsByName.put(name, words);
    }
    return words;
  }

  private static boolean sameValue(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? a == b : a.compareTo(b) == 0;
  }

  /** How many watches the book holds, paused ones included. */
  public synchronized int size() {
    return byId.size();
  }

  /** Whether the book holds the watch with this id. */
  public synchronized boolean holds(String watchId) {
    return byId.containsKey(watchId);
  }

  /** How many times a change examined a watch since the book was made: the work matching did. */
  public synchronized long examined() {
    return examined;
  }

  /** How many listings the book keeps a state for (listings that alerted a watch). */
  public synchronized int trackedListings() {
    return states.size();
  }
}
