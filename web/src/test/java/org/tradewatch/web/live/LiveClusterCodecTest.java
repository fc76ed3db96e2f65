package org.tradewatch.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.Source;

/** What one instance announces to the others: keys, whatever characters their ids hold. */
class LiveClusterCodecTest {

  @Test
  void keysSurviveTheTripWhateverTheirIdsHold() {
    List<ListingKey> keys =
        List.of(
            new ListingKey(Source.BPTF, "440_76561198000000001_26b1c3911028c585c5bb08dd3a9b16b7"),
            new ListingKey(Source.SKINSHARK, "id with \"quotes\", commas\nand a newline"),
            new ListingKey(Source.SKINSHARK, "ünïcødé ✓"));
    String text = LiveCluster.encode(keys);
    assertEquals(keys, LiveCluster.decode(text));
    assertEquals(List.of(), LiveCluster.decode(LiveCluster.encode(List.of())));
  }
}
