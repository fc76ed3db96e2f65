package org.tradewatch.persistence.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.status.StreamCounters;
import org.tradewatch.persistence.TestDatabase;

class JpaStreamStatusStoreTest {

  private TestDatabase db;
  private JpaStreamStatusStore store;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    store = new JpaStreamStatusStore(db.factory());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void savesThenReplacesEachSourcesCounters() {
    assertTrue(store.load(Source.BPTF).isEmpty());

    StreamCounters first =
        new StreamCounters(Source.BPTF, 10, 2, 1, 0, Instant.parse("2025-03-01T12:00:00.123Z"));
    store.save(first);
    store.save(StreamCounters.zero(Source.SKINSHARK));

    assertEquals(Optional.of(first), store.load(Source.BPTF));

    StreamCounters second = new StreamCounters(Source.BPTF, Long.MAX_VALUE, 3, 4, 5, null);
    store.save(second);

    assertEquals(Optional.of(second), store.load(Source.BPTF));
    assertEquals(Optional.of(StreamCounters.zero(Source.SKINSHARK)), store.load(Source.SKINSHARK));
  }
}
