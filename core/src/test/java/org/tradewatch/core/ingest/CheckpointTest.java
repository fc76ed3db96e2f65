package org.tradewatch.core.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.EventDigest;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketModel;

class CheckpointTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private final MarketModel model = new MarketModel();
  private final InMemoryListingStore store = new InMemoryListingStore();

  private static ListingState state(Source source, String id, long seq) {
    return new ListingState(
        new ListingKey(source, id),
        440,
        "Team Captain",
        "Unusual",
        Intent.SELL,
        BigDecimal.ONE,
        T,
        null,
        EventDigest.of("e" + seq),
        T,
        seq);
  }

  @Test
  void foldsEveryChangeSinceTheMarkerPageByPageInLogOrder() {
    List<ListingState> states = new ArrayList<>();
    for (int i = 1; i <= Checkpoint.PAGE * 2 + 5; i++) {
      states.add(state(Source.BPTF, "b" + i, 10L * i));
    }
    states.add(state(Source.SKINSHARK, "s", 7));
    model.apply(states);

    assertEquals(Checkpoint.PAGE * 2 + 5, Checkpoint.run(model, store, Source.BPTF));

    assertEquals(3, store.checkpointCalls.size());
    assertEquals(Checkpoint.PAGE, store.checkpointCalls.get(0)[0]);
    assertEquals(10L * Checkpoint.PAGE, store.checkpointCalls.get(0)[1]);
    assertEquals(5, store.checkpointCalls.get(2)[0]);
    assertEquals(10L * (Checkpoint.PAGE * 2 + 5), store.checkpointSeq(Source.BPTF));
    assertEquals(0, store.checkpointSeq(Source.SKINSHARK), "only the source asked for");
  }

  @Test
  void onlyWhatChangedSinceIsFoldedAgain() {
    model.apply(List.of(state(Source.BPTF, "a", 1), state(Source.BPTF, "b", 2)));
    Checkpoint.run(model, store, Source.BPTF);
    model.apply(List.of(state(Source.BPTF, "a", 5)));

    assertEquals(1, Checkpoint.run(model, store, Source.BPTF));
    assertEquals(0, Checkpoint.run(model, store, Source.BPTF), "nothing new: nothing written");
    assertEquals(5, store.checkpointSeq(Source.BPTF));
  }
}
