package org.tradewatch.core.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tradewatch.core.item.HourlyPrice;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.PriceUnit;

/**
 * Each item's prices per hour for the last {@value #HOURS} hours, from the listing states applied:
 * the highest buy and lowest sell price of the hour's events and the median of its sell prices.
 * Built from states alone (no order book), so the same states give the same history whether they
 * arrive live or are read back from the event log at start, in any interleaving of items.
 *
 * <p>The median is exact for up to {@value #SAMPLE} sell events in an hour; past that it is the
 * median of a sample of {@value #SAMPLE} of them, those whose seq hashes least: a fair sample that
 * is the same whatever order the events came in (the log read at start interleaves with live
 * events). So an item costs at most about 350 bytes an hour however busy it is.
 *
 * <p>Thread-safety: one lock for all; a writer holds it for one batch's states, a reader for one
 * item's copy.
 */
final class PriceHistory {

  /** Seven days of hours. */
  static final int HOURS = 7 * 24;

  static final int SAMPLE = 32;

  private static final long SECONDS_AN_HOUR = 3600;

  private final Map<ItemKey, Hours> items = new HashMap<>();
  private long buckets;

  /** SplitMix64's finaliser: seqs in a row give hashes spread evenly, so the sample is fair. */
  static long mix(long seq) {
    long z = seq + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The hour an instant falls in, as hours since the epoch. */
  static long hourOf(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), SECONDS_AN_HOUR);
  }

  /** Adds the states that priced an item live in its unit; the others change nothing. */
  synchronized void add(List<ListingState> states) {
    for (ListingState state : states) {
      add(state);
    }
  }

  private void add(ListingState state) {
    ItemKey item = state.item();
    if (item == null
        || state.deleted()
        || state.intent() == null
        || state.value() == null
        || !PriceUnit.usual(item.source(), state.value()).equals(state.priceUnit())) {
      return;
    }
    long hour = hourOf(state.updatedAt());
    Hours hours = items.computeIfAbsent(item, ignored -> new Hours());
    if (!hours.isEmpty() && hour <= hours.get(hours.size() - 1).hour - HOURS) {
      return;
    }
    bucket(hours, hour).add(state.intent(), state.value().doubleValue(), state.seq());
    // Hours that fell out of the window go as the item gains a new one.
    int old = 0;
    long newest = hours.get(hours.size() - 1).hour;
    while (hours.get(old).hour <= newest - HOURS) {
      old++;
    }
    if (old > 0) {
      hours.subList(0, old).clear();
      buckets -= old;
    }
  }

  /** The item's bucket of the hour, made in its place (hours ascending) if it had none. */
  private Bucket bucket(List<Bucket> hours, long hour) {
    int at = hours.size();
    while (at > 0 && hours.get(at - 1).hour > hour) {
      at--;
    }
    if (at > 0 && hours.get(at - 1).hour == hour) {
      return hours.get(at - 1);
    }
    Bucket made = new Bucket(hour);
    hours.add(at, made);
    buckets++;
    return made;
  }

  /**
   * The item's 7-day median sell, as a double, NaN when it has none: the median of the sell prices
   * sampled in the {@value #HOURS} hours before the hour of the item's latest state (each hour
   * gives its sample of at most {@value #SAMPLE}; the mean of the two middle ones for an even
   * count). The hour of the latest state is left out, so the median is computed at most once an
   * hour of the item (and kept), and a run of cheap sells does not lower the median they are
   * measured against in their own hour. A state of an earlier hour arriving late (the log read at
   * start, beside live states) counts from the item's next hour on: computing the median again at
   * each of them cost a sort of up to 5,000 samples per item and batch while the log was read.
   */
  synchronized double medianSell(ItemKey item) {
    Hours hours = items.get(item);
    if (hours == null || hours.isEmpty()) {
      return Double.NaN;
    }
    long newest = hours.get(hours.size() - 1).hour;
    if (hours.medianHour != newest) {
      hours.median = median(hours, newest - HOURS, newest - 1);
      hours.medianHour = newest;
    }
    return hours.median;
  }

  private static double median(List<Bucket> hours, long first, long last) {
    int count = 0;
    for (Bucket bucket : hours) {
      if (bucket.hour >= first && bucket.hour <= last) {
        count += bucket.kept;
      }
    }
    if (count == 0) {
      return Double.NaN;
    }
    float[] all = new float[count];
    int at = 0;
    for (Bucket bucket : hours) {
      if (bucket.hour >= first && bucket.hour <= last) {
        for (int i = 0; i < bucket.kept; i++) {
          all[at++] = bucket.price(i);
        }
      }
    }
    // Floats order as their doubles do: sort them, and read only the middle ones back.
    Arrays.sort(all);
    int middle = count / 2;
    return count % 2 == 1
        ? Bucket.exact(all[middle])
        : (Bucket.exact(all[middle - 1]) + Bucket.exact(all[middle])) / 2;
  }

  /** The item's hours within the {@value #HOURS} hours up to {@code now}'s, oldest first. */
  synchronized List<HourlyPrice> of(ItemKey item, Instant now) {
    List<Bucket> hours = items.get(item);
    if (hours == null) {
      return List.of();
    }
    long first = hourOf(now) - HOURS + 1;
    List<HourlyPrice> found = new ArrayList<>(hours.size());
    for (Bucket bucket : hours) {
      if (bucket.hour >= first && bucket.hour <= first + HOURS - 1) {
        found.add(bucket.read());
      }
    }
    return found;
  }

  /** A map entry and a list an item, and per hour a bucket with its samples, as allocated. */
  synchronized long bytes() {
    long bytes = items.size() * 100L + buckets * 52L;
    for (Hours hours : items.values()) {
      for (Bucket bucket : hours) {
        bytes += bucket.samples == null ? 0 : Chunks.arrayBytes(bucket.samples.length, 8);
      }
    }
    return bytes;
  }

  /**
   * One item's hours, oldest first, with its 7-day median sell as last computed and the hour of the
   * item's latest state it was computed at.
   */
  private static final class Hours extends ArrayList<Bucket> {
    long medianHour = Long.MIN_VALUE;
    double median = Double.NaN;

    Hours() {
      super(4);
    }
  }

  /** One item's hour. */
  private static final class Bucket {
    /** Hours since the epoch: an int until the year 247,000. */
    final int hour;

    double bestBuy = Double.NaN;
    double bestSell = Double.NaN;
    int buys;
    int sells;

    /**
     * The sell events kept: those of least {@link #mix} of their seq, at most {@value #SAMPLE}, as
     * that hash and the price's float bits in one long each, in one array made at the hour's first
     * sell and grown as it fills (most hours of most items have a sell or two): about 70 bytes an
     * hour where a bucket with two arrays of pairs took 100. Which are kept depends on the events,
     * not on their order.
     */
    long[] samples;

    int kept;

    Bucket(long hour) {
      this.hour = Math.toIntExact(hour);
    }

    private static int hashOf(long sample) {
      return (int) (sample >>> 32);
    }

    float price(int i) {
      return Float.intBitsToFloat((int) samples[i]);
    }

    void add(Intent intent, double price, long seq) {
      if (intent == Intent.BUY) {
        buys++;
        if (Double.isNaN(bestBuy) || price > bestBuy) {
          bestBuy = price;
        }
        return;
      }
      sells++;
      if (Double.isNaN(bestSell) || price < bestSell) {
        bestSell = price;
      }
      int hash = (int) (mix(seq) >>> 32);
      long sample = ((long) hash << 32) | (Float.floatToIntBits((float) price) & 0xFFFFFFFFL);
      if (kept < SAMPLE) {
        if (samples == null) {
          samples = new long[1];
        } else if (kept == samples.length) {
          samples = Arrays.copyOf(samples, Math.min(SAMPLE, kept * 2));
        }
        samples[kept++] = sample;
        return;
      }
      int greatest = 0;
      for (int i = 1; i < kept; i++) {
        if (Integer.compareUnsigned(hashOf(samples[i]), hashOf(samples[greatest])) > 0) {
          greatest = i;
        }
      }
      if (Integer.compareUnsigned(hash, hashOf(samples[greatest])) < 0) {
        samples[greatest] = sample;
      }
    }

    HourlyPrice read() {
      return new HourlyPrice(
          Instant.ofEpochSecond((long) hour * SECONDS_AN_HOUR),
          decimal(bestBuy),
          decimal(bestSell),
          sells == 0 ? null : decimal(median()),
          buys,
          sells);
    }

    /** The middle kept price; the mean of the two middle ones for an even count. */
    private double median() {
      double[] sorted = new double[kept];
      for (int i = 0; i < kept; i++) {
        sorted[i] = exact(price(i));
      }
      Arrays.sort(sorted);
      int middle = kept / 2;
      return kept % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** A kept price as a double, through its shortest text, so that 11.33f reads back as 11.33. */
    static double exact(float price) {
      return Double.parseDouble(Float.toString(price));
    }

    private static BigDecimal decimal(double value) {
      return Double.isNaN(value) ? null : BigDecimal.valueOf(value);
    }
  }
}
