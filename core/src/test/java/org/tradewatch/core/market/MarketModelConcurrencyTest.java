package org.tradewatch.core.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.core.market.States.T0;
import static org.tradewatch.core.market.States.bptf;
import static org.tradewatch.core.market.States.skinshark;
import static org.tradewatch.core.market.States.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.core.listing.ListingState;

/**
 * Readers during writes see whole batches only. Each batch reprices and re-times every listing of a
 * group within a band of its own (batch b: prices b * 1000 and up, times in second b), in a new
 * order, and moves the group's one deletion to the next listing. A reader that saw part of a batch
 * would find prices or times of two bands, or a live count other than one less than the group's
 * size; one that saw the columns of a batch with the orders of another would find them unsorted.
 */
class MarketModelConcurrencyTest {

  private static final int GROUP = 300;
  private static final int BATCHES = 600;

  private final MarketModel model = new MarketModel();
  private final AtomicBoolean writing = new AtomicBoolean(true);
  private final AtomicLong reads = new AtomicLong();

  @Test
  void readersNeverSeeAPartOfABatch() throws Exception {
    List<ListingState> filler = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      filler.add(
          state(skinshark("f" + i)).name("Filler").value(Integer.toString(i)).seq(1).build());
    }
    model.apply(filler);
    model.apply(batch(0));

    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      Future<?> writer =
          threads.submit(
              () -> {
                try {
                  for (int b = 1; b <= BATCHES; b++) {
                    model.apply(batch(b));
                  }
                } finally {
                  writing.set(false);
                }
              });
      List<Future<?>> readers = List.of(threads.submit(this::read), threads.submit(this::read));
      writer.get(2, TimeUnit.MINUTES);
      for (Future<?> reader : readers) {
        reader.get(2, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
    }
    assertTrue(reads.get() > 0, "no read ran while batches were applied");
    assertEquals(GROUP - 1, model.search(group(false, ListingSort.VALUE_ASC)).total());
  }

  /** Batch b: the group in band b, in an order of its own; listing b deleted, the rest live. */
  private static List<ListingState> batch(int b) {
    List<ListingState> states = new ArrayList<>();
    long seq = 2 + (long) b * GROUP;
    for (int i = 0; i < GROUP; i++) {
      boolean deleted = i == b % GROUP;
      states.add(
          state(key(i))
              .name("Group member")
              .value(Integer.toString(b * 1000 + (i * 7 + b) % GROUP))
              .updated(T0.plusSeconds(b).plusMillis((i * 13 + 5L * b) % GROUP))
              .deleted(deleted ? T0.plusSeconds(b) : null)
              .seq(seq + i)
              .build());
    }
    return states;
  }

  private static ListingKey key(int member) {
    return bptf("g" + member);
  }

  private void read() {
    while (writing.get()) {
      MarketPage all = model.search(group(true, ListingSort.VALUE_ASC));
      assertEquals(GROUP, all.total());
      assertEquals(GROUP, all.rows().size());
      long band = band(all.rows().get(0));
      for (int i = 1; i < all.rows().size(); i++) {
        ListingState row = all.rows().get(i);
        assertEquals(band, band(row), "prices of one batch");
        assertTrue(
            row.value().compareTo(all.rows().get(i - 1).value()) > 0, "sorted by the value order");
      }

      MarketPage live = model.search(group(false, ListingSort.UPDATED_DESC));
      assertEquals(GROUP - 1, live.total(), "one member deleted at a time");
      assertEquals(GROUP - 1, live.rows().size());
      long second = live.rows().get(0).updatedAt().getEpochSecond();
      for (int i = 1; i < live.rows().size(); i++) {
        ListingState row = live.rows().get(i);
        assertEquals(second, row.updatedAt().getEpochSecond(), "times of one batch");
        assertTrue(
            row.updatedAt().isBefore(live.rows().get(i - 1).updatedAt()),
            "sorted by the updated order");
      }

      Map<ListingKey, ListingState> pair = model.states(List.of(key(0), key(GROUP - 1)));
      assertEquals(band(pair.get(key(0))), band(pair.get(key(GROUP - 1))));
      reads.incrementAndGet();
    }
  }

  private static long band(ListingState state) {
    return state.value().longValue() / 1000;
  }

  private static ListingQuery group(boolean includeDeleted, ListingSort sort) {
    return new ListingQuery(
        "group", null, null, null, null, null, includeDeleted, sort, 1, ListingQuery.MAX_LIMIT);
  }
}
