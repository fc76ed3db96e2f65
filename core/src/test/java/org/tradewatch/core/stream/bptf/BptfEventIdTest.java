package org.tradewatch.core.stream.bptf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BptfEventIdTest {

  @Test
  void timestampIsTheFirstFourBytesAsUnixSeconds() {
    BptfEventId id = BptfEventId.parse("69346e7883418419600ebe14");

    assertEquals(Instant.ofEpochSecond(0x69346e78L), id.timestamp());
    assertEquals(Instant.parse("2025-12-06T17:57:12Z"), id.timestamp());
    assertEquals("69346e7883418419600ebe14", id.value());
  }

  @Test
  void timestampIsUnsignedSoTheLargestIdIsIn2106() {
    assertEquals(
        Instant.parse("2106-02-07T06:28:15Z"),
        BptfEventId.parse("ffffffff0000000000000000").timestamp());
    assertEquals(Instant.EPOCH, BptfEventId.parse("000000000000000000000000").timestamp());
  }

  @Test
  void upperCaseIdsAreKeptInLowerCaseSoTheyDedupe() {
    BptfEventId id = BptfEventId.parse("69346E7883418419600EBE14");

    assertEquals("69346e7883418419600ebe14", id.value());
    assertEquals(BptfEventId.parse("69346e7883418419600ebe14"), id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "69346e7883418419600ebe1",
        "69346e7883418419600ebe145",
        "69346e7883418419600ebe1g",
        " 69346e7883418419600ebe1",
        "69346e78-3418419600ebe14",
        // Full-width digits are digits to Character.digit, but not hex to upstream.
        "６9346e7883418419600ebe14"
      })
  void rejectsAnythingButTwentyFourHexDigits(String text) {
    assertFalse(BptfEventId.isValid(text));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BptfEventId.parse(text));
    assertTrue(e.getMessage().contains("24 hex digits"), e.getMessage());
  }

  @Test
  void nullIsNotAnId() {
    assertFalse(BptfEventId.isValid(null));
    assertThrows(NullPointerException.class, () -> BptfEventId.parse(null));
  }
}
