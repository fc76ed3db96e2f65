package org.tradewatch.core.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.core.market.States.T0;
import static org.tradewatch.core.market.States.bptf;
import static org.tradewatch.core.market.States.skinshark;
import static org.tradewatch.core.market.States.state;

import java.math.BigDecimal;
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
 * Readers during writes see whole batches only. Each batch reprices every listing of a group to the
 * batch's number and moves the group's one deletion to the next listing, so any reader that saw
 * part of a batch would find two prices in the group, or a live count other than one less than the
 * group's size.
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

  /** Every group listing at price {@code b}; listing b deleted, the one before it revived. */
  private static List<ListingState> batch(int b) {
    List<ListingState> states = new ArrayList<>();
    long seq = 2 + (long) b * GROUP;
    for (int i = 0; i < GROUP; i++) {
      boolean deleted = i == b % GROUP;
      states.add(
          state(key(i))
              .name("Group member")
              .value(Integer.toString(b))
              .updated(T0.plusSeconds(b))
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
      BigDecimal low = all.rows().get(0).value();
      BigDecimal high = all.rows().get(all.rows().size() - 1).value();
      assertEquals(low, high, "one price across the group");

      MarketPage live = model.search(group(false, ListingSort.UPDATED_DESC));
      assertEquals(GROUP - 1, live.total(), "one member deleted at a time");
      assertEquals(GROUP - 1, live.rows().size());
      assertEquals(
          live.rows().get(0).updatedAt(), live.rows().get(live.rows().size() - 1).updatedAt());

      Map<ListingKey, ListingState> pair = model.states(List.of(key(0), key(GROUP - 1)));
      assertEquals(pair.get(key(0)).value(), pair.get(key(GROUP - 1)).value());
      reads.incrementAndGet();
    }
  }

  private static ListingQuery group(boolean includeDeleted, ListingSort sort) {
    return new ListingQuery(
        "group", null, null, null, null, null, includeDeleted, sort, 1, ListingQuery.MAX_LIMIT);
  }
}
