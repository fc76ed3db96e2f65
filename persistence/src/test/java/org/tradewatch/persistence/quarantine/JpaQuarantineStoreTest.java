package org.tradewatch.persistence.quarantine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.ingest.QuarantinedInput;
import org.tradewatch.core.listing.Source;
import org.tradewatch.persistence.TestDatabase;

class JpaQuarantineStoreTest {

  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00.001Z");

  private TestDatabase db;
  private JpaQuarantineStore store;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    store = new JpaQuarantineStore(db.factory());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void keepsInputsWholeAndCountsThemPerSource() {
    String frame = "[{\"id\":\"x\",\"details\":\"<b>\uD83D\uDD25</b>\"" + ",".repeat(100_000) + "]";
    QuarantinedInput big = new QuarantinedInput(Source.BPTF, T0, "not JSON: ',' at 57", frame);
    QuarantinedInput other =
        new QuarantinedInput(Source.SKINSHARK, T0, "unknown event", "{\"event\":\"x\"}");

    store.addAll(List.of(big, other));

    assertEquals(1, store.count(Source.BPTF));
    assertEquals(1, store.count(Source.SKINSHARK));
    assertEquals(List.of(big), store.latest(Source.BPTF, 10));
  }

  @Test
  void latestIsNewestFirstAndLimited() {
    QuarantinedInput first = new QuarantinedInput(Source.BPTF, T0, "a", "1");
    QuarantinedInput second = new QuarantinedInput(Source.BPTF, T0.plusMillis(1), "b", "2");
    QuarantinedInput sameInstant = new QuarantinedInput(Source.BPTF, T0.plusMillis(1), "c", "3");
    store.addAll(List.of(first));
    store.addAll(List.of(second, sameInstant));

    assertEquals(List.of(sameInstant, second), store.latest(Source.BPTF, 2));
    assertEquals(List.of(sameInstant, second, first), store.latest(Source.BPTF, 10));
    assertEquals(List.of(), store.latest(Source.BPTF, 0));
    assertEquals(List.of(), store.latest(Source.SKINSHARK, 10));
    assertEquals(0, store.count(Source.SKINSHARK));
  }

  @Test
  void anOverlongReasonIsShortenedAndTheRawTextIsNot() {
    String raw = "r".repeat(50_000);
    store.addAll(List.of(new QuarantinedInput(Source.BPTF, T0, "why ".repeat(1_000), raw)));

    QuarantinedInput stored = store.latest(Source.BPTF, 1).get(0);

    assertEquals(QuarantineEntity.REASON_LENGTH, stored.reason().length());
    assertEquals(raw, stored.raw());
  }
}
