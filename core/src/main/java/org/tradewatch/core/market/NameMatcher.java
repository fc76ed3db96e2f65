package org.tradewatch.core.market;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which item names contain a search text, ignoring case: the text is matched once against each
 * distinct name, not once per listing. Results are cached per text and extended when new names
 * arrive, since the same few texts come back again and again (a market has tens of thousands of
 * names, and matching all of them costs about a millisecond).
 */
final class NameMatcher {

  /**
   * The names matching one text among the first {@code covered} ids.
   *
   * @param bits a bit per name id, set when the name matches
   * @param ids the matching ids, ascending
   * @param covered how many ids were tested (the dictionary's size then)
   */
  record Match(long[] bits, int[] ids, int covered) {}

  private static final int MAX_CACHED = 256;

  private final Map<String, Match> cache = new ConcurrentHashMap<>();

  /** The names of {@code names} that contain {@code text} ignoring case (Locale.ROOT). */
  Match match(String text, Dictionary names) {
    String lower = text.toLowerCase(Locale.ROOT);
    int size = names.size();
    Match known = cache.get(lower);
    if (known != null && known.covered() == size) {
      return known;
    }
    int from = known == null ? 1 : known.covered();
    long[] bits = Arrays.copyOf(known == null ? new long[0] : known.bits(), (size + 63) >>> 6);
    int[] ids = known == null ? new int[16] : Arrays.copyOf(known.ids(), known.ids().length + 16);
    int count = known == null ? 0 : known.ids().length;
    for (int id = from; id < size; id++) {
      if (names.lowerCase(id).contains(lower)) {
        bits[id >>> 6] |= 1L << id;
        if (count == ids.length) {
          ids = Arrays.copyOf(ids, count * 2);
        }
        ids[count++] = id;
      }
    }
    Match match = new Match(bits, Arrays.copyOf(ids, count), size);
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(lower, match);
    return match;
  }
}
