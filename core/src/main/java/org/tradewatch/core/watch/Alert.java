package org.tradewatch.core.watch;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingState;
import org.tradewatch.core.listing.Source;

/**
 * A listing that matched a watch, as its owner is told of it: what the listing was when it matched.
 *
 * @param id its id ({@link Ids})
 * @param owner the key of the account whose watch matched
 * @param watchId the watch (which may since have been deleted)
 * @param listing the listing
 * @param item the listing's item, or null when upstream named none
 * @param itemName the item's name as the listing gave it, or null
 * @param quality the listing's quality (or skinshark rarity), or null
 * @param intent the listing's intent, or null
 * @param value the listing's price, or null; held without trailing zeros, so alerts compare by it
 * @param valueUnit the unit of {@code value}: {@code ref} for backpack.tf, {@code USD} for
 *     skinshark
 * @param reason why it alerted: first matched, or back within the bound
 * @param at when Tradewatch applied the change that matched, to the microsecond
 * @param read whether its owner marked it read
 */
public record Alert(
    String id,
    String owner,
    String watchId,
    ListingKey listing,
    ItemKey item,
    String itemName,
    String quality,
    Intent intent,
    BigDecimal value,
    String valueUnit,
    Reason reason,
    Instant at,
    boolean read) {

  /** Why a listing alerted a watch. */
  public enum Reason {
    /** The listing matched the watch for the first time. */
    MATCHED,
    /** The listing had matched, its price left the bound, and it came back within it. */
    CROSSED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException for anything but {@code matched} and {@code crossed}
     */
    public static Reason fromId(String id) {
      for (Reason reason : values()) {
        if (reason.id().equals(id)) {
          return reason;
        }
      }
      throw new IllegalArgumentException("unknown alert reason '" + id + "'");
    }
  }

  public Alert {
    Ids.require(id, "alert id");
    Ids.require(watchId, "watch id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(listing, "listing");
    Objects.requireNonNull(valueUnit, "valueUnit");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
    // As the store keeps it: an alert pushed live says what the stored one says.
    at = at.truncatedTo(ChronoUnit.MICROS);
    // Compared by value, as a stored value comes back at the column's scale.
    if (value != null) {
      value = value.stripTrailingZeros();
      if (value.scale() < 0) {
        value = value.setScale(0);
      }
    }
  }

  /** The alert of {@code watch} for a listing as {@code state} holds it. */
  public static Alert of(String id, Watch watch, ListingState state, Reason reason) {
    return new Alert(
        id,
        watch.owner(),
        watch.id(),
        state.key(),
        state.item(),
        state.itemName(),
        state.quality(),
        state.intent(),
        state.value(),
        unitOf(state.key().source()),
        reason,
        state.updatedAt(),
        false);
  }

  /** The unit of listing values of a source, which price bounds share. */
  public static String unitOf(Source source) {
    return source == Source.BPTF ? "ref" : "USD";
  }

  /** This alert marked read or unread. */
  public Alert withRead(boolean read) {
    return new Alert(
        id, owner, watchId, listing, item, itemName, quality, intent, value, valueUnit, reason, at,
        read);
  }
}
