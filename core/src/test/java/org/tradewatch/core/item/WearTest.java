package org.tradewatch.core.item;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.Source;

/** Wear tiers as names end with them and as clients write them. */
class WearTest {

  @Test
  void anItemsWearIsTheTierItsNameEndsWith() {
    assertEquals(Wear.FIELD_TESTED, Wear.ofName("AK-47 | Redline (Field-Tested)"));
    assertEquals(Wear.MINIMAL_WEAR, Wear.ofName("StatTrak\u2122 AWP | Asiimov (minimal wear)"));
    assertEquals(Wear.BATTLE_SCARRED, Wear.ofName("A (Factory New) (Battle-Scarred)"));
    assertNull(Wear.ofName("Burning Flames Team Captain"));
    assertNull(Wear.ofName("\u2605 Karambit"));
    assertNull(Wear.ofName("Team Captain (Factory New) #12"));
    assertNull(Wear.ofName("Doppler (Phase 2)"));
    assertNull(Wear.ofName("Field-Tested)"));
    assertNull(Wear.ofName(")"));
    assertNull(Wear.ofName(""));
    assertNull(Wear.ofName(null));
    assertNull(Wear.of(null));
  }

  @Test
  void aSkinsharkItemHasTheWearOfItsListingEvenWhenTheNameLeftItOut() {
    ItemKey skin =
        ItemKey.of(
            Source.SKINSHARK,
            730,
            "M4A4 | Neo-Noir",
            "Covert",
            null,
            "Well-Worn (0.41)",
            null,
            null,
            null,
            null,
            true);
    assertEquals(Wear.WELL_WORN, Wear.of(skin));
  }

  @Test
  void clientsWriteTheNameOrTheAbbreviationInAnyCase() {
    for (Wear wear : Wear.values()) {
      assertEquals(wear, Wear.fromId(wear.id()));
      assertEquals(wear, Wear.fromId(" " + wear.shortName().toLowerCase() + " "));
      assertEquals(wear, Wear.ofName("Skin (" + wear.id() + ")"));
    }
    assertEquals(Wear.WELL_WORN, Wear.fromId("WELL-WORN"));
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> Wear.fromId("Mint"));
    assertEquals(
        "unknown wear 'Mint': expected Factory New, Minimal Wear, Field-Tested, Well-Worn,"
            + " Battle-Scarred or FN, MW, FT, WW, BS",
        bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Wear.fromId(null));
  }
}
