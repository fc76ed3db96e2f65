package org.tradewatch.core.stream.bptf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.ListingEvent;
import org.tradewatch.core.stream.RejectedInput;

/** Damaged frames: the decoder must answer for every one of them and never throw. */
class BptfFrameDecoderRobustnessTest {

  private final BptfFrameDecoder decoder = new BptfFrameDecoder();
  private final String batch = Samples.read(Samples.BATCH);
  private final List<String> allIds =
      decoder.decode(batch).events().stream().map(ListingEvent::eventId).toList();

  @Test
  void everyTruncationKeepsAPrefixOfTheEventsAndRejectsTheFrame() {
    for (int cut = 0; cut < batch.length() - 2; cut += 17) {
      String truncated = batch.substring(0, cut);

      DecodedFrame decoded = decoder.decode(truncated);

      List<String> ids = decoded.events().stream().map(ListingEvent::eventId).toList();
      assertEquals(allIds.subList(0, ids.size()), ids, "at " + cut);
      assertFalse(decoded.rejected().isEmpty(), "at " + cut);
      assertEquals(truncated, decoded.rejected().get(decoded.rejected().size() - 1).raw());
    }
  }

  @Test
  void randomDamageNeverThrowsAndKeepsTheRawText() {
    Random random = new Random(20260101L);
    String alphabet = "{}[]\",:0123456789.eE-+ tnfaulsrx\\\u00e9\ud83d\udd25";
    for (int round = 0; round < 300; round++) {
      StringBuilder damaged = new StringBuilder(batch);
      int edits = 1 + random.nextInt(4);
      for (int i = 0; i < edits; i++) {
        int at = random.nextInt(damaged.length());
        switch (random.nextInt(3)) {
          case 0 -> damaged.deleteCharAt(at);
          case 1 -> damaged.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> damaged.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String frame = damaged.toString();

      DecodedFrame decoded = decoder.decode(frame);

      decoded
          .rejected()
          .forEach(
              rejected ->
                  assertTrue(
                      frame.contains(rejected.raw()) || !rejected.raw().startsWith("{"),
                      "raw text of a rejected event is cut from the frame"));
    }
  }

  @Test
  void deepNestingIsRejectedNotAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);

    DecodedFrame decoded = decoder.decode(deep);

    assertEquals(List.of(), decoded.events());
    assertFalse(decoded.rejected().isEmpty());
  }

  @Test
  void deepNestingInsideAListingIsRejectedWithTheFrame() {
    String deep =
        "{\"id\":\"69346e7b1111111111110001\",\"event\":\"listing-update\",\"payload\":"
            + "{\"id\":\"440_1\",\"x\":"
            + "[".repeat(100_000)
            + "]".repeat(100_000)
            + "}}";

    DecodedFrame decoded = decoder.decode(deep);

    assertEquals(List.of(), decoded.events());
    assertEquals(1, decoded.rejected().size());
  }

  // The parser refuses more than 1,000 levels; each top-level element is parsed on its own, so the
  // refusal costs only the element that nests too deep.
  private static final String DEEP_ARRAY = "[".repeat(1500) + "]".repeat(1500);
  private static final String DEEP_OBJECT = "{\"x\":".repeat(1500) + "1" + "}".repeat(1500);

  @Test
  void anElementNestedTooDeepCostsOnlyItself() {
    for (String deep : List.of(DEEP_ARRAY, DEEP_OBJECT)) {
      DecodedFrame decoded = decoder.decode("[" + event(1) + ", " + deep + " ,\n" + event(3) + "]");

      assertEquals(List.of("440_1", "440_3"), listingIds(decoded));
      assertEquals(1, decoded.rejected().size());
      assertEquals(deep, decoded.rejected().get(0).raw());
    }
  }

  @Test
  void anEventWhosePayloadNestsTooDeepCostsOnlyItself() {
    // Brackets and escaped quotes inside strings must not mislead the search for its end.
    String bad = update(2, "{\"id\":\"440_2\",\"details\":\"}]\\\"{[\",\"x\":" + DEEP_OBJECT + "}");

    DecodedFrame decoded = decoder.decode("[" + event(1) + "," + bad + "," + event(3) + "]");

    assertEquals(List.of("440_1", "440_3"), listingIds(decoded));
    RejectedInput rejected = decoded.rejected().get(0);
    assertEquals(bad, rejected.raw());
    assertTrue(rejected.reason().contains("nested"), rejected.reason());
  }

  @Test
  void aSyntaxErrorInsideOneEventCostsOnlyThatEvent() {
    String bad = update(2, "{\"id\":\"440_2\" \"appid\":440}");

    DecodedFrame decoded = decoder.decode("[" + event(1) + "," + bad + "," + event(3) + "]");

    assertEquals(List.of("440_1", "440_3"), listingIds(decoded));
    assertEquals(bad, decoded.rejected().get(0).raw());
    assertTrue(decoded.rejected().get(0).reason().startsWith("malformed JSON at offset "));
  }

  @Test
  void aDeepElementInAFullBatchCostsOnlyItself() {
    List<String> elements = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      elements.add(i == 250 ? DEEP_ARRAY : event(i + 1));
    }

    DecodedFrame decoded = decoder.decode("[" + String.join(",", elements) + "]");

    assertEquals(500, decoded.events().size());
    assertEquals("440_501", decoded.events().get(499).key().id());
    assertEquals(List.of(DEEP_ARRAY), decoded.rejected().stream().map(RejectedInput::raw).toList());
  }

  private static String event(int n) {
    return update(n, "{\"id\":\"440_" + n + "\",\"value\":{\"raw\":" + n + ".5}}");
  }

  private static String update(int n, String payload) {
    return "{\"id\":\""
        + String.format("69346e7b%016x", n)
        + "\",\"event\":\"listing-update\",\"payload\":"
        + payload
        + "}";
  }

  private static List<String> listingIds(DecodedFrame decoded) {
    return decoded.events().stream().map(event -> event.key().id()).toList();
  }
}
