package org.tradewatch.core.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;

class AlertTest {

  private static Alert alert(String value, Instant at) {
    return new Alert(
        "00000000000000a1",
        "alice",
        "00000000000000b2",
        new ListingKey(Source.BPTF, "440_1"),
        null,
        null,
        null,
        null,
        new BigDecimal(value),
        "ref",
        Alert.Reason.MATCHED,
        at,
        false);
  }

  @Test
  void anAlertIsWhatItsStoredCopyIs() {
    Instant at = Instant.parse("2026-12-07T19:08:14.623944284Z");
    Alert fresh = alert("70.83", at);
    Alert stored = alert("70.830000000000", Instant.parse("2026-12-07T19:08:14.623944Z"));
    assertEquals(stored, fresh, "times to the microsecond, values by value");
    assertEquals(Instant.parse("2026-12-07T19:08:14.623944Z"), fresh.at());
    assertEquals("100", alert("100.00", at).value().toPlainString());
  }
}
